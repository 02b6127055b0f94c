package org.ganzhi.cli;

import org.ganzhi.Cli;
import org.ganzhi.Cli.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Option errors are caught before Spark starts, with one clear paragraph and exit code 2. */
class CommandLineTest {

    private static Outcome run(Map<String, String> env, String... args) {
        return Cli.run(env, args);
    }

    private static Outcome run(String... args) {
        return Cli.run(Map.of(), args);
    }

    @Test
    void helpNamesEveryOptionOfACommand() {
        Outcome help = run("generate", "--help");
        assertEquals(0, help.code());
        for (String option : new String[]{"--lake", "--subscribers", "--days", "--start", "--seed", "--overwrite", "--conf"}) {
            assertTrue(help.out().contains(option), option + " in\n" + help.out());
        }
    }

    @Test
    void everyCommandsHelpNamesEachOfItsOptions() {
        for (Command command : Command.values()) {
            Outcome help = run(command.commandName(), "--help");
            assertEquals(0, help.code(), help.err());
            assertTrue(help.out().contains(command.summary().substring(0, 20)), help.out());
            Options.commandLine().getSubcommands().get(command.commandName()).getCommandSpec().options().forEach(option -> {
                assertTrue(help.out().contains(option.longestName()), option.longestName() + " in\n" + help.out());
            });
        }
        Outcome nightly = run("nightly", "--help");
        for (String option : new String[]{"--lake", "--date", "--from", "--conf", "--verbose", "--help"}) {
            assertTrue(nightly.out().contains(option), option + " in\n" + nightly.out());
        }
    }

    @Test
    void theOverviewListsEveryCommand() {
        for (String[] words : new String[][]{{}, {"--help"}, {"-h"}, {"help"}}) {
            Outcome overview = run(words);
            assertEquals(0, overview.code(), overview.err());
            for (Command command : Command.values()) {
                assertTrue(overview.out().contains(command.commandName()), command + " in\n" + overview.out());
            }
            assertTrue(overview.out().contains("completion"), overview.out());
        }
        Outcome helpOfOne = run("help", "backfill");
        assertEquals(0, helpOfOne.code());
        assertTrue(helpOfOne.out().contains("--from") && helpOfOne.out().contains("--to"), helpOfOne.out());
    }

    @Test
    void completionPrintsABashScriptForEveryCommandAndOption() {
        Outcome completion = run("completion");
        assertEquals(0, completion.code(), completion.err());
        assertEquals("", completion.err());
        String script = completion.out();
        assertTrue(script.startsWith("#!/usr/bin/env bash"), script.lines().findFirst().orElse(""));
        assertTrue(script.contains("complete -F _complete_ganzhi"), "registers the completion function");
        for (String word : new String[]{"nightly", "backfill", "--lake", "--msisdn-file", "--train-from", "--subscribers"}) {
            assertTrue(script.contains(word), word);
        }
    }

    @Test
    void aValueOfTheWrongTypeIsNamedBeforeAnythingElse() {
        // The month is checked while parsing, before the lake (which does not exist) or the configuration is read.
        assertError(run("nightly", "--lake", "/no/such/lake", "--date", "2026-13-01"),
                "option --date must be a date as YYYY-MM-DD, got '2026-13-01'");
        assertError(run("generate", "--lake", "/tmp/x", "--subscribers", "100_000_001", "--days", "1", "--start", "2026-11-01",
                "--seed", "1"), "option --subscribers must be between 1 and 100000000, got 100000001");
        assertError(run("generate", "--lake", "/tmp/x", "--subscribers", "10", "--days", "367", "--start", "2026-11-01",
                "--seed", "1"), "option --days must be between 1 and 366");
        assertError(run("generate", "--lake", "/tmp/x", "--subscribers", "10", "--days", "1", "--start", "2026-11-01",
                "--seed", "x"), "option --seed must be a whole number, got 'x'");
        assertError(run("status", "--lake", "/tmp", "--limit", "100001"), "option --limit must be between 1 and 100000");
        assertError(run("ingest", "--lake", "/tmp", "--date"), "option --date needs a value");
        assertError(run("ingest", "--lake", "/tmp", "--dat", "2026-11-01"), "did you mean --date?");
        assertError(run("features", "--lake", "/tmp", "--date", "2026-11-01", "extra"), "'features' takes no positional arguments");
    }

