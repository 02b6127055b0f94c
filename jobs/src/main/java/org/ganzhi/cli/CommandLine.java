package org.ganzhi.cli;

import org.ganzhi.common.GanzhiException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed words of one invocation: a command, named options ({@code --name value},
 * {@code --name=value} or a bare flag) and positional arguments. Typed getters validate and say
 * exactly which option is wrong. Nothing here touches Spark.
 */
public final class CommandLine {
    private final String command;
    private final Map<String, String> options;
    private final List<String> positional;

    private CommandLine(String command, Map<String, String> options, List<String> positional) {
        this.command = command;
        this.options = options;
        this.positional = positional;
    }

    /** Parses against a command's known options; flags take no value. */
    public static CommandLine parse(String[] args, Command.Spec spec) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String word = args[i];
            if (!word.startsWith("--")) {
                positional.add(word);
                continue;
            }
            String name = word.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            String unknown = name;
            Command.Option option = spec.option(name).orElseThrow(() -> new GanzhiException(
                    "unknown option --" + unknown + " for '" + spec.name()
                            + "'. Run 'ganzhi " + spec.name() + " --help' for its options."));
            if (option.flag()) {
                if (value != null) {
                    throw new GanzhiException("option --" + name + " is a flag and takes no value");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new GanzhiException("option --" + name + " needs a value (" + option.help() + ")");
                }
                value = args[++i];
            }
            if (options.put(name, value) != null) {
                throw new GanzhiException("option --" + name + " is given twice");
            }
        }
        if (!options.containsKey("help")) {
            for (Command.Option option : spec.options()) {
                if (option.required() && !options.containsKey(option.name())) {
                    throw new GanzhiException("'" + spec.name() + "' needs --" + option.name() + " (" + option.help() + ")");
                }
            }
            if (positional.size() != spec.positional().size()) {
                throw new GanzhiException(spec.positional().isEmpty()
                        ? "'" + spec.name() + "' takes no positional arguments, got " + positional
                        : "'" + spec.name() + "' needs exactly " + spec.positional().size() + " argument(s): "
                        + String.join(" ", spec.positional()) + "; got " + positional.size());
            }
        }
        return new CommandLine(spec.name(), options, List.copyOf(positional));
    }

    public String command() {
        return command;
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public String required(String name) {
        return string(name).orElseThrow(() -> new GanzhiException("missing --" + name));
    }

    public List<String> positional() {
        return positional;
    }

    public LocalDate date(String name) {
        String text = required(name);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new GanzhiException("option --" + name + " must be a date as YYYY-MM-DD, got '" + text + "'");
        }
    }

    public long positiveLong(String name, long max) {
        String text = required(name);
        long value;
        try {
            value = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new GanzhiException("option --" + name + " must be a whole number, got '" + text + "'");
        }
        if (value < 1 || value > max) {
            throw new GanzhiException("option --" + name + " must be between 1 and " + max + ", got " + value);
        }
        return value;
    }

    public long anyLong(String name) {
        String text = required(name);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new GanzhiException("option --" + name + " must be a whole number, got '" + text + "'");
        }
    }
}
