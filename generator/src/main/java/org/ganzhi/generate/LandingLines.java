package org.ganzhi.generate;

import org.ganzhi.config.ColumnSpec;
import org.ganzhi.config.ColumnType;
import org.ganzhi.config.SourceContract;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one source's rows into delivered lines as its data contract describes them, and plants
 * defects. A row is a {@code String[]} in contract column order holding canonical texts
 * (timestamps as local {@code yyyy-MM-dd HH:mm:ss}, booleans {@code true}/{@code false}, the
 * subscriber's national number, null for no value). The output is:
 * <ul>
 *   <li>CSV: fields in contract order, the contract's delimiter, RFC 4180 quoting where needed,
 *       null as an empty field, the source's own boolean spelling;</li>
 *   <li>JSON lines: one object keyed by landing names, nulls omitted, timestamps ISO with the
 *       operator's offset, numbers and booleans unquoted;</li>
 *   <li>typed JSON: the same object for a Parquet source, staged as text and typed by Spark.</li>
 * </ul>
 * Subscriber numbers are written in varied real-world spellings that all normalise to one E.164
 * number. A defect changes exactly one thing so that ingestion's first failing check is the
 * planted one: a dirty row is clean in every other respect.
 */
final class LandingLines implements Serializable {
    /** Planted defects: the reject reasons of ingestion, plus exact duplicates. */
    enum Defect { MALFORMED_LINE, MISSING_REQUIRED, BAD_MSISDN, BAD_TIMESTAMP, BAD_NUMBER, UNKNOWN_CODE, OUT_OF_RANGE, DUPLICATE }

    enum Output { CSV, JSON, TYPED_JSON }

    static final String TRUE = "true";
    static final String FALSE = "false";

    /** Realistic wrong codes per column name; anything else gets a made-up one. */
    private static final Map<String, String> UNKNOWN_CODES = Map.ofEntries(
            Map.entry("rat", "6G"), Map.entry("direction", "MF"), Map.entry("end_cause", "HANGUP"),
            Map.entry("app_category", "VR"), Map.entry("channel", "WECHAT"), Map.entry("category", "NOISE"),
            Map.entry("status", "REOPENED"), Map.entry("service_item", "H99"), Map.entry("service_class", "SALES"),
            Map.entry("outcome", "PENDING"), Map.entry("order_type", "MIGRATION"), Map.entry("touchpoint", "AFTER_CHAT"),
            Map.entry("cause", "FIRE"), Map.entry("device_type", "TABLET"), Map.entry("age_band", "0-17"),
            Map.entry("plan_type", "HYBRID"), Map.entry("product_id", "GAME_PASS"), Map.entry("stage", "CANCELLATION"),
            Map.entry("language", "FR"), Map.entry("agent_category", "SALES"), Map.entry("phase", "BETA"),
            Map.entry("method", "FOCUS_GROUP"), Map.entry("evaluator_kind", "VENDOR"));

    final String source;
    final int sourceIndex;
    final Output output;
    private final String delimiter;
    private final String[] landingNames;
    private final ColumnType[] types;
    private final ColumnSpec[] columns;
    private final List<Set<String>> codes;
    final int msisdnSlot;
    final int eventTimeSlot;
    private final int[] missingCandidates;
    private final int[] numericSlots;
    private final int[] codeSlots;
    private final int[] boundedSlots;
    final Defect[] applicableDefects;
    private final double dirtyShare;
    private final String booleanTrue;
    private final String booleanFalse;
    private final double[] spellingCumulative;
    private final String countryCode;
    private final String[] nonMobilePrefixes;
    private final DayCalendar calendar;
    /** Line buffer per thread: one instance may serve concurrent tasks of an executor. */
    private static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(() -> new StringBuilder(256));

    /**
     * @param booleanTrue  how CSV writes true (one of the ingest settings' spellings)
     * @param dirtyShare   share of rows per applicable defect kind
     */
    LandingLines(SourceContract contract, int sourceIndex, String booleanTrue, String booleanFalse, double dirtyShare,
                 double[] spellingCumulative, String countryCode, String[] nonMobilePrefixes, DayCalendar calendar) {
        this.source = contract.name();
        this.sourceIndex = sourceIndex;
        this.output = switch (contract.format()) {
            case "csv" -> Output.CSV;
            case "json" -> Output.JSON;
            default -> Output.TYPED_JSON;
        };
        this.delimiter = contract.delimiter();
        this.booleanTrue = booleanTrue;
        this.booleanFalse = booleanFalse;
        this.dirtyShare = dirtyShare;
        this.spellingCumulative = spellingCumulative;
        this.countryCode = countryCode;
        this.nonMobilePrefixes = nonMobilePrefixes;
        this.calendar = calendar;
        int n = contract.columns().size();
        columns = contract.columns().toArray(new ColumnSpec[0]);
        landingNames = new String[n];
        types = new ColumnType[n];
        codes = new ArrayList<>();
        int msisdn = -1;
        int eventTime = -1;
        List<Integer> missing = new ArrayList<>();
        List<Integer> missingKeys = new ArrayList<>();
        List<Integer> numeric = new ArrayList<>();
        List<Integer> code = new ArrayList<>();
        List<Integer> bounded = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ColumnSpec c = columns[i];
            landingNames[i] = c.landingName();
            types[i] = c.type();
            Set<String> known = new HashSet<>();
            c.values().forEach(v -> known.add(v.toUpperCase(Locale.ROOT)));
            known.addAll(c.aliases().keySet());
            codes.add(known);
            if (c.type() == ColumnType.MSISDN && msisdn < 0) {
                msisdn = i;
            }
            if (contract.eventTime().isPresent() && contract.eventTime().get().equals(c.name())) {
                eventTime = i;
            }
        }
        for (int i = 0; i < n; i++) {
            ColumnSpec c = columns[i];
            if (c.required() && c.type() != ColumnType.MSISDN && i != eventTime) {
                (contract.key().contains(c.name()) ? missingKeys : missing).add(i);
            }
            if (c.type().isNumeric()) {
                numeric.add(i);
                if (plantable(c.min()) != null || plantable(c.max()) != null) {
                    bounded.add(i);
                }
            }
            if (c.type() == ColumnType.CODE) {
                code.add(i);
            }
        }
        msisdnSlot = msisdn;
        eventTimeSlot = eventTime;
        missingCandidates = toArray(missing.isEmpty() ? missingKeys : missing);
        numericSlots = toArray(numeric);
        codeSlots = toArray(code);
        boundedSlots = toArray(bounded);

        boolean text = output != Output.TYPED_JSON;
        List<Defect> defects = new ArrayList<>();
        if (text) {
            defects.add(Defect.MALFORMED_LINE);
        }
        if (missingCandidates.length > 0) {
            defects.add(Defect.MISSING_REQUIRED);
        }
        if (text && msisdnSlot >= 0) {
            defects.add(Defect.BAD_MSISDN);
        }
        if (text && eventTimeSlot >= 0) {
            defects.add(Defect.BAD_TIMESTAMP);
        }
        if (text && numericSlots.length > 0) {
            defects.add(Defect.BAD_NUMBER);
        }
        if (codeSlots.length > 0) {
            defects.add(Defect.UNKNOWN_CODE);
        }
        if (boundedSlots.length > 0) {
            defects.add(Defect.OUT_OF_RANGE);
        }
        defects.add(Defect.DUPLICATE);
        applicableDefects = dirtyShare > 0 ? defects.toArray(new Defect[0]) : new Defect[0];
    }

    /** Slot of a canonical column in the row, or -1 when this contract does not have it. */
    int slot(String column) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    String[] newRow() {
        return new String[columns.length];
    }

    int columnCount() {
        return columns.length;
    }

    /** Null for a clean row, else the defect to plant: each applicable kind has the configured share. */
    Defect drawDefect(Rng rng) {
        if (applicableDefects.length == 0) {
            return null;
        }
        double u = rng.nextDouble();
        int kind = (int) (u / dirtyShare);
        return kind < applicableDefects.length ? applicableDefects[kind] : null;
    }

    /** The delivered line of a row, clean when {@code defect} is null or DUPLICATE. */
    String render(String[] row, Defect defect, Rng rng) {
        int defectSlot = -1;
        String defectValue = null;
        if (defect != null) {
            switch (defect) {
                case MISSING_REQUIRED -> defectSlot = pickSlot(missingCandidates, row, rng);
                case BAD_MSISDN -> {
                    defectSlot = msisdnSlot;
                    defectValue = badMsisdn(row[msisdnSlot], rng);
                }
                case BAD_TIMESTAMP -> {
                    defectSlot = eventTimeSlot;
                    defectValue = badTimestamp(row[eventTimeSlot], types[eventTimeSlot], rng);
                }
                case BAD_NUMBER -> {
                    defectSlot = pickSlot(numericSlots, row, rng);
                    defectValue = badNumber(defectSlot, row[defectSlot], rng);
                }
                case UNKNOWN_CODE -> {
                    defectSlot = pickSlot(codeSlots, row, rng);
                    defectValue = unknownCode(defectSlot);
                }
                case OUT_OF_RANGE -> {
                    defectSlot = pickSlot(boundedSlots, row, rng);
                    defectValue = outOfRange(defectSlot, rng);
                }
                default -> {
                }
            }
        }
        StringBuilder sb = BUFFER.get();
        sb.setLength(0);
        if (output == Output.CSV) {
            int fields = columns.length;
            if (defect == Defect.MALFORMED_LINE) {
                fields = rng.between(Math.max(1, fields / 2), fields - 1);
            }
            csv(sb, row, defectSlot, defectValue, fields, rng);
            return sb.toString();
        }
        json(sb, row, defectSlot, defectValue, rng);
        if (defect == Defect.MALFORMED_LINE) {
            // A line cut off mid-record, as when a transfer breaks: never a complete object.
            return sb.substring(0, rng.between(sb.length() / 3, sb.length() - 2));
        }
        return sb.toString();
    }

    private void csv(StringBuilder sb, String[] row, int defectSlot, String defectValue, int fields, Rng rng) {
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            String value = i == defectSlot ? defectValue : row[i];
            if (value == null) {
                continue;
            }
            if (i != defectSlot) {
                if (types[i] == ColumnType.MSISDN) {
                    value = spell(value, rng);
                } else if (types[i] == ColumnType.BOOLEAN) {
                    value = value.equals(TRUE) ? booleanTrue : value.equals(FALSE) ? booleanFalse : value;
                }
            }
            appendCsvField(sb, value);
        }
    }

    private void appendCsvField(StringBuilder sb, String value) {
        boolean quote = value.contains(delimiter) || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        if (!quote) {
            sb.append(value);
            return;
        }
        sb.append('"');
        for (int k = 0; k < value.length(); k++) {
            char ch = value.charAt(k);
            if (ch == '"') {
                sb.append('"');
            }
            sb.append(ch);
        }
        sb.append('"');
    }

    private void json(StringBuilder sb, String[] row, int defectSlot, String defectValue, Rng rng) {
        sb.append('{');
        boolean first = true;
        for (int i = 0; i < columns.length; i++) {
            String value = i == defectSlot ? defectValue : row[i];
            if (value == null) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            appendJsonString(sb, landingNames[i]);
            sb.append(':');
            boolean planted = i == defectSlot;
            switch (types[i]) {
                case INT, LONG, DOUBLE -> {
                    if (isPlainNumber(value)) {
                        sb.append(value);
                    } else {
                        appendJsonString(sb, value);
                    }
                }
                case BOOLEAN -> {
                    if (value.equals(TRUE) || value.equals(FALSE)) {
                        sb.append(value);
                    } else {
                        appendJsonString(sb, value);
                    }
                }
                case TIMESTAMP -> appendJsonString(sb, planted ? value : calendar.isoTimestamp(value));
                case MSISDN -> appendJsonString(sb, planted || output == Output.TYPED_JSON ? value : spell(value, rng));
                default -> appendJsonString(sb, value);
            }
        }
        sb.append('}');
    }

    private static void appendJsonString(StringBuilder sb, String value) {
        sb.append('"');
        for (int k = 0; k < value.length(); k++) {
            char ch = value.charAt(k);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }

    static boolean isPlainNumber(String value) {
        int n = value.length();
        if (n == 0) {
            return false;
        }
        int i = value.charAt(0) == '-' ? 1 : 0;
        boolean digits = false;
        boolean dot = false;
        for (; i < n; i++) {
            char ch = value.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digits = true;
            } else if (ch == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digits && value.charAt(n - 1) != '.';
    }

    /** A spelling of a national number as feeds write it; all normalise to country code + number. */
    String spell(String national, Rng rng) {
        return switch (rng.pick(spellingCumulative)) {
            case 0 -> national;
            case 1 -> "+" + countryCode + national;
            case 2 -> countryCode + national;
            case 3 -> "00" + countryCode + national;
            case 4 -> "+" + countryCode + " " + grouped(national, ' ');
            default -> countryCode + "-" + grouped(national, '-');
        };
    }

    /** 138 1234 5678: the first three digits, then groups of four. */
    private static String grouped(String national, char separator) {
        StringBuilder out = new StringBuilder(national.length() + 4);
        for (int i = 0; i < national.length(); i++) {
            if (i == 3 || (i > 3 && (i - 3) % 4 == 0)) {
                out.append(separator);
            }
            out.append(national.charAt(i));
        }
        return out.toString();
    }

    // ---- defects ----------------------------------------------------------------------------

    /** One of the slots, preferring those with a value in this row. */
    private static int pickSlot(int[] slots, String[] row, Rng rng) {
        int present = 0;
        for (int s : slots) {
            if (row[s] != null) {
                present++;
            }
        }
        if (present == 0) {
            return slots[rng.nextInt(slots.length)];
        }
        int k = rng.nextInt(present);
        for (int s : slots) {
            if (row[s] != null && k-- == 0) {
                return s;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Not a mobile number of the plan: a digit short, a letter for a digit, or a non-mobile prefix. */
    private String badMsisdn(String national, Rng rng) {
        return switch (rng.nextInt(3)) {
            case 0 -> national.substring(0, national.length() - 1);
            case 1 -> {
                int at = rng.between(3, national.length() - 1);
                yield national.substring(0, at) + "OIl".charAt(rng.nextInt(3)) + national.substring(at + 1);
            }
            default -> nonMobilePrefixes[rng.nextInt(nonMobilePrefixes.length)] + national.substring(2);
        };
    }

    /** An impossible wall time (hour 25) or a day-first layout no contract format reads. */
    private String badTimestamp(String value, ColumnType type, Rng rng) {
        boolean dayFirst = rng.chance(0.5);
        String date = value.substring(0, 10);
        String dayFirstDate = date.substring(8, 10) + "/" + date.substring(5, 7) + "/" + date.substring(0, 4);
        if (type == ColumnType.DATE) {
            return dayFirst ? dayFirstDate : date.substring(0, 5) + "13" + date.substring(7);
        }
        if (dayFirst) {
            return dayFirstDate + " " + value.substring(11, 16);
        }
        return output == Output.JSON
                ? calendar.isoTimestamp(date + " 12:00:00").replace("T12:00:00", "T25:61:00")
                : date + " 25:61:00";
    }

    /** Text in a numeric column: a value with its unit, as careless exports write it. */
    private String badNumber(int slot, String value, Rng rng) {
        String name = columns[slot].name();
        String number = value == null ? "12" : value;
        if (rng.chance(0.15)) {
            return "abc";
        }
        if (name.endsWith("_ms")) {
            return number + "ms";
        }
        if (name.endsWith("_s")) {
            return number + "s";
        }
        if (name.endsWith("_kbps")) {
            return number + "kbps";
        }
        if (name.startsWith("bytes")) {
            return number + "B";
        }
        if (name.endsWith("hours")) {
            return number + "h";
        }
        if (name.contains("charge") || name.contains("amount") || name.contains("due") || name.contains("fee")
                || name.contains("discount")) {
            return number + " CNY";
        }
        if (name.equals("mos") || name.equals("score") || name.equals("satisfaction")) {
            return number + "/" + (columns[slot].max() == null ? "5" : bound(columns[slot].max()));
        }
        return "~" + number;
    }

    private String unknownCode(int slot) {
        Set<String> known = codes.get(slot);
        String candidate = UNKNOWN_CODES.getOrDefault(columns[slot].name(), "X_UNLISTED");
        int attempt = 0;
        while (known.contains(candidate.toUpperCase(Locale.ROOT))) {
            candidate = "X_UNLISTED_" + (++attempt);
        }
        return candidate;
    }

    /** A parseable number just outside the column's bounds. */
    /**
     * A bound the generator plants range defects against, or null. Bounds of magnitude 1 000 or
     * more are sanity ceilings (a day-long call, a terabyte session, a million-yuan bill) that
     * real exports break only when broken themselves; ingest enforces them, the tests plant them
     * by hand, and the generated data stays what it was before those ceilings existed.
     */
    private static Double plantable(Double bound) {
        return bound == null || Math.abs(bound) >= 1_000 ? null : bound;
    }

    private String outOfRange(int slot, Rng rng) {
        ColumnSpec c = columns[slot];
        boolean below = plantable(c.min()) != null && (plantable(c.max()) == null || rng.chance(0.5));
        boolean integral = c.type() != ColumnType.DOUBLE;
        if (integral) {
            long v = below ? (long) Math.ceil(c.min()) - rng.between(1, 60) : (long) Math.floor(c.max()) + rng.between(1, 5);
            return Long.toString(v);
        }
        double v = below ? c.min() - rng.uniform(0.5, 5) : c.max() + rng.uniform(0.5, 3);
        return Double.toString(Math.round(v * 10) / 10.0);
    }

    private static String bound(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