    @Test
    void badOptionsFailWithOneParagraphAndExitTwo() {
        assertError(run("ingest", "--lake", "/tmp", "--date", "2026-02-30"), "option --date must be a date as YYYY-MM-DD");
        assertError(run("ingest", "--lake", "/tmp"), "'ingest' needs --date");
        assertError(run("ingest", "--lake", "/tmp", "--date", "2026-11-03", "--colour", "red"), "unknown option --colour");
        assertError(run("generate", "--lake", "/tmp/x", "--subscribers", "-5", "--days", "1", "--start", "2026-11-01", "--seed", "1"),
                "option --subscribers must be between 1 and");
        assertError(run("generate", "--lake", "/tmp/x", "--subscribers", "ten", "--days", "1", "--start", "2026-11-01", "--seed", "1"),
                "option --subscribers must be a whole number");
        assertError(run("frobnicate"), "unknown command 'frobnicate'; the commands are [generate, ingest,");
        assertError(run("sql", "--lake", "/tmp"), "'sql' needs exactly 1 argument");
        assertError(run("ingest", "--lake", "/tmp", "--date", "2026-11-03", "--date", "2026-11-04"), "given twice");
        assertError(run("ingest", "--lake", "/tmp", "--date", "2026-11-05", "--to", "2026-11-01"),
                "the last delivery date 2026-11-01 is before the first 2026-11-05");
        assertError(run("features", "--lake", "/tmp", "--date", "2026-11-05", "--to", "2026-11-06"), "--to");
    }

    @Test
    void aBackfillRangeIsCheckedBeforeSparkStarts() {
        assertError(run("backfill", "--lake", "/tmp", "--from", "2026-11-05", "--to", "2026-11-01"),
                "'backfill' needs --from on or before --to; got --from 2026-11-05 --to 2026-11-01");
        assertError(run("backfill", "--lake", "/tmp", "--from", "2025-11-01", "--to", "2026-11-03"),
                "is 368 days, more than the 366 allowed (ganzhi.backfill.max-days)");
        assertError(run("backfill", "--lake", "/tmp", "--from", "2026-11-01"), "'backfill' needs --to");
        assertError(run("backfill", "--lake", "/no/such/lake", "--from", "2026-11-01", "--to", "2026-11-02"),
                "the lake /no/such/lake does not exist");
    }

    @Test
    void aFirstNightCatchesUpFromItsFromDate(@TempDir Path lake) {
        Main.Invocation night = Main.Invocation.parse(new String[]{"nightly", "--lake", lake.toString(), "--date", "2026-11-30",
                "--from", "2026-11-01"}, Map.of());
        assertEquals(new org.ganzhi.ingest.IngestOptions(night.lake(), java.time.LocalDate.parse("2026-11-01"),
                java.time.LocalDate.parse("2026-11-30")), night.nightlyIngest());
        Main.Invocation usual = Main.Invocation.parse(new String[]{"nightly", "--lake", lake.toString(), "--date", "2026-11-30"}, Map.of());
        assertEquals(java.util.List.of(java.time.LocalDate.parse("2026-11-30")), usual.nightlyIngest().deliveryDates());
        assertError(run("nightly", "--lake", lake.toString(), "--date", "2026-11-01", "--from", "2026-11-30"),
                "the last delivery date 2026-11-01 is before the first 2026-11-30");
    }

    @Test
    void statusOfALakeWithoutARunLogSaysSo(@TempDir Path lake) {
        assertError(run("status", "--lake", lake.toString()), "has no run log (ops.run_log) yet: no command has run on it");
        assertError(run("status", "--lake", lake.toString(), "--limit", "0"), "option --limit must be between 1 and");
        assertError(run("status", "--lake", lake.toString(), "--date", "yesterday"), "option --date must be a date");
    }

    @Test
    void aMissingLakeIsNamed() {
        assertError(run("nightly", "--lake", "/no/such/lake", "--date", "2026-11-03"), "the lake /no/such/lake does not exist");
    }

    @Test
    void aBadConfigurationFileIsNamed() {
        assertError(run("ingest", "--lake", "/tmp", "--date", "2026-11-03", "--conf", "/no/such.conf"),
                "cannot read configuration file /no/such.conf");
    }

