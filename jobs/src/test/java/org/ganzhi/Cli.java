package org.ganzhi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ganzhi.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Ganzhi's command line run in the test's JVM, as scripts/ganzhi runs it, with what it printed kept. */
public final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {
    }

    /** Exit code, stdout and stderr of one invocation. */
    public record Outcome(int code, String out, String err) {
        /** The JSON summary every command prints as the last line of stdout. */
        public JsonNode summary() {
            List<String> lines = out.strip().lines().toList();
            try {
                return JSON.readTree(lines.get(lines.size() - 1));
            } catch (IOException e) {
                throw new UncheckedIOException("the last line of stdout is not the JSON summary:\n" + out, e);
            }
        }
    }

    public static Outcome run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command that must succeed (exit 0, not FAILED) and returns its summary. */
    public static JsonNode succeed(Map<String, String> env, String... args) {
        Outcome outcome = run(env, args);
        assertEquals(Main.OK, outcome.code(), String.join(" ", args) + " failed: " + outcome.err());
        JsonNode summary = outcome.summary();
        assertNotEquals("FAILED", summary.path("status").asText(), summary.toString());
        return summary;
    }
}
