package org.ganzhi.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.ganzhi.config.ColumnSpec;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SourceContract;
import org.ganzhi.ingest.RejectReason;
import org.ganzhi.privacy.PhoneNumbers;
import org.ganzhi.privacy.PseudonymKey;
import org.ganzhi.privacy.Pseudonymizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulates a few hundred subscribers with a high dirty share, without Spark, and checks every
 * delivered line of every source with an independent reading of the data contract: a clean line
 * passes every check, a dirty line fails exactly one, and the planted counts per kind equal what
 * a first-failing-check reader counts (duplicates: extra exact copies within a delivery).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LandingLinesTest {
    private static final LocalDate START = LocalDate.of(2026, 11, 2);
    private static final int SUBSCRIBERS = 400;
    private static final int DAYS = 3;
    private static final double DIRTY_SHARE = 0.02;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GanzhiConfig config = GanzhiConfig.defaults();
    private final List<Row> delivered = new ArrayList<>();

    @BeforeAll
    void simulate() {
        GeneratorSettings settings = GeneratorSettings.from(config);
        DayCalendar calendar = new DayCalendar(START, DAYS, config.operator().timezone());
        ReferenceData ref = ReferenceData.build(settings, config.operator(), 11, SUBSCRIBERS, calendar, DAYS);
        List<String> sources = new ArrayList<>(config.sources().keySet());
        Map<String, LandingLines> lines = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            SourceContract contract = config.source(sources.get(i));
            lines.put(contract.name(), new LandingLines(contract, i, "Y", "N", DIRTY_SHARE, settings.msisdnSpellingCumulative,
                    config.operator().countryCode(), new String[]{"12"}, calendar));
        }
        Pseudonymizer pseudonymizer = new Pseudonymizer(PseudonymKey.resolve(
                ConfigFactory.parseMap(Map.of("key-env", "X", "allow-development-key", true)), "/nowhere",
                Map.of("X", "00112233445566778899aabbccddeeff"), new Configuration()));
        Deliveries deliveries = new Deliveries(DAYS, calendar, settings.lateShare, settings.maxLateDays, sources, delivered);
        SubscriberSimulator simulator = new SubscriberSimulator(ref, lines, deliveries, pseudonymizer);
        for (long i = 0; i < SUBSCRIBERS; i++) {
            simulator.simulate(i);
        }
        ReferenceFeeds feeds = new ReferenceFeeds(ref, lines, deliveries);
        for (int day = 0; day < DAYS; day++) {
            feeds.deliverDay(day);
        }
        deliveries.flushCounts();
    }

    @Test
    void everyLineHasAtMostOneDefectAndTheCountsMatchAFirstFailingCheckReader() {
        Map<String, Long> planted = new TreeMap<>();
        for (Row row : delivered) {
            if (row.getString(0).equals(Deliveries.COUNTS)) {
                String[] f = row.getString(2).split(",");
                planted.merge(f[0] + "/" + f[3], Long.parseLong(f[4]), Long::sum);
            }
        }
        Map<String, Long> found = new TreeMap<>();
        Map<String, Set<String>> cleanLinesByDelivery = new HashMap<>();
        for (Row row : delivered) {
            String source = row.getString(0);
            if (source.startsWith("_truth")) {
                continue;
            }
            SourceContract contract = config.source(source);
            String line = row.getString(2);
            EnumSet<RejectReason> failures = failures(contract, line);
            assertTrue(failures.size() <= 1, source + " line with several defects " + failures + ": " + line);
            String kind = failures.isEmpty() ? Deliveries.CLEAN : failures.iterator().next().name();
            if (failures.isEmpty() && !cleanLinesByDelivery.computeIfAbsent(source + row.getString(1), k -> new HashSet<>()).add(line)) {
                kind = "DUPLICATE";
            }
            found.merge(source + "/" + kind, 1L, Long::sum);
        }
        assertEquals(planted, found);
        for (String kind : List.of("MALFORMED_LINE", "MISSING_REQUIRED", "BAD_MSISDN", "BAD_TIMESTAMP", "BAD_NUMBER",
                "UNKNOWN_CODE", "OUT_OF_RANGE", "DUPLICATE")) {
            assertTrue(found.getOrDefault("voice_cdr/" + kind, 0L) > 0, kind);
        }
        assertTrue(found.getOrDefault("subscriber/UNKNOWN_CODE", 0L) > 0);
        assertTrue(found.keySet().stream().noneMatch(k -> k.startsWith("subscriber/BAD_") || k.startsWith("subscriber/MALFORMED")),
                "Parquet sources get only defects a typed file can hold");
    }

    @Test
    void subscriberNumbersComeInSeveralSpellingsOfOneNumber() {
        Set<String> shapes = new HashSet<>();
        for (Row row : delivered) {
            if (row.getString(0).equals("voice_cdr")) {
                String msisdn = csv(row.getString(2), ",").get(1);
                if (PhoneNumbers.normaliseMsisdn(msisdn, config.operator()) != null) {
                    shapes.add(msisdn.replaceAll("[0-9]", "9"));
                }
            }
        }
        // national, +E.164, E.164, 00 + E.164, spaced, dashed
        assertTrue(shapes.containsAll(List.of("99999999999", "+9999999999999", "9999999999999", "999999999999999",
                "+99 999 9999 9999", "99-999-9999-9999")), shapes.toString());
    }

    // ---- an independent reading of the contract --------------------------------------------------

    private EnumSet<RejectReason> failures(SourceContract contract, String line) {
        EnumSet<RejectReason> failures = EnumSet.noneOf(RejectReason.class);
        Map<String, String> values = new HashMap<>();
        if (contract.format().equals("csv")) {
            List<String> fields = csv(line, contract.delimiter());
            if (fields.size() != contract.columns().size()) {
                return EnumSet.of(RejectReason.MALFORMED_LINE);
            }
            for (int i = 0; i < fields.size(); i++) {
                values.put(contract.columns().get(i).name(), fields.get(i));
            }
        } else {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                return EnumSet.of(RejectReason.MALFORMED_LINE);
            }
            if (node == null || !node.isObject()) {
                return EnumSet.of(RejectReason.MALFORMED_LINE);
            }
            for (ColumnSpec column : contract.columns()) {
                JsonNode value = node.get(column.landingName());
                values.put(column.name(), value == null || value.isNull() ? null : value.asText());
            }
        }
        for (ColumnSpec column : contract.columns()) {
            String text = values.get(column.name());
            text = text == null || text.trim().isEmpty() ? null : text.trim();
            if (text == null) {
                if (column.required()) {
                    failures.add(RejectReason.MISSING_REQUIRED);
                }
                continue;
            }
            switch (column.type()) {
                case MSISDN -> {
                    if (PhoneNumbers.normaliseMsisdn(text, config.operator()) == null) {
                        failures.add(RejectReason.BAD_MSISDN);
                    }
                }
                case TIMESTAMP -> {
                    if (!isTimestamp(text)) {
                        failures.add(RejectReason.BAD_TIMESTAMP);
                    }
                }
                case DATE -> {
                    if (!isDate(text)) {
                        failures.add(RejectReason.BAD_TIMESTAMP);
                    }
                }
                case MONTH -> {
                    try {
                        YearMonth.parse(text);
                    } catch (DateTimeParseException e) {
                        failures.add(RejectReason.BAD_TIMESTAMP);
                    }
                }
                case INT, LONG, DOUBLE -> {
                    Double number = number(text, column);
                    if (number == null) {
                        failures.add(RejectReason.BAD_NUMBER);
                    } else if ((column.min() != null && number < column.min()) || (column.max() != null && number > column.max())) {
                        failures.add(RejectReason.OUT_OF_RANGE);
                    }
                }
                case BOOLEAN -> {
                    String lower = text.toLowerCase(Locale.ROOT);
                    if (!config.ingest().booleanTrue().contains(lower) && !config.ingest().booleanFalse().contains(lower)) {
                        failures.add(RejectReason.BAD_NUMBER);
                    }
                }
                case CODE -> {
                    String upper = text.toUpperCase(Locale.ROOT);
                    boolean known = column.values().stream().anyMatch(v -> v.equalsIgnoreCase(upper))
                            || column.aliases().containsKey(upper);
                    if (!known) {
                        failures.add(RejectReason.UNKNOWN_CODE);
                    }
                }
                default -> {
                }
            }
        }
        return failures;
    }

    private boolean isTimestamp(String text) {
        for (String layout : config.ingest().timestampFormats()) {
            DateTimeFormatter format = DateTimeFormatter.ofPattern(layout);
            try {
                if (layout.contains("X")) {
                    OffsetDateTime.parse(text, format);
                } else {
                    LocalDateTime.parse(text, format);
                }
                return true;
            } catch (DateTimeParseException e) {
                // next layout
            }
        }
        return false;
    }

    private boolean isDate(String text) {
        for (String layout : config.ingest().dateFormats()) {
            try {
                LocalDate.parse(text, DateTimeFormatter.ofPattern(layout));
                return true;
            } catch (DateTimeParseException e) {
                // next layout
            }
        }
        return false;
    }

    private static Double number(String text, ColumnSpec column) {
        try {
            return switch (column.type()) {
                case INT -> (double) Integer.parseInt(text);
                case LONG -> (double) Long.parseLong(text);
                default -> {
                    double d = Double.parseDouble(text);
                    yield Double.isFinite(d) && !text.matches(".*[a-zA-Z].*") ? d : null;
                }
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** RFC 4180 fields of one line (shared with GenerateJobTest). */
    static List<String> csv(String line, String delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (line.startsWith(delimiter, i)) {
                fields.add(field.toString());
                field.setLength(0);
                i += delimiter.length() - 1;
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