    @Test
    void aBadExpressionThresholdIsNamedBeforeSparkStarts(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "ganzhi.execution.interpret-expressions-below = lots\n");
        assertError(run("features", "--lake", "/tmp", "--date", "2026-11-03", "--conf", conf.toString()),
                "configuration error: ganzhi.execution.interpret-expressions-below cannot be read");
        Files.writeString(conf, "ganzhi.execution.interpret-expressions-below = -1\n");
        assertError(run("features", "--lake", "/tmp", "--date", "2026-11-03", "--conf", conf.toString()),
                "configuration error: ganzhi.execution.interpret-expressions-below cannot be read");
    }

    @Test
    void aMisspeltOrBadSettingOfAnyStageFailsBeforeSparkStarts(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "ganzhi.publish.min-subscriber = 5\n");
        assertError(run("ingest", "--lake", "/tmp", "--date", "2026-11-03", "--conf", conf.toString()),
                "unknown setting ganzhi.publish.min-subscriber (" + conf + ": 1)");
        assertError(run("ingest", "--lake", "/tmp", "--date", "2026-11-03", "--conf", conf.toString()),
                "did you mean ganzhi.publish.min-subscribers?");
        Files.writeString(conf, "ganzhi.publsh { window-days = 7 }\n");
        assertError(run("status", "--lake", "/tmp", "--conf", conf.toString()), "did you mean ganzhi.publish?");
        Files.writeString(conf, "ganzhi.publish.repeat-days = 30\n");
        assertError(run("status", "--lake", "/tmp", "--conf", conf.toString()),
                "ganzhi.publish.repeat-days (" + conf + ": 1) is no longer read");
        assertError(run("status", "--lake", "/tmp", "--conf", conf.toString()), "set ganzhi.features.complaint-repeat-days");
        // A bad value of the last stage fails an ingest, which would otherwise run for minutes first.
        Files.writeString(conf, "ganzhi.publish.hot-spot.min-drop-rate = 4\n");
        assertError(run("ingest", "--lake", "/tmp", "--date", "2026-11-03", "--conf", conf.toString()),
                "ganzhi.publish.hot-spot.min-drop-rate must be a share");
        Files.writeString(conf, "ganzhi.features.complaint-repeat-days = many\n");
        assertError(run("ingest", "--lake", "/tmp", "--date", "2026-11-03", "--conf", conf.toString()),
                "complaint-repeat-days");
        // Entries the operator names (here a new item group) are not settings to check.
        Files.writeString(conf, "ganzhi.features.service-item-groups.roaming = [Q04]\n");
        assertError(run("ingest", "--lake", dir.resolve("none").toString(), "--date", "2026-11-03", "--conf", conf.toString()),
                "the lake " + dir.resolve("none") + " does not exist");
    }

    @Test
    void theClusterConfigurationRefusesToRunWithoutAKey() {
        Outcome outcome = run(Map.of(), "ingest", "--lake", "/tmp", "--date", "2026-11-03",
                "--conf", System.getProperty("user.dir") + "/../conf/cluster.conf");
        assertError(outcome, "no pseudonymisation key");
    }

    @Test
    void generateWithoutTheGeneratorOnTheClassPathSaysWhereItIs(@TempDir Path dir) throws Exception {
        // The production jar's view: this test's class path without the generator module.
        String full = System.getProperty("java.class.path");
        String production = Arrays.stream(full.split(File.pathSeparator))
                .filter(entry -> !entry.contains("ganzhi-generator") && !entry.contains("generator" + File.separator + "target"))
                .collect(Collectors.joining(File.pathSeparator));
        assertNotEquals(full, production, "the generator module is on this test's class path");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", production, "org.ganzhi.cli.Main", "generate", "--lake", dir.resolve("lake").toString(),
                "--subscribers", "10", "--days", "1", "--start", "2026-11-01", "--seed", "1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("GANZHI_CONF");
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(Main.USER_ERROR, process.exitValue(), err);
        assertTrue(err.contains("'generate' needs the sample-data generator, which is not on this class path"), err);
        assertFalse(Files.exists(dir.resolve("lake")), "nothing was written");
    }

    private static void assertError(Outcome outcome, String expected) {
        assertEquals(Main.USER_ERROR, outcome.code(), outcome.err());
        assertTrue(outcome.err().startsWith("ganzhi: ") && outcome.err().contains(expected), outcome.err());
        assertEquals(1, outcome.err().strip().lines().count(), "one paragraph, no stack trace: " + outcome.err());
        assertFalse(outcome.err().contains("\tat "));
    }
}
