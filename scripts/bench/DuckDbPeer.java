/*
 * DuckDB peer of Ganzhi's ingest + subscriber daily features, for the benchmark: the same work on
 * the same landing files with an embedded single-process engine, so Ganzhi's Spark cost can be
 * compared with a lower bound. Run with the JDK source launcher (Java 17+), 2 DuckDB threads:
 *
 *   GANZHI_PSEUDONYM_KEY=<hex> java -cp duckdb_jdbc-1.4.4.0.jar scripts/bench/DuckDbPeer.java LANDING_DIR DATE OUT_DIR
 *
 * (scripts/bench/peer.sh LAKE DATE OUT_DIR fetches the jar and times the run.) For the delivery
 * LANDING_DIR/<source>/dt=DATE/*.csv.gz of voice_cdr and data_session it:
 *  1. reads every line as one text (nothing is lost to a CSV parse error), splits it into fields and
 *     types every column by the contract of core/src/main/resources/reference.conf, mirroring
 *     ContractParser, LandingReader and PhoneNumbers: the reject reason is the first failed check in
 *     RejectReason order, then column order; the reason text (quarantine "reason") is Ganzhi's;
 *  2. writes rejected rows to OUT_DIR/quarantine/<source>.parquet in Ganzhi's quarantine shape
 *     (phone numbers in the raw record pseudonymised);
 *  3. numbers the copies of each record_id like Deduplicator (all contract columns ascending, nulls
 *     first, then the file; rejected rows take part in the numbering, as in Ganzhi) and keeps copy 1;
 *  4. pseudonymises msisdn / other_party with HMAC-SHA256 computed in DuckDB SQL (sha256 over the
 *     ipad/opad-keyed blobs), byte-identical to Pseudonymizer (checked against javax.crypto at start);
 *  5. writes accepted rows to OUT_DIR/silver/<source>/event_date=.../ as Parquet; event_date is the
 *     operator-local (Asia/Shanghai) date of start_time, as in Ganzhi. The files of delivery DATE are
 *     replaced, those of other deliveries kept, so running several dates into one OUT_DIR builds up
 *     silver like Ganzhi's delete-and-insert of the delivery;
 *  6. computes subscriber-day voice and data features (SubscriberDaily.voice / data / mobility /
 *     combine: same names, rounding and null rules) from the silver Parquet for DATE and the event
 *     dates this delivery touched within the 7 recompute days, into OUT_DIR/features/subscriber_daily.parquet;
 *  7. prints a summary and, as its last line, one JSON object of counts and seconds.
 *
 * What it does NOT do, compared with Ganzhi's nightly ingest + features:
 *  - no Delta Lake: no transaction log, no atomic commit or rollback, no table versions or history;
 *    a crash can leave half-written Parquet behind;
 *  - no catalog / metastore registration, no table and column comments, no run log (ops tables),
 *    no RunSummary beyond the printed JSON, no reconciliation of rows written against a commit;
 *  - only voice_cdr and data_session: no small sources (billing, cell, complaint, subscriber, ...),
 *    hence no complaint ticket merge, no cell_daily or subscriber_window, and subscriber_daily has only
 *    the voice, data and cell columns (not the snapshot, service, complaint, order, bill or survey
 *    ones, nor night calls, roaming, MOS, RTT or per-app columns): a subscriber known only from the
 *    snapshot has no row here;
 *  - quarantine is one file per source holding the last run's delivery only (Ganzhi keeps one table of
 *    all deliveries); a malformed line's raw record is masked field by field (the first phone-like run of each
 *    field), where Ganzhi scans the whole line for every run: the same text unless a field holds two;
 *  - the contract, operator plan and layouts below are copied from reference.conf, not read from it
 *    (no conf/ overrides, no landing-name remapping, no header, no JSON or Parquet landing formats,
 *    no key file or development key: only GANZHI_PSEUDONYM_KEY);
 *  - known gaps in faithfulness, none of which occurs in generated data: only *.csv.gz files are read
 *    (Spark reads every non-hidden file of the folder); an invalid UTF-8 byte fails the read (Spark
 *    replaces it); a quoted field is unquoted RFC-4180 style ("" inside quotes), which may split
 *    differently from Spark's CSV parser (backslash escape); an empty line counts as malformed;
 *    Java's hexadecimal doubles ("0x1p3") are rejected as BAD_NUMBER; rounding of exact ties in the
 *    6th/3rd decimal may differ in the last digit (Spark rounds the decimal string, DuckDB the double).
 */

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public class DuckDbPeer {
    // ---- The contract, as in reference.conf (ganzhi.operator, ganzhi.ingest, ganzhi.sources.*) ----
    static final String TIMEZONE = "Asia/Shanghai";
    static final String COUNTRY_CODE = "86";
    static final int NATIONAL_LENGTH = 11;
    static final List<String> MOBILE_PREFIXES = List.of("13", "14", "15", "16", "17", "18", "19");
    static final List<String> TIMESTAMP_FORMATS = List.of("yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssXXX", "yyyy-MM-dd'T'HH:mm:ss");
    static final List<String> BOOLEAN_TRUE = List.of("true", "1", "y", "yes");
    static final List<String> BOOLEAN_FALSE = List.of("false", "0", "n", "no");
    static final int RECOMPUTE_DAYS = 7;
    static final String[] REASONS = {"MALFORMED_LINE", "MISSING_REQUIRED", "BAD_MSISDN", "BAD_TIMESTAMP", "BAD_NUMBER",
            "UNKNOWN_CODE", "OUT_OF_RANGE"};

    enum Type { STRING, INT, LONG, DOUBLE, BOOLEAN, TIMESTAMP, CODE, MSISDN, PHONE }

    record Col(String name, Type type, boolean required, Double min, Double max, List<String> codes) {
        boolean numeric() {
            return type == Type.INT || type == Type.LONG || type == Type.DOUBLE;
        }
    }

    record Source(String name, String key, String eventTime, List<Col> columns) {
    }

    static Col col(String name, Type type, boolean required) {
        return new Col(name, type, required, null, null, List.of());
    }

    static Col range(String name, Type type, boolean required, Double min, Double max) {
        return new Col(name, type, required, min, max, List.of());
    }

    static Col code(String name, boolean required, String... codes) {
        return new Col(name, Type.CODE, required, null, null, List.of(codes));
    }

    static final List<Source> SOURCES = List.of(
            new Source("voice_cdr", "record_id", "start_time", List.of(
                    col("record_id", Type.STRING, true),
                    col("msisdn", Type.MSISDN, true),
                    col("other_party", Type.PHONE, false),
                    code("direction", true, "MO", "MT"),
                    col("start_time", Type.TIMESTAMP, true),
                    range("duration_s", Type.INT, true, 0.0, null),
                    col("cell_id", Type.STRING, true),
                    code("rat", false, "2G", "3G", "4G", "VoLTE", "5G", "VoNR"),
                    code("end_cause", true, "NORMAL", "DROPPED", "SETUP_FAILED", "BUSY", "NO_ANSWER"),
                    range("mos", Type.DOUBLE, false, 1.0, 5.0),
                    col("roaming", Type.BOOLEAN, false))),
            new Source("data_session", "record_id", "start_time", List.of(
                    col("record_id", Type.STRING, true),
                    col("msisdn", Type.MSISDN, true),
                    col("start_time", Type.TIMESTAMP, true),
                    range("duration_s", Type.INT, true, 0.0, null),
                    range("bytes_up", Type.LONG, false, 0.0, null),
                    range("bytes_down", Type.LONG, false, 0.0, null),
                    col("cell_id", Type.STRING, true),
                    code("rat", false, "2G", "3G", "4G", "5G"),
                    code("app_category", false, "VIDEO", "SOCIAL", "GAMING", "BROWSING", "MUSIC", "MAPS", "PAYMENT", "OTHER"),
                    range("throughput_kbps", Type.DOUBLE, false, 0.0, null),
                    range("rtt_ms", Type.DOUBLE, false, 0.0, null),
                    col("failed", Type.BOOLEAN, false))));

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java -cp duckdb_jdbc.jar DuckDbPeer.java LANDING_DIR DATE OUT_DIR");
            System.exit(2);
        }
        long started = System.nanoTime();
        Path landing = Paths.get(args[0]).toAbsolutePath();
        LocalDate date = LocalDate.parse(args[1]);
        Path out = Paths.get(args[2]).toAbsolutePath();
        byte[] key = pseudonymKey(System.getenv("GANZHI_PSEUDONYM_KEY"));
        Files.createDirectories(out.resolve("silver"));
        Files.createDirectories(out.resolve("quarantine"));
        Files.createDirectories(out.resolve("features"));

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("SET threads = 2");
            // Event dates and local wall times are in the operator's zone: CAST(timestamptz AS DATE) uses it.
            sql.execute("SET TimeZone = " + lit(TIMEZONE));
            // Spill (if ever) into the output folder, not the caller's working directory.
            sql.execute("SET temp_directory = " + lit(out.resolve("_duckdb_tmp").toString()));
            sql.execute("SET preserve_insertion_order = false");
            defineFunctions(db, sql, key);
            String version = scalar(sql, "SELECT version()");

            Map<String, Map<String, Object>> stats = new LinkedHashMap<>();
            long ingestStarted = System.nanoTime();
            for (Source source : SOURCES) {
                long t0 = System.nanoTime();
                stats.put(source.name(), ingest(sql, source, landing, date, out));
                stats.get(source.name()).put("seconds", seconds(t0));
            }
            double ingestSeconds = seconds(ingestStarted);

            long featuresStarted = System.nanoTime();
            long[] daily = subscriberDaily(sql, date, out);
            double featuresSeconds = seconds(featuresStarted);
            double totalSeconds = seconds(started);

            System.out.printf("DuckDB peer %s, threads 2, delivery %s of %s%n", version, date, landing);
            stats.forEach((name, s) -> System.out.printf(Locale.ROOT,
                    "%-14s %,9d read %,9d accepted %,7d quarantined %,6d duplicates %,6d late  %6.2f s  %s%n",
                    name, s.get("rows_read"), s.get("accepted"), s.get("quarantined"), s.get("duplicates_dropped"),
                    s.get("late_rows"), (Double) s.get("seconds"), s.get("reasons")));
            System.out.printf(Locale.ROOT, "subscriber_daily %,d rows for %d day(s) -> %s%n", daily[0], daily[1],
                    out.resolve("features/subscriber_daily.parquet"));
            System.out.printf(Locale.ROOT, "seconds: ingest %.2f, features %.2f, total %.2f (in the JVM, after start-up)%n",
                    ingestSeconds, featuresSeconds, totalSeconds);
            System.out.println(json(version, stats, daily[0], ingestSeconds, featuresSeconds, totalSeconds));
        }
    }

    // ---- SQL functions ----

    /**
     * Macros for the per-value rules (PhoneNumbers, ContractParser.typedValue) and the keyed hash.
     * Regular expressions gate every TRY_CAST / strptime: DuckDB's casts are more lenient than
     * Spark's (TRY_CAST('1.5' AS INTEGER) is 2, '1_000' and '0x1F' are numbers, strptime's %m takes
     * one digit), so only the spellings Spark's parsers accept reach them.
     */
    static void defineFunctions(Connection db, Statement sql, byte[] key) throws Exception {
        // HMAC-SHA256(K, m) = SHA256((K' ^ opad) || SHA256((K' ^ ipad) || m)), K' = K zero-padded to the
        // 64-byte block (hashed first when longer). The two padded keys are constants, computed here and
        // bound as blob variables so the key never appears in SQL text; the per-row work (two SHA-256 over
        // blobs) is all DuckDB. DuckDB 1.4 has sha256(BLOB) (hex out; unhex turns it back into bytes).
        byte[] block = new byte[64];
        byte[] k = key.length > 64 ? MessageDigest.getInstance("SHA-256").digest(key) : key;
        System.arraycopy(k, 0, block, 0, k.length);
        byte[] ipad = new byte[64];
        byte[] opad = new byte[64];
        for (int i = 0; i < 64; i++) {
            ipad[i] = (byte) (block[i] ^ 0x36);
            opad[i] = (byte) (block[i] ^ 0x5c);
        }
        for (var pad : Map.of("hmac_ipad", ipad, "hmac_opad", opad).entrySet()) {
            try (PreparedStatement set = db.prepareStatement("SET VARIABLE " + pad.getKey() + " = ?")) {
                set.setBytes(1, pad.getValue());
                set.execute();
            }
        }
        // Pseudonymizer: 64 lower-case hex characters of the HMAC of the UTF-8 number; null stays null.
        sql.execute("CREATE TEMP MACRO pseudonym(x) AS "
                + "sha256(getvariable('hmac_opad') || unhex(sha256(getvariable('hmac_ipad') || encode(x))))");

        // PhoneNumbers.digits: only digits and ' -+().' allowed; digits kept, a leading "00" dropped.
        sql.execute("CREATE TEMP MACRO phone_digits(t) AS CASE WHEN regexp_full_match(t, '[0-9 ()+.-]*') "
                + "THEN nullif(regexp_replace(regexp_replace(t, '[^0-9]', '', 'g'), '^00', ''), '') END");
        // PhoneNumbers.normaliseMsisdn: a national number (not spelt internationally) or country code +
        // national number, with a mobile prefix; E.164 digits, else null.
        sql.execute("CREATE TEMP MACRO national_number(t, d) AS CASE "
                + "WHEN length(d) = " + NATIONAL_LENGTH + " AND NOT (starts_with(t, '+') OR starts_with(t, '00')) THEN d "
                + "WHEN length(d) = " + (COUNTRY_CODE.length() + NATIONAL_LENGTH) + " AND starts_with(d, " + lit(COUNTRY_CODE)
                + ") THEN substr(d, " + (COUNTRY_CODE.length() + 1) + ") END");
        sql.execute("CREATE TEMP MACRO mobile_e164(n) AS CASE WHEN "
                + MOBILE_PREFIXES.stream().map(p -> "starts_with(n, " + lit(p) + ")").collect(Collectors.joining(" OR "))
                + " THEN " + lit(COUNTRY_CODE) + " || n END");
        sql.execute("CREATE TEMP MACRO msisdn_e164(t) AS mobile_e164(national_number(t, phone_digits(t)))");
        // PhoneNumbers.normaliseOtherParty: E.164 when it is one of ours, else its bare digits.
        sql.execute("CREATE TEMP MACRO other_party_number(t) AS coalesce(msisdn_e164(t), phone_digits(t))");

        // Timestamp layouts in order; layouts without an offset are operator-local wall time.
        // java.time's STRICT resolver rejects impossible dates and times, and so does try_strptime.
        String tz = lit(TIMEZONE);
        sql.execute("CREATE TEMP MACRO parse_timestamp(t) AS CASE "
                + "WHEN regexp_full_match(t, '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}') "
                + "THEN timezone(" + tz + ", try_strptime(t, '%Y-%m-%d %H:%M:%S')) "
                + "WHEN regexp_full_match(t, '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})') "
                + "THEN TRY_CAST(t AS TIMESTAMPTZ) "
                + "WHEN regexp_full_match(t, '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}') "
                + "THEN timezone(" + tz + ", try_strptime(t, '%Y-%m-%dT%H:%M:%S')) END");
        // Spark's try_cast to int/long is exact (sign and digits, in range).
        sql.execute("CREATE TEMP MACRO parse_int(t) AS CASE WHEN regexp_full_match(t, '[+-]?[0-9]+') THEN TRY_CAST(t AS INTEGER) END");
        sql.execute("CREATE TEMP MACRO parse_long(t) AS CASE WHEN regexp_full_match(t, '[+-]?[0-9]+') THEN TRY_CAST(t AS BIGINT) END");
        // Spark's string-to-double is Java's Double.parseDouble (which allows a d/f suffix); NaN and
        // infinities are then nulled (ContractParser.finite), so they need not be recognised here.
        sql.execute("CREATE TEMP MACRO finite_or_null(v) AS CASE WHEN isfinite(v) THEN v END");
        sql.execute("CREATE TEMP MACRO parse_double(t) AS CASE WHEN regexp_full_match(t, "
                + "'[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?[fFdD]?') "
                + "THEN finite_or_null(TRY_CAST(rtrim(t, 'fFdD') AS DOUBLE)) END");
        sql.execute("CREATE TEMP MACRO parse_boolean(t) AS CASE WHEN lower(t) IN (" + lits(BOOLEAN_TRUE) + ") THEN true "
                + "WHEN lower(t) IN (" + lits(BOOLEAN_FALSE) + ") THEN false END");
        // PseudonymFunctions.mask, applied to each field of a malformed line: the first run of 7+ digits
        // (with + - or spaces, not inside a word, not a date) becomes "[phone:<first 16 hex of its pseudonym>]".
        // RE2 has no look-behind, so "not after a letter or digit" is matched as a group before the run.
        sql.execute("CREATE TEMP MACRO number_run(x) AS "
                + "nullif(regexp_extract(x, '(^|[^A-Za-z0-9])(\\+?[0-9][0-9 -]{5,}[0-9])', 2), '')");
        sql.execute("CREATE TEMP MACRO mask_run(x, run) AS CASE WHEN run IS NOT NULL "
                + "AND length(regexp_replace(run, '[^0-9]', '', 'g')) >= 7 "
                + "AND NOT regexp_full_match(run, '[0-9]{4}-[0-9]{2}(-[0-9]{2})?( [0-9]{1,2})?') "
                + "THEN replace(x, run, '[phone:' || left(pseudonym(other_party_number(run)), 16) || ']') ELSE x END");
        sql.execute("CREATE TEMP MACRO mask_field(x) AS mask_run(x, number_run(x))");

        // The SQL HMAC must equal Ganzhi's (javax.crypto HmacSHA256): checked once, on a sample number.
        String sample = "8613800138000";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(sample.getBytes(StandardCharsets.UTF_8)));
        String actual = scalar(sql, "SELECT pseudonym(" + lit(sample) + ")");
        if (!expected.equals(actual)) {
            throw new IllegalStateException("the SQL HMAC-SHA256 differs from javax.crypto's; refusing to write pseudonyms");
        }
    }

    /** The SQL expression of a column's typed value from its trimmed text (ContractParser.typedValue). */
    static String typed(Col c, String text) {
        return switch (c.type()) {
            case STRING -> text;
            case INT -> "parse_int(" + text + ")";
            case LONG -> "parse_long(" + text + ")";
            case DOUBLE -> "parse_double(" + text + ")";
            case BOOLEAN -> "parse_boolean(" + text + ")";
            case TIMESTAMP -> "parse_timestamp(" + text + ")";
            // Case-insensitive code list, canonical spelling out (reference.conf has no aliases here).
            case CODE -> "CASE upper(" + text + ") " + c.codes().stream()
                    .map(v -> "WHEN " + lit(v.toUpperCase(Locale.ROOT)) + " THEN " + lit(v)).collect(Collectors.joining(" ")) + " END";
            case MSISDN -> "pseudonym(msisdn_e164(" + text + "))";
            case PHONE -> "pseudonym(other_party_number(" + text + "))";
        };
    }

    // ---- Ingest ----

    static Map<String, Object> ingest(Statement sql, Source s, Path landing, LocalDate date, Path out) throws Exception {
        List<Col> cols = s.columns();
        String glob = landing.resolve(s.name()).resolve("dt=" + date).resolve("*.csv.gz").toString();
        String table = "parsed_" + s.name();

        // Checks in RejectReason order, within a reason in column order: {reason, failed, detail}.
        List<String[]> checks = new ArrayList<>();
        checks.add(new String[]{"MALFORMED_LINE", "_malformed",
                lit("the line does not split into the contract's " + cols.size() + " fields")});
        for (Col c : cols) {
            if (c.required()) {
                checks.add(new String[]{"MISSING_REQUIRED", text(c) + " IS NULL", lit("column " + c.name() + ": required value is empty")});
            }
        }
        addChecks(checks, cols, "BAD_MSISDN", List.of(Type.MSISDN), c -> "not a mobile number of the numbering plan (+"
                + COUNTRY_CODE + ", " + NATIONAL_LENGTH + " digits, prefixes " + MOBILE_PREFIXES + ")", false);
        addChecks(checks, cols, "BAD_TIMESTAMP", List.of(Type.TIMESTAMP), c -> " matches none of the layouts " + TIMESTAMP_FORMATS, true);
        addChecks(checks, cols, "BAD_NUMBER", List.of(Type.INT, Type.LONG, Type.DOUBLE, Type.BOOLEAN),
                c -> " is not a valid " + c.type().name().toLowerCase(Locale.ROOT), true);
        addChecks(checks, cols, "UNKNOWN_CODE", List.of(Type.CODE), c -> " is not in the code list " + c.codes(), true);
        for (Col c : cols) {
            if (c.numeric() && (c.min() != null || c.max() != null)) {
                List<String> outside = new ArrayList<>();
                if (c.min() != null) {
                    outside.add(q(c.name()) + " < " + c.min());
                }
                if (c.max() != null) {
                    outside.add(q(c.name()) + " > " + c.max());
                }
                checks.add(new String[]{"OUT_OF_RANGE", "coalesce(" + String.join(" OR ", outside) + ", false)",
                        "'column " + c.name() + ": ''' || " + text(c) + " || ''' is outside [" + bound(c.min()) + ", " + bound(c.max()) + "]'"});
            }
        }
        String reason = "CASE " + checks.stream().map(ch -> "WHEN " + ch[1] + " THEN " + lit(ch[0])).collect(Collectors.joining(" ")) + " END";
        String detail = "CASE " + checks.stream().map(ch -> "WHEN " + ch[1] + " THEN " + ch[2]).collect(Collectors.joining(" ")) + " END";

        List<String> texts = new ArrayList<>();
        List<String> typedCols = new ArrayList<>();
        List<String> jsonFields = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            Col c = cols.get(i);
            // ContractParser: trimmed of spaces, empty is null (Spark's trim and DuckDB's trim both strip ' ' only).
            texts.add("nullif(trim(_f[" + (i + 1) + "], ' '), '') AS " + text(c));
            typedCols.add(typed(c, text(c)) + " AS " + q(c.name()));
            // Raw record of a rejected row: Spark's to_json of the texts (null fields left out), every
            // phone number replaced by the pseudonym of normaliseOtherParty.
            String shown = c.type() == Type.MSISDN || c.type() == Type.PHONE ? "pseudonym(other_party_number(" + text(c) + "))" : text(c);
            jsonFields.add("'\"" + c.name() + "\":' || to_json(" + shown + ")");
        }
        String rawRecord = "CASE WHEN _malformed THEN array_to_string(list_transform(_f, x -> mask_field(x)), ',') "
                + "ELSE '{' || concat_ws(',', " + String.join(", ", jsonFields) + ") || '}' END";
        String names = cols.stream().map(c -> q(c.name())).collect(Collectors.joining(", "));
        String copyOrder = cols.stream().map(c -> q(c.name()) + " ASC NULLS FIRST").collect(Collectors.joining(", ")) + ", _file ASC NULLS FIRST";

        sql.execute("CREATE OR REPLACE TEMP TABLE " + table + " AS\n"
                // One row per line, whatever it holds: a delimiter that never occurs, no quoting.
                + "WITH lines AS (SELECT coalesce(line, '') AS _line, filename AS _file FROM read_csv(" + lit(glob)
                + ", columns = {'line': 'VARCHAR'}, header = false, delim = E'\\x01\\x02\\x03\\x04', quote = '', escape = '',"
                + " auto_detect = false, filename = true, compression = 'gzip')),\n"
                // Split on the delimiter; a line with a quote goes through an RFC-4180 field scanner.
                + "fields AS (SELECT *, CASE WHEN strpos(_line, '\"') = 0 THEN string_split(_line, ',') ELSE list_transform("
                + "regexp_extract_all(',' || _line, ',(\"(?:[^\"]|\"\")*\"|[^,]*)', 1), x -> CASE WHEN x LIKE '\"%\"' AND length(x) > 1 "
                + "THEN replace(x[2:-2], '\"\"', '\"') ELSE x END) END AS _f FROM lines),\n"
                // LandingReader: any other number of fields than the contract's is a malformed line; its
                // fields are still read positionally (missing ones null), as Spark's PERMISSIVE mode does.
                + "texts AS (SELECT _f, _file, len(_f) <> " + cols.size() + " AS _malformed, " + String.join(", ", texts) + " FROM fields),\n"
                + "typed AS (SELECT *, " + String.join(", ", typedCols) + " FROM texts),\n"
                + "checked AS (SELECT *, " + reason + " AS _reason FROM typed)\n"
                + "SELECT " + names + ", CAST(" + q(s.eventTime()) + " AS DATE) AS event_date, DATE '" + date + "' AS delivery_date, "
                + lit("landing/" + s.name() + "/dt=" + date + "/") + " || parse_filename(_file) AS source_file, "
                + "_reason, CASE WHEN _reason IS NOT NULL THEN " + detail + " END AS _detail, "
                + "CASE WHEN _reason IS NOT NULL THEN " + rawRecord + " END AS _raw_record, "
                // Deduplicator: copies numbered over all rows of the key (rejected ones too), kept copy = 1.
                + "CASE WHEN _reason IS NULL THEN row_number() OVER (PARTITION BY " + q(s.key()) + " ORDER BY " + copyOrder + ") END AS _copy\n"
                + "FROM checked");

        Map<String, Object> stats = new LinkedHashMap<>();
        try (ResultSet r = sql.executeQuery("SELECT count(*), count(_reason), count(*) FILTER (WHERE _copy > 1), "
                + "count(*) FILTER (WHERE _copy = 1), count(*) FILTER (WHERE _copy = 1 AND event_date < delivery_date), "
                + "count(*) FILTER (WHERE _copy = 1 AND event_date > delivery_date) FROM " + table)) {
            r.next();
            stats.put("rows_read", r.getLong(1));
            stats.put("quarantined", r.getLong(2));
            stats.put("duplicates_dropped", r.getLong(3));
            stats.put("accepted", r.getLong(4));
            stats.put("late_rows", r.getLong(5));
            stats.put("future_rows", r.getLong(6));
        }
        Map<String, Long> counted = new LinkedHashMap<>();
        try (ResultSet r = sql.executeQuery("SELECT _reason, count(*) FROM " + table + " WHERE _reason IS NOT NULL GROUP BY 1")) {
            while (r.next()) {
                counted.put(r.getString(1), r.getLong(2));
            }
        }
        Map<String, Long> reasons = new LinkedHashMap<>();  // in RejectReason order, as Ganzhi's summary
        for (String reasonName : REASONS) {
            if (counted.containsKey(reasonName)) {
                reasons.put(reasonName, counted.get(reasonName));
            }
        }
        stats.put("reasons", reasons);

        // Silver: replace this delivery's files (delivery_<date>_<i>.parquet), keep other deliveries'.
        Path silver = out.resolve("silver").resolve(s.name());
        deleteDeliveryFiles(silver, date);
        long written = sql.executeUpdate("COPY (SELECT " + names + ", event_date, delivery_date, source_file FROM " + table
                + " WHERE _reason IS NULL AND _copy = 1) TO " + lit(silver.toString())
                + " (FORMAT parquet, PARTITION_BY (event_date), FILENAME_PATTERN 'delivery_" + date + "_{i}', OVERWRITE_OR_IGNORE true)");
        long quarantined = sql.executeUpdate("COPY (SELECT " + lit(s.name()) + " AS source, delivery_date, source_file AS input_file, "
                + "_reason AS reason_code, _detail AS reason, _raw_record AS raw_record FROM " + table + " WHERE _reason IS NOT NULL) TO "
                + lit(out.resolve("quarantine").resolve(s.name() + ".parquet").toString()) + " (FORMAT parquet)");
        // Ganzhi's reconciliation: read = accepted + quarantined + duplicates, with what was written.
        long read = (Long) stats.get("rows_read");
        if (read != written + quarantined + (Long) stats.get("duplicates_dropped") || written != (Long) stats.get("accepted")) {
            throw new IllegalStateException("counts do not reconcile for " + s.name() + ": read " + read + ", silver "
                    + written + ", quarantine " + quarantined + ", duplicates " + stats.get("duplicates_dropped"));
        }
        return stats;
    }

    /** One check per column of the given types: present text whose typed value is null. */
    static void addChecks(List<String[]> checks, List<Col> cols, String reason, List<Type> types,
                          java.util.function.Function<Col, String> message, boolean showValue) {
        for (Col c : cols) {
            if (types.contains(c.type())) {
                String detail = showValue
                        ? "'column " + c.name() + ": ''' || " + text(c) + " || '''' || " + lit(message.apply(c))
                        : lit("column " + c.name() + ": " + message.apply(c));
                checks.add(new String[]{reason, text(c) + " IS NOT NULL AND " + q(c.name()) + " IS NULL", detail});
            }
        }
    }

    static void deleteDeliveryFiles(Path silver, LocalDate date) throws IOException {
        if (!Files.isDirectory(silver)) {
            return;
        }
        try (Stream<Path> files = Files.walk(silver)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("delivery_" + date + "_")).toList()) {
                Files.delete(f);
            }
        }
    }

    // ---- Features ----

    /**
     * features.subscriber_daily's voice, data and cell columns (SubscriberDaily.voice, data, mobility
     * and combine) for DATE and the earlier event dates this delivery brought (late rows, back to
     * RECOMPUTE_DAYS), from all silver files of those dates delivered up to DATE. Returns {rows, days}.
     */
    static long[] subscriberDaily(Statement sql, LocalDate date, Path out) throws Exception {
        String d = "DATE '" + date + "'";
        sql.execute("CREATE OR REPLACE TEMP TABLE feature_days AS SELECT " + d + " AS day UNION "
                + SOURCES.stream().map(s -> "SELECT DISTINCT event_date FROM parsed_" + s.name() + " WHERE _copy = 1 AND event_date BETWEEN "
                + d + " - INTERVAL " + RECOMPUTE_DAYS + " DAY AND " + d).collect(Collectors.joining(" UNION ")));
        long days = Long.parseLong(scalar(sql, "SELECT count(*) FROM feature_days"));
        String voice = silverOf(out, "voice_cdr", d);
        String data = silverOf(out, "data_session", d);
        String mb = "1048576.0::DOUBLE";  // doubles, as Spark divides by a double literal (60.0 would be a DECIMAL here)
        long rows = sql.executeUpdate("COPY (\n"
                + "WITH calls AS (" + voice + "), sessions AS (" + data + "),\n"
                + "v AS (SELECT msisdn, event_date AS date,\n"
                + "  count(*) FILTER (WHERE direction = 'MO') AS calls_mo, count(*) FILTER (WHERE direction <> 'MO') AS calls_mt,\n"
                + "  round(sum(duration_s) FILTER (WHERE direction = 'MO') / 60.0::DOUBLE, 3) AS minutes_mo,\n"
                + "  round(sum(duration_s) FILTER (WHERE direction <> 'MO') / 60.0::DOUBLE, 3) AS minutes_mt,\n"
                + "  count(*) FILTER (WHERE end_cause IN ('NORMAL', 'DROPPED')) AS calls_connected,\n"
                + "  count(*) FILTER (WHERE end_cause = 'DROPPED') AS calls_dropped,\n"
                + "  count(*) FILTER (WHERE end_cause = 'SETUP_FAILED') AS calls_setup_failed,\n"
                + "  count(DISTINCT other_party) AS distinct_contacts\n"
                + "  FROM calls GROUP BY ALL),\n"
                // A session is ok unless failed is true (null counts as ok), as in SubscriberDaily.data.
                + "s AS (SELECT msisdn, event_date AS date, count(*) AS sessions,\n"
                + "  count(*) FILTER (WHERE failed) AS sessions_failed,\n"
                + "  round(sum(coalesce(bytes_up, 0)) / " + mb + ", 3) AS mb_up, round(sum(coalesce(bytes_down, 0)) / " + mb + ", 3) AS mb_down,\n"
                + "  sum(throughput_kbps) FILTER (WHERE NOT coalesce(failed, false)) AS throughput_kbps_sum,\n"
                + "  count(throughput_kbps) FILTER (WHERE NOT coalesce(failed, false)) AS throughput_samples\n"
                + "  FROM sessions GROUP BY ALL),\n"
                // Cells of voice and data together (SubscriberDaily.mobility).
                + "c AS (SELECT msisdn, date, count(DISTINCT cell_id) AS distinct_cells FROM ("
                + "SELECT msisdn, event_date AS date, cell_id FROM calls UNION ALL SELECT msisdn, event_date, cell_id FROM sessions) GROUP BY ALL),\n"
                + "j AS (SELECT msisdn, date,\n"
                + "  coalesce(calls_mo, 0) AS calls_mo, coalesce(calls_mt, 0) AS calls_mt, coalesce(minutes_mo, 0.0) AS minutes_mo,\n"
                + "  coalesce(minutes_mt, 0.0) AS minutes_mt, coalesce(calls_connected, 0) AS calls_connected,\n"
                + "  coalesce(calls_dropped, 0) AS calls_dropped, coalesce(calls_setup_failed, 0) AS calls_setup_failed,\n"
                + "  coalesce(distinct_contacts, 0) AS distinct_contacts, coalesce(distinct_cells, 0) AS distinct_cells,\n"
                + "  coalesce(sessions, 0) AS sessions, coalesce(sessions_failed, 0) AS sessions_failed,\n"
                + "  coalesce(mb_up, 0.0) AS mb_up, coalesce(mb_down, 0.0) AS mb_down,\n"
                + "  throughput_kbps_sum, coalesce(throughput_samples, 0) AS throughput_samples\n"
                + "  FROM v FULL OUTER JOIN s USING (msisdn, date) LEFT JOIN c USING (msisdn, date))\n"
                // Rates next to their counts; null when there is nothing to divide by (SubscriberDaily.ratio).
                + "SELECT msisdn, date, calls_mo, calls_mt, calls_mo + calls_mt AS calls, minutes_mo, minutes_mt,\n"
                + "  minutes_mo + minutes_mt AS minutes, calls_connected, calls_dropped,\n"
                + "  CASE WHEN calls_connected > 0 THEN round(calls_dropped / calls_connected, 6) END AS drop_rate,\n"
                + "  calls_setup_failed, CASE WHEN calls_mo + calls_mt > 0 THEN round(calls_setup_failed / (calls_mo + calls_mt), 6) END AS setup_failure_rate,\n"
                + "  distinct_contacts, distinct_cells, sessions, sessions_failed,\n"
                + "  CASE WHEN sessions > 0 THEN round(sessions_failed / sessions, 6) END AS data_failure_rate,\n"
                + "  mb_up, mb_down, mb_up + mb_down AS mb_total, throughput_kbps_sum, throughput_samples,\n"
                + "  CASE WHEN throughput_samples > 0 THEN round(throughput_kbps_sum / throughput_samples, 6) END AS throughput_kbps_mean\n"
                + "FROM j ORDER BY date, msisdn\n"
                + ") TO " + lit(out.resolve("features").resolve("subscriber_daily.parquet").toString()) + " (FORMAT parquet)");
        return new long[]{rows, days};
    }

    /** The silver rows of the feature days as delivered up to DATE (FeaturesJob.events). */
    static String silverOf(Path out, String source, String d) {
        String glob = out.resolve("silver").resolve(source).resolve("*").resolve("*.parquet").toString();
        return "SELECT * FROM read_parquet(" + lit(glob) + ", hive_partitioning = true) "
                + "WHERE delivery_date <= " + d + " AND event_date IN (SELECT day FROM feature_days)";
    }

    // ---- Helpers ----

    /** PseudonymKey.decode: the first non-comment line, hex when it looks like hex, else its UTF-8 bytes. */
    static byte[] pseudonymKey(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("set GANZHI_PSEUDONYM_KEY (64 hex characters, as for Ganzhi)");
        }
        String key = text.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst().orElse("");
        byte[] bytes = key.matches("([0-9a-fA-F]{2})+") ? HexFormat.of().parseHex(key) : key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 16) {
            throw new IllegalArgumentException("GANZHI_PSEUDONYM_KEY is too short: at least 16 bytes");
        }
        return bytes;
    }

    static String text(Col c) {
        return q("_t_" + c.name());
    }

    static String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String lit(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String lits(List<String> values) {
        return values.stream().map(DuckDbPeer::lit).collect(Collectors.joining(", "));
    }

    static String bound(Double v) {
        return v == null ? "-" : v == Math.rint(v) ? String.valueOf(v.longValue()) : v.toString();
    }

    static String scalar(Statement sql, String query) throws SQLException {
        try (ResultSet r = sql.executeQuery(query)) {
            r.next();
            return r.getString(1);
        }
    }

    static double seconds(long fromNanos) {
        return Math.round((System.nanoTime() - fromNanos) / 1e7) / 100.0;
    }

    static String json(String version, Map<String, Map<String, Object>> stats, long dailyRows, double ingest, double features, double total) {
        StringBuilder b = new StringBuilder("{\"peer\":\"duckdb\",\"duckdb_version\":\"" + version + "\",\"threads\":2,\"sources\":{");
        String sources = stats.entrySet().stream().map(e -> {
            Map<String, Object> s = e.getValue();
            @SuppressWarnings("unchecked")
            Map<String, Long> reasons = (Map<String, Long>) s.get("reasons");
            return "\"" + e.getKey() + "\":{\"rows_read\":" + s.get("rows_read") + ",\"accepted\":" + s.get("accepted")
                    + ",\"quarantined\":" + s.get("quarantined") + ",\"duplicates_dropped\":" + s.get("duplicates_dropped")
                    + ",\"late_rows\":" + s.get("late_rows") + ",\"future_rows\":" + s.get("future_rows") + ",\"reasons\":{"
                    + reasons.entrySet().stream().map(r -> "\"" + r.getKey() + "\":" + r.getValue()).collect(Collectors.joining(","))
                    + "},\"seconds\":" + s.get("seconds") + "}";
        }).collect(Collectors.joining(","));
        return b.append(sources).append("},\"subscriber_daily_rows\":").append(dailyRows)
                .append(",\"seconds\":{\"ingest\":").append(ingest).append(",\"features\":").append(features)
                .append(",\"total\":").append(total).append("}}").toString();
    }
}
