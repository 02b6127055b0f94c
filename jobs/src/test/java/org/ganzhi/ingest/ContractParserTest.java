package org.ganzhi.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.ganzhi.SparkTestBase;
import org.ganzhi.TestKeys;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SourceContract;
import org.ganzhi.privacy.Pseudonymizer;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractParserTest extends SparkTestBase {
    private final GanzhiConfig config = GanzhiConfig.defaults();
    private final Pseudonymizer pseudonymizer = TestKeys.pseudonymizer();
    private static final String GOOD = "vc01,+86 138 1234 5678,10086,MO,2026-11-03 08:30:00,120,C001,volte,NORMAL,4.1,0";

    private Dataset<Row> parseVoice(String... lines) {
        SourceContract voice = config.source("voice_cdr");
        Dataset<Row> landing = spark.createDataset(List.of(lines), Encoders.STRING()).toDF(LandingReader.LINE)
                .withColumn(LandingReader.FILE, lit("file:/lake/landing/voice_cdr/dt=2026-11-03/part-0.csv.gz"));
        return new ContractParser(voice, config.operator(), config.ingest(), pseudonymizer)
                .parse(LandingReader.splitCsv(landing, voice));
    }

    private String reasonOf(String line) {
        Row row = parseVoice(line).first();
        return row.getAs(ContractParser.REASON);
    }

    @Test
    void aCleanLineIsTypedPseudonymisedAndDatedInOperatorTime() {
        Row row = parseVoice(GOOD).first();
        assertNull(row.getAs(ContractParser.REASON));
        assertEquals(pseudonymizer.pseudonym("8613812345678"), row.getAs("msisdn"));
        assertEquals(pseudonymizer.pseudonym("10086"), row.getAs("other_party"));
        assertEquals("VoLTE", row.getAs("rat"), "codes match case-insensitively and take the canonical spelling");
        // 08:30 in Asia/Shanghai is 00:30 UTC.
        assertEquals(Timestamp.from(Instant.parse("2026-11-03T00:30:00Z")), row.getAs("start_time"));
        assertEquals(java.sql.Date.valueOf(LocalDate.of(2026, 11, 3)), row.getAs(ContractParser.EVENT_DATE));
        assertEquals(120, (int) row.getAs("duration_s"));
        assertEquals(4.1, (double) row.getAs("mos"), 1e-9);
        assertEquals(false, row.getAs("roaming"));
    }

    @Test
    void eventDateIsTheOperatorLocalDayNotTheUtcDay() {
        // 01:15 local on Nov 3 is still Nov 2 in UTC: the call belongs to the operator's Nov 3.
        Row row = parseVoice(GOOD.replace("2026-11-03 08:30:00", "2026-11-03 01:15:00")).first();
        assertEquals(java.sql.Date.valueOf("2026-11-03"), row.getAs(ContractParser.EVENT_DATE));
        assertEquals(Timestamp.from(Instant.parse("2026-11-02T17:15:00Z")), row.getAs("start_time"));
    }

    @Test
    void timestampsWithAnOffsetKeepTheirInstant() {
        Row row = parseVoice(GOOD.replace("2026-11-03 08:30:00", "2026-11-03T08:30:00+01:00")).first();
        assertNull(row.getAs(ContractParser.REASON));
        assertEquals(Timestamp.from(Instant.parse("2026-11-03T07:30:00Z")), row.getAs("start_time"));
    }

    @Test
    void everyRejectReasonIsDetected() {
        assertEquals("MALFORMED_LINE", reasonOf("vc02,13812345678,MO,2026-11-03"));
        assertEquals("MALFORMED_LINE", reasonOf(GOOD + ",extra"));
        assertEquals("MISSING_REQUIRED", reasonOf(GOOD.replace("+86 138 1234 5678", " ")));
        assertEquals("MISSING_REQUIRED", reasonOf(GOOD.replace("vc01", "")));
        assertEquals("BAD_MSISDN", reasonOf(GOOD.replace("+86 138 1234 5678", "1381234567")));
        assertEquals("BAD_MSISDN", reasonOf(GOOD.replace("+86 138 1234 5678", "12012345678")), "not a mobile prefix");
        assertEquals("BAD_MSISDN", reasonOf(GOOD.replace("+86 138 1234 5678", "138ABC45678")));
        assertEquals("BAD_TIMESTAMP", reasonOf(GOOD.replace("2026-11-03 08:30:00", "2026-11-03 25:61:00")));
        assertEquals("BAD_TIMESTAMP", reasonOf(GOOD.replace("2026-11-03 08:30:00", "03/11/2026 08:30")));
        assertEquals("BAD_NUMBER", reasonOf(GOOD.replace(",120,", ",12s,")));
        assertEquals("BAD_NUMBER", reasonOf(GOOD.replace(",4.1,", ",NaN,")));
        assertEquals("BAD_NUMBER", reasonOf(GOOD.replace(",4.1,0", ",4.1,maybe")));
        assertEquals("UNKNOWN_CODE", reasonOf(GOOD.replace("NORMAL", "HANGUP_X")));
        assertEquals("OUT_OF_RANGE", reasonOf(GOOD.replace(",120,", ",-5,")));
        assertEquals("OUT_OF_RANGE", reasonOf(GOOD.replace(",4.1,", ",7.5,")));
        assertEquals("OUT_OF_RANGE", reasonOf(GOOD.replace(",120,", ",1000000000,")), "a call of 10^9 s is over the day-long ceiling");
        assertEquals("OUT_OF_WINDOW", reasonOf(GOOD.replace("2026-11-03 08:30:00", "1970-01-01 08:00:00")));
        assertEquals("OUT_OF_WINDOW", reasonOf(GOOD.replace("2026-11-03 08:30:00", "2099-11-03 08:30:00")));
        assertEquals("OUT_OF_WINDOW", reasonOf(GOOD.replace("2026-11-03 08:30:00", "2026-11-05 00:10:00")),
                "two days after its delivery of Nov 3");
        assertNull(reasonOf(GOOD.replace("2026-11-03 08:30:00", "2026-11-04 23:50:00")), "within a day's tolerance");
        assertEquals("BAD_TEXT", reasonOf(GOOD.replace("C001", "C0\u000001")), "a NUL byte in a key column");
        assertEquals("BAD_TEXT", reasonOf(GOOD.replace("C001", "C".repeat(257))));
        assertNull(reasonOf(GOOD.replace("C001", "C".repeat(256))), "256 characters is the configured maximum");
        assertEquals("BAD_TEXT", reasonOf(GOOD.replace("NORMAL", "NORMAL").replace("vc01", "vc\uFFFD1")),
                "bytes that were not UTF-8 are read as U+FFFD");
        assertNull(reasonOf(GOOD.replace("C001", "小区\t01")), "Chinese text and tabs are text");
    }

    @Test
    void aCreditBillIsKeptAndFlaggedNotRejected() {
        SourceContract billing = config.source("billing");
        String bill = "b1,13812345678,2026-10,P1,30,20,0,0,0,5,%s,2026-11-03,2026-11-20,,,false";
        Dataset<Row> landing = spark.createDataset(List.of(String.format(bill, "-12.5"), String.format(bill, "45.0")
                        .replace("b1,", "b2,"), String.format(bill, "2000000").replace("b1,", "b3,")), Encoders.STRING())
                .toDF(LandingReader.LINE).withColumn(LandingReader.FILE, lit("file:/lake/landing/billing/dt=2026-11-03/b.csv"));
        List<Row> rows = new ContractParser(billing, config.operator(), config.ingest(), pseudonymizer)
                .parse(LandingReader.splitCsv(landing, billing)).orderBy("bill_id").collectAsList();
        assertNull(rows.get(0).getAs(ContractParser.REASON), "a credit note is a real bill");
        assertEquals(true, rows.get(0).getAs("credit"));
        assertEquals(false, rows.get(1).getAs("credit"));
        assertEquals("OUT_OF_RANGE", rows.get(2).getAs(ContractParser.REASON), "a bill of two million is a broken export");
        assertTrue(billing.silverSchema().fieldNames()[billing.columns().size()].equals("credit"),
                "silver.billing carries the flag after the contract's columns");
    }

    @Test
    void filesWithAHeaderAreReadByItsColumnNamesInAnyOrder() {
        SourceContract outcome = config.source("outcome");
        String folder = "file:/lake/landing/outcome/dt=2026-11-03/";
        Dataset<Row> landing = spark.createDataFrame(List.of(
                        RowFactory.create("msisdn,outcome_date,outcome_type", folder + "a.csv"),
                        RowFactory.create("13812345678,2026-11-02,CHURN", folder + "a.csv"),
                        RowFactory.create("outcome_type, outcome_date,msisdn", folder + "b.csv"),
                        RowFactory.create("PORT_OUT,2026-11-01,13812345679", folder + "b.csv")),
                new org.apache.spark.sql.types.StructType().add(LandingReader.LINE, "string").add(LandingReader.FILE, "string"));
        List<Row> rows = new ContractParser(outcome, config.operator(), config.ingest(), pseudonymizer)
                .parse(LandingReader.splitCsv(landing, outcome)).orderBy("outcome_date").collectAsList();
        assertEquals(2, rows.size(), "header lines are no records");
        assertEquals("PORT_OUT", rows.get(0).getAs("outcome_type"));
        assertEquals(pseudonymizer.pseudonym("8613812345679"), rows.get(0).getAs("msisdn"));
        assertEquals(java.sql.Date.valueOf("2026-11-01"), rows.get(0).getAs("outcome_date"));
        assertEquals("CHURN", rows.get(1).getAs("outcome_type"));
        assertNull(rows.get(0).getAs(ContractParser.REASON));

        Dataset<Row> lacking = landing.union(spark.createDataFrame(List.of(
                RowFactory.create("msisdn,outcome_date", folder + "c.csv")), landing.schema()));
        org.ganzhi.common.GanzhiException refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.ganzhi.common.GanzhiException.class, () -> LandingReader.splitCsv(lacking, outcome));
        assertTrue(refused.getMessage().startsWith("source outcome: the header of " + folder + "c.csv has no column 'outcome_type'"),
                refused.getMessage());
    }

    @Test
    void exactCopiesAreDuplicatesAndCopiesWithOtherValuesAConflict() {
        SourceContract voice = config.source("voice_cdr");
        List<Row> rows = Deduplicator.numberCopies(parseVoice(
                        GOOD, GOOD,                                                  // an exact copy: one kept, one duplicate
                        GOOD.replace("vc01", "vc02"), GOOD.replace("vc01", "vc02").replace(",120,", ",125,"), // a conflict
                        GOOD.replace("vc01", "vc03").replace("+86 138 1234 5678", "12"),  // rejected, sorts first
                        GOOD.replace("vc01", "vc03")),                               // its clean copy is kept
                        voice.key(), voice.columnNames())
                .orderBy(col("record_id"), col("duration_s")).collectAsList();
        List<String> outcome = rows.stream().map(r -> r.getAs("record_id") + ":" + r.getAs(ContractParser.REASON) + ":"
                + r.getAs(Deduplicator.COPY)).toList();
        assertEquals(List.of("vc01:null:1", "vc01:null:2", "vc02:CONFLICTING_DUPLICATE:null",
                "vc02:CONFLICTING_DUPLICATE:null", "vc03:BAD_MSISDN:null", "vc03:null:1"), outcome.stream().sorted().toList());
        Row conflict = rows.stream().filter(r -> "vc02".equals(r.getAs("record_id"))).findFirst().orElseThrow();
        assertTrue(((String) conflict.getAs(ContractParser.RAW_RECORD)).contains("\"duration_s\":120"), conflict.toString());
        assertFalse(((String) conflict.getAs(ContractParser.RAW_RECORD)).contains("13812345678"), "numbers stay pseudonymised");
    }

    @Test
    void aLateRecordAnEarlierDeliveryBroughtIsMarkedResent() {
        SourceContract voice = config.source("voice_cdr");
        List<String> deliveryKey = List.of("record_id", IngestJob.DELIVERY_DATE);
        Dataset<Row> copies = Deduplicator.numberCopies(parseVoice(
                        GOOD.replace("2026-11-03 08:30:00", "2026-11-02 09:00:00"),                          // sent on Nov 2 already
                        GOOD.replace("vc01", "vc05").replace("2026-11-03 08:30:00", "2026-11-02 10:00:00"),  // late, new
                        GOOD.replace("vc01", "vc06").replace("2026-11-03 08:30:00", "2026-10-20 10:00:00"),  // outside the window
                        GOOD.replace("vc01", "vc07"))                                                        // on time
                        .withColumn(IngestJob.DELIVERY_DATE, LandingReader.deliveryDate()), deliveryKey, voice.columnNames());
        Dataset<Row> silver = spark.sql("SELECT * FROM VALUES ('vc01', DATE'2026-11-02'), ('vc06', DATE'2026-10-20'), "
                + "('vc07', DATE'2026-11-02') AS t(record_id, delivery_date)");
        List<String> marked = ResentRecords.mark(copies, java.util.Optional.of(silver), voice.key(), 7)
                .orderBy("record_id").collectAsList().stream()
                .map(r -> r.getAs("record_id") + ":" + r.getAs(ResentRecords.RESENT) + ":" + r.getAs(Deduplicator.COPY)).toList();
        assertEquals(List.of("vc01:true:2", "vc05:false:1", "vc06:false:1", "vc07:false:1"), marked);
        assertEquals(List.of(false, false, false, false), ResentRecords.mark(copies, java.util.Optional.empty(), voice.key(), 7)
                .orderBy("record_id").collectAsList().stream().map(r -> (Boolean) r.getAs(ResentRecords.RESENT)).toList(),
                "without silver nothing was sent before");
    }

    @Test
    void textThatCannotBeAValueSaysWhy() {
        Row row = parseVoice(GOOD.replace("C001", "C".repeat(300))).first();
        assertEquals("column cell_id: is 300 characters long, more than 256", row.getAs(ContractParser.DETAIL));
        assertEquals("column record_id: holds a control character",
                parseVoice(GOOD.replace("vc01", "vc\u001b01")).first().getAs(ContractParser.DETAIL));
    }

    @Test
    void theFirstFailedCheckWinsAndTheDetailNamesTheColumn() {
        Row row = parseVoice(GOOD.replace(",120,", ",-5,").replace("NORMAL", "HANGUP_X")).first();
        assertEquals("UNKNOWN_CODE", row.getAs(ContractParser.REASON));
        assertEquals("column end_cause: 'HANGUP_X' is not in the code list [NORMAL, DROPPED, SETUP_FAILED, BUSY, NO_ANSWER]",
                row.getAs(ContractParser.DETAIL));
    }

    @Test
    void optionalEmptyValuesAreNullNotErrors() {
        Row row = parseVoice(GOOD.replace(",4.1,0", ",,")).first();
        assertNull(row.getAs(ContractParser.REASON));
        assertNull(row.getAs("mos"));
        assertNull(row.getAs("roaming"));
    }

    @Test
    void rawRecordsNeverHoldARawNumber() {
        List<Row> rows = parseVoice(GOOD.replace("NORMAL", "HANGUP_X"), "vc02,13812345678,MO,2026-11-03 08:30:00")
                .select(ContractParser.RAW_RECORD).collectAsList();
        for (Row row : rows) {
            String raw = row.getString(0);
            assertFalse(raw.contains("1234") , raw);
            assertFalse(raw.replaceAll("[^0-9]", " ").matches(".*[0-9]{8,}.*") && raw.contains("13812345678"), raw);
        }
        assertTrue(rows.get(1).getString(0).startsWith("vc02,[phone:"), rows.get(1).getString(0));
        assertTrue(rows.get(1).getString(0).endsWith(",MO,2026-11-03 08:30:00"), "dates stay readable");
    }

    @Test
    void jsonSourcesParseNumbersAndDetectBrokenLines() {
        SourceContract complaint = config.source("complaint");
        Dataset<Row> landing = spark.createDataset(List.of(
                        "{\"ticket_id\":\"tk1\",\"msisdn\":\"13812345678\",\"opened_at\":\"2026-11-03T09:00:00+08:00\",\"channel\":\"APP\","
                                + "\"category\":\"BILLING\",\"status\":\"OPEN\",\"updated_at\":\"2026-11-03T09:00:00+08:00\",\"promised_hours\":48}",
                        "{\"ticket_id\":\"tk2\",\"msisdn\":\"1381",
                        "{\"ticket_id\":\"tk3\",\"msisdn\":\"13812345678\",\"opened_at\":\"2026-11-03T09:00:00+08:00\",\"channel\":\"APP\","
                                + "\"category\":\"BILLING\",\"status\":\"RESOLVED\",\"updated_at\":\"2026-11-03T09:00:00+08:00\","
                                + "\"closed_at\":\"2026-11-02T09:00:00+08:00\"}",
                        "{\"ticket_id\":{\"id\":\"tk4\"},\"msisdn\":\"13812345678\",\"opened_at\":\"2026-11-03T09:00:00+08:00\","
                                + "\"channel\":\"APP\",\"category\":\"BILLING\",\"status\":\"OPEN\",\"updated_at\":\"2026-11-03T09:00:00+08:00\"}"),
                Encoders.STRING()).toDF(LandingReader.LINE).withColumn(LandingReader.FILE, lit("f"));
        List<Row> rows = new ContractParser(complaint, config.operator(), config.ingest(), pseudonymizer)
                .parse(LandingReader.splitJson(landing, complaint)).orderBy(col("ticket_id")).collectAsList();
        Row good = rows.stream().filter(r -> "tk1".equals(r.getAs("ticket_id"))).findFirst().orElseThrow();
        assertNull(good.getAs(ContractParser.REASON));
        assertEquals(48, (int) good.getAs("promised_hours"));
        assertEquals(Timestamp.from(Instant.parse("2026-11-03T01:00:00Z")), good.getAs("updated_at"));
        assertEquals(1, rows.stream().filter(r -> "MALFORMED_LINE".equals(r.getAs(ContractParser.REASON))).count());
        Row closedBeforeOpened = rows.stream().filter(r -> "tk3".equals(r.getAs("ticket_id"))).findFirst().orElseThrow();
        assertEquals("OUT_OF_ORDER", closedBeforeOpened.getAs(ContractParser.REASON));
        assertEquals("column closed_at: '2026-11-02T09:00:00+08:00' is before opened_at", closedBeforeOpened.getAs(ContractParser.DETAIL));
        assertEquals(List.of("column ticket_id: holds a JSON object or array where text is expected"), rows.stream()
                .filter(r -> "BAD_TEXT".equals(r.getAs(ContractParser.REASON))).map(r -> (String) r.getAs(ContractParser.DETAIL)).toList());
    }

    @Test
    void freeTextIsMaskedAndItsBadInputQuarantinedWithAReason() {
        SourceContract feedback = config.source("feedback");
        String head = "{\"feedback_id\":\"%s\",\"msisdn\":\"%s\",\"ts\":\"2026-11-03 09:00:00\",\"channel\":\"APP_STORE\",";
        List<String> lines = List.of(
                head.formatted("fb1", "13812345678") + "\"rating\":1,\"language\":\"zh-CN\",\"text\":\"我叫王小明，账单又错了😡<br>打我电话 139 1234 5678 "
                        + "或者 wang.xm@example.com\"}",
                head.formatted("fb2", "") + "\"text\":\"My name is John Smith and the app is great\"}",
                head.formatted("fb3", "13812345678") + "\"text\":\"  \"}",
                head.formatted("fb4", "13812345678") + "\"text\":\"" + "很慢".repeat(500_000) + "\"}",
                head.formatted("fb5", "13812345678") + "\"rating\":7,\"text\":\"ok\"}",
                head.formatted("fb6", "13812345678") + "\"product_id\":\"GAME_PASS\",\"text\":\"ok\"}",
                head.formatted("fb7", "13812345678") + "\"text\":\"\u00d5\u00e2\u00ca\u00c7 \uFFFD\uFFFD\"}");
        Dataset<Row> landing = spark.createDataset(lines, Encoders.STRING()).toDF(LandingReader.LINE).withColumn(LandingReader.FILE, lit("f"));
        List<Row> rows = new ContractParser(feedback, config.operator(), config.ingest(), pseudonymizer)
                .parse(LandingReader.splitJson(landing, feedback)).orderBy(col("feedback_id")).collectAsList();
        Row masked = rows.get(0);
        assertNull(masked.getAs(ContractParser.REASON));
        assertEquals("ZH", masked.getAs("language"), "a declared language's alias");
        String text = masked.getAs("text");
        assertEquals("我叫[name]，账单又错了😡<br>打我电话 [phone:" + pseudonymizer.pseudonym("8613912345678").substring(0, 16)
                + "] 或者 [email]", text, "the number's pseudonym, so texts of one caller can be linked; emoji and HTML are kept for the text stage");
        Row anonymous = rows.get(1);
        assertNull(anonymous.getAs(ContractParser.REASON), "an anonymous review is accepted");
        assertNull(anonymous.getAs("msisdn"));
        assertEquals("My name is [name] and the app is great", anonymous.getAs("text"));
        assertEquals(List.of("MISSING_REQUIRED", "BAD_TEXT", "OUT_OF_RANGE", "UNKNOWN_CODE", "BAD_TEXT"),
                rows.subList(2, 7).stream().map(r -> (String) r.getAs(ContractParser.REASON)).toList());
        assertEquals("column text: is 1000000 characters long, more than 4000", rows.get(3).getAs(ContractParser.DETAIL));
        assertNull(rows.get(3).getAs("text"), "a 1 MB text is neither masked nor kept");
        assertFalse(((String) rows.get(3).getAs(ContractParser.RAW_RECORD)).contains("很慢很慢"), "nor copied into quarantine");
    }
}
