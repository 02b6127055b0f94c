package org.ganzhi.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ganzhi's typed configuration: the {@code ganzhi} block of {@code reference.conf} (in the jar)
 * overridden by an environment file from {@code conf/}. Everything is validated here, before
 * Spark starts, so a bad file fails with a message naming the setting.
 */
public final class GanzhiConfig implements Serializable {
    private static final Set<String> FORMATS = Set.of("csv", "json", "parquet");
    private static final Set<String> COMPRESSIONS = Set.of("gzip", "none");

    private final transient Config raw;
    private final OperatorSettings operator;
    private final IngestSettings ingest;
    private final Map<String, SourceContract> sources;
    private final Map<String, String> serviceItemClasses;

    private GanzhiConfig(Config raw) {
        this.raw = raw;
        SettingNames.check(raw);
        try {
            this.operator = readOperator(raw.getConfig("ganzhi.operator"));
            this.ingest = readIngest(raw.getConfig("ganzhi.ingest"));
            this.serviceItemClasses = readCatalogue(raw.getConfig("ganzhi.catalogue.service-items"));
            this.sources = readSources(raw.getObject("ganzhi.sources"), raw.getConfig("ganzhi.sources"));
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage());
        }
    }

    /** Defaults only (reference.conf). */
    public static GanzhiConfig defaults() {
        return new GanzhiConfig(ConfigFactory.defaultReference().resolve());
    }

    /** An environment file that overrides the defaults; its own includes are honoured. */
    public static GanzhiConfig load(Path confFile) {
        if (!Files.isReadable(confFile)) {
            throw new ConfigError("cannot read configuration file " + confFile.toAbsolutePath());
        }
        try {
            Config file = ConfigFactory.parseFile(confFile.toFile());
            return new GanzhiConfig(file.withFallback(ConfigFactory.defaultReference()).resolve());
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage());
        }
    }

    /** Defaults with some settings replaced, for tests and one-off overrides. */
    public GanzhiConfig with(Map<String, ?> overrides) {
        return new GanzhiConfig(ConfigFactory.parseMap(overrides).withFallback(raw).resolve());
    }

    public Config raw() {
        return raw;
    }

    public OperatorSettings operator() {
        return operator;
    }

    public IngestSettings ingest() {
        return ingest;
    }

    /** Enabled sources, by name. */
    public Map<String, SourceContract> sources() {
        return sources;
    }

    public SourceContract source(String name) {
        SourceContract contract = sources.get(name);
        if (contract == null) {
            throw new ConfigError("no source named '" + name + "' (configured: " + sources.keySet() + ")");
        }
        return contract;
    }

    /** Service item code → service class (HANDLING, REMINDER, QUERY). */
    public Map<String, String> serviceItemClasses() {
        return serviceItemClasses;
    }

    private static OperatorSettings readOperator(Config c) {
        ZoneId zone;
        try {
            zone = ZoneId.of(c.getString("timezone"));
        } catch (DateTimeException e) {
            throw new ConfigError("ganzhi.operator.timezone: " + e.getMessage());
        }
        String countryCode = c.getString("country-code");
        if (!countryCode.matches("[1-9][0-9]{0,2}")) {
            throw new ConfigError("ganzhi.operator.country-code must be 1-3 digits, got '" + countryCode + "'");
        }
        int length = c.getInt("national-number-length");
        if (length < 6 || length > 14) {
            throw new ConfigError("ganzhi.operator.national-number-length must be 6..14, got " + length);
        }
        String trunk = c.getString("trunk-prefix");
        if (!trunk.matches("[0-9]{0,3}")) {
            throw new ConfigError("ganzhi.operator.trunk-prefix must be empty or up to 3 digits, got '" + trunk + "'");
        }
        return new OperatorSettings(zone, countryCode, length, List.copyOf(c.getStringList("mobile-prefixes")), trunk);
    }

    private static IngestSettings readIngest(Config c) {
        return new IngestSettings(List.copyOf(c.getStringList("timestamp-formats")),
                List.copyOf(c.getStringList("date-formats")),
                c.getStringList("boolean-true").stream().map(s -> s.toLowerCase(Locale.ROOT)).toList(),
                c.getStringList("boolean-false").stream().map(s -> s.toLowerCase(Locale.ROOT)).toList(),
                positive(c, "max-text-length"), positive(c, "max-free-text-length"), java.time.LocalDate.parse(c.getString("earliest-event-date")),
                nonNegative(c, "future-tolerance-days"), nonNegative(c, "resend-window-days"));
    }

    private static int nonNegative(Config c, String key) {
        int value = c.getInt(key);
        if (value < 0) {
            throw new ConfigError("ganzhi.ingest." + key + " must be 0 or more, got " + value);
        }
        return value;
    }

    private static int positive(Config c, String key) {
        int value = c.getInt(key);
        if (value <= 0) {
            throw new ConfigError("ganzhi.ingest." + key + " must be positive, got " + value);
        }
        return value;
    }

    private static Map<String, String> readCatalogue(Config c) {
        Map<String, String> classes = new LinkedHashMap<>();
        for (String code : c.root().keySet().stream().sorted().toList()) {
            classes.put(code, c.getString(code + ".class"));
        }
        return Map.copyOf(classes);
    }

    private Map<String, SourceContract> readSources(ConfigObject order, Config c) {
        Map<String, SourceContract> result = new LinkedHashMap<>();
        // ConfigObject keeps no file order; sort by name so runs and summaries are stable.
        for (String name : order.keySet().stream().sorted().toList()) {
            Config source = c.getConfig(name);
            if (!source.hasPath("enabled") || source.getBoolean("enabled")) {
                result.put(name, readSource(name, source));
            }
        }
        return java.util.Collections.unmodifiableMap(result);
    }

    private SourceContract readSource(String name, Config c) {
        String where = "ganzhi.sources." + name;
        String format = c.getString("format");
        if (!FORMATS.contains(format)) {
            throw new ConfigError(where + ".format must be one of " + FORMATS + ", got '" + format + "'");
        }
        String compression = c.hasPath("compression") ? c.getString("compression") : "none";
        if (!COMPRESSIONS.contains(compression)) {
            throw new ConfigError(where + ".compression must be one of " + COMPRESSIONS + ", got '" + compression + "'");
        }
        List<ColumnSpec> columns = new ArrayList<>();
        for (Config column : c.getConfigList("columns")) {
            columns.add(readColumn(where, column));
        }
        List<String> names = columns.stream().map(ColumnSpec::name).toList();
        List<String> withFlags = new ArrayList<>(names);
        columns.stream().map(ColumnSpec::negativeFlag).filter(java.util.Objects::nonNull).forEach(withFlags::add);
        if (Set.copyOf(withFlags).size() != withFlags.size()) {
            throw new ConfigError(where + ".columns has a column name twice (negative-flag names included): " + withFlags);
        }
        for (ColumnSpec column : columns) {
            String other = column.notBefore();
            if (other != null && columns.stream().noneMatch(x -> x.name().equals(other) && x.type() == column.type())) {
                throw new ConfigError(where + "." + column.name() + ".not-before names '" + other
                        + "', which is not a " + column.type() + " column of the source");
            }
        }
        List<String> key = List.copyOf(c.getStringList("key"));
        for (String k : key) {
            if (!names.contains(k)) {
                throw new ConfigError(where + ".key names '" + k + "', which is not a column");
            }
        }
        Optional<String> eventTime = c.hasPath("event-time") ? Optional.of(c.getString("event-time")) : Optional.empty();
        eventTime.ifPresent(column -> {
            ColumnType type = columns.stream().filter(x -> x.name().equals(column)).map(ColumnSpec::type)
                    .findFirst().orElseThrow(() -> new ConfigError(where + ".event-time names '" + column + "', which is not a column"));
            if (type != ColumnType.TIMESTAMP && type != ColumnType.DATE) {
                throw new ConfigError(where + ".event-time must be a timestamp or date column, '" + column + "' is " + type);
            }
        });
        return new SourceContract(name, format, compression,
                c.hasPath("header") && c.getBoolean("header"),
                c.hasPath("delimiter") ? c.getString("delimiter") : ",",
                c.getBoolean("required"), key, eventTime, List.copyOf(columns));
    }

    private ColumnSpec readColumn(String where, Config c) {
        String name = c.getString("name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new ConfigError(where + ": column name '" + name + "' must be lower_snake_case");
        }
        ColumnType type = ColumnType.parse(c.getString("type"));
        List<String> values = List.of();
        if (c.hasPath("values")) {
            values = List.copyOf(c.getStringList("values"));
        } else if (c.hasPath("catalogue")) {
            String catalogue = c.getString("catalogue");
            if (!catalogue.equals("service-items")) {
                throw new ConfigError(where + "." + name + ": unknown catalogue '" + catalogue + "'");
            }
            values = serviceItemClasses.keySet().stream().sorted().toList();
        }
        if (type == ColumnType.CODE && values.isEmpty()) {
            throw new ConfigError(where + "." + name + ": a code column needs 'values' or 'catalogue'");
        }
        Map<String, String> aliases = new LinkedHashMap<>();
        if (c.hasPath("aliases")) {
            for (Map.Entry<String, ConfigValue> e : c.getObject("aliases").entrySet()) {
                String canonical = String.valueOf(e.getValue().unwrapped());
                if (!values.contains(canonical)) {
                    throw new ConfigError(where + "." + name + ": alias '" + e.getKey() + "' maps to unknown code '" + canonical + "'");
                }
                aliases.put(e.getKey().toUpperCase(Locale.ROOT), canonical);
            }
        }
        Double min = c.hasPath("min") ? c.getDouble("min") : null;
        Double max = c.hasPath("max") ? c.getDouble("max") : null;
        String notBefore = c.hasPath("not-before") ? c.getString("not-before") : null;
        if (notBefore != null && type != ColumnType.TIMESTAMP && type != ColumnType.DATE) {
            throw new ConfigError(where + "." + name + ": not-before applies to timestamp and date columns only");
        }
        String negativeFlag = c.hasPath("negative-flag") ? c.getString("negative-flag") : null;
        if (negativeFlag != null && (!type.isNumeric() || (min != null && min >= 0))) {
            throw new ConfigError(where + "." + name + ": negative-flag applies to number columns that may be negative (no min >= 0)");
        }
        if (negativeFlag != null && !negativeFlag.matches("[a-z][a-z0-9_]*")) {
            throw new ConfigError(where + "." + name + ": negative-flag '" + negativeFlag + "' must be a lower_snake_case column name");
        }
        return new ColumnSpec(name, c.hasPath("landing-name") ? c.getString("landing-name") : name, type,
                c.hasPath("required") && c.getBoolean("required"), values, Map.copyOf(aliases), min, max, notBefore,
                negativeFlag);
    }
}
