package org.ganzhi.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.ganzhi.SparkTestBase;
import org.ganzhi.TestKeys;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SourceContract;
import org.ganzhi.privacy.Pseudonymizer;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring_index;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rows a source rejects, in the shape of quarantine.rejected_rows. */
class QuarantineTest extends SparkTestBase {
    private final GanzhiConfig config = GanzhiConfig.defaults();
    private final Pseudonymizer pseudonymizer = TestKeys.pseudonymizer();
    private static final String GOOD = "vc01,+86 138 1234 5678,13987654321,MO,2026-11-03 08:30:00,120,C001,volte,NORMAL,4.1,0";

    /** Ranked rows as the ingest hands them over: typed columns, reason, detail, raw record, copy, delivery and file. */
    private Dataset<Row> ranked() {
        return spark.sql("""
                SELECT record_id, CAST(duration_s AS INT) duration_s, CAST(reason AS STRING) %s, CAST(detail AS STRING) %s,
                       CAST(raw AS STRING) %s, CAST(copy AS INT) %s, DATE(dd) %s, file %s
                FROM VALUES
                  ('r1', 60, NULL, NULL, NULL, 1, '2026-11-03', 'landing/voice_cdr/dt=2026-11-03/a.csv'),
                  ('r1', 60, NULL, NULL, NULL, 2, '2026-11-03', 'landing/voice_cdr/dt=2026-11-03/b.csv'),
                  ('r2', NULL, 'BAD_NUMBER', 'column duration_s: ''6o'' is not a valid int', '{"record_id":"r2","duration_s":"6o"}',
                   NULL, '2026-11-03', 'landing/voice_cdr/dt=2026-11-03/b.csv'),
                  ('r3', 70, 'CONFLICTING_DUPLICATE', 'another copy of this record key', '{"record_id":"r3","duration_s":70}',
                   NULL, '2026-11-04', 'landing/voice_cdr/dt=2026-11-04/a.csv')
                AS t(record_id, duration_s, reason, detail, raw, copy, dd, file)"""
                .formatted(ContractParser.REASON, ContractParser.DETAIL, ContractParser.RAW_RECORD, Deduplicator.COPY,
                        IngestJob.DELIVERY_DATE, IngestJob.SOURCE_FILE));
    }

    @Test
    void rejectedRowsHaveTheColumnsAndTypesOfTheQuarantineTable() {
        List<String> expected = Arrays.stream(Quarantine.SCHEMA.fields()).map(f -> f.name() + " " + f.dataType().sql()).toList();
        assertEquals(List.of("source STRING", "delivery_date DATE", "input_file STRING", "reason_code STRING", "reason STRING",
                "raw_record STRING"), expected);
        assertEquals(expected, Arrays.stream(Quarantine.rejectedRows(ranked(), "voice_cdr").schema().fields())
                        .map(f -> f.name() + " " + f.dataType().sql()).toList(),
                "every source's rejects union into one table, so every source gives exactly these columns in this order");
    }

    @Test
    void onlyRejectedRowsAreTakenNeverAcceptedRowsOrDroppedDuplicates() {
        List<Row> rows = Quarantine.rejectedRows(ranked(), "voice_cdr").orderBy("reason_code").collectAsList();
        assertEquals(2, rows.size(), "r1's two copies are accepted and a duplicate: neither is a reject");
        Row badNumber = rows.get(0);
        assertEquals("voice_cdr", badNumber.getAs("source"));
        assertEquals(Date.valueOf("2026-11-03"), badNumber.getAs("delivery_date"));
        assertEquals("landing/voice_cdr/dt=2026-11-03/b.csv", badNumber.getAs("input_file"));
        assertEquals("BAD_NUMBER", badNumber.getAs("reason_code"));
        assertEquals("column duration_s: '6o' is not a valid int", badNumber.getAs("reason"), "the human reason is the detail");
        assertEquals("{\"record_id\":\"r2\",\"duration_s\":\"6o\"}", badNumber.getAs("raw_record"));
        Row conflict = rows.get(1);
        assertEquals("CONFLICTING_DUPLICATE", conflict.getAs("reason_code"));
        assertEquals(Date.valueOf("2026-11-04"), conflict.getAs("delivery_date"), "each reject keeps its own delivery");
        assertEquals("landing/voice_cdr/dt=2026-11-04/a.csv", conflict.getAs("input_file"));
    }

    @Test
    void aParsedDeliveryQuarantinesEachRejectOnceWithItsRawLineAndNoRawPhoneNumber() {
        SourceContract voice = config.source("voice_cdr");
        List<String> lines = List.of(
                GOOD, GOOD,                                                        // accepted once, one duplicate
                "vc02,13812345678,MO,2026-11-03",                                  // malformed
                GOOD.replace("vc01", "vc03").replace(",120,", ",12s,"),            // bad number
                GOOD.replace("vc01", "vc04").replace("+86 138 1234 5678", "12012345678"), // not a mobile number
                GOOD.replace("vc01", "vc05"), GOOD.replace("vc01", "vc05").replace(",120,", ",125,")); // a conflict
        Dataset<Row> landing = spark.createDataset(lines, Encoders.STRING()).toDF(LandingReader.LINE)
                .withColumn(LandingReader.FILE, lit("file:/lake/landing/voice_cdr/dt=2026-11-03/part-0.csv.gz"));
        Dataset<Row> ranked = Deduplicator.numberCopies(new ContractParser(voice, config.operator(), config.ingest(), pseudonymizer)
                                .parse(LandingReader.splitCsv(landing, voice))
                                .withColumn(IngestJob.DELIVERY_DATE, LandingReader.deliveryDate()),
                        List.of("record_id", IngestJob.DELIVERY_DATE), voice.columnNames())
                .withColumn(IngestJob.SOURCE_FILE, concat(lit("landing/"), substring_index(col(LandingReader.FILE), "/landing/", -1)));
        List<Row> rows = Quarantine.rejectedRows(ranked, "voice_cdr").orderBy("reason_code", "raw_record").collectAsList();

        assertEquals(List.of("BAD_MSISDN", "BAD_NUMBER", "CONFLICTING_DUPLICATE", "CONFLICTING_DUPLICATE", "MALFORMED_LINE"),
                rows.stream().map(r -> (String) r.getAs("reason_code")).toList());
        for (Row row : rows) {
            assertEquals("voice_cdr", row.getAs("source"));
            assertEquals(Date.valueOf("2026-11-03"), row.getAs("delivery_date"));
            assertEquals("landing/voice_cdr/dt=2026-11-03/part-0.csv.gz", row.getAs("input_file"));
            for (StructField field : Quarantine.SCHEMA.fields()) {
                String value = String.valueOf(row.<Object>getAs(field.name()));
                for (String raw : List.of("12345678", "13987654321", "12012345678", "138 1234")) {
                    assertFalse(value.contains(raw), field.name() + " holds a raw number: " + value);
                }
            }
        }
        assertTrue(((String) rows.get(0).getAs("reason")).startsWith("column msisdn: not a mobile number"),
                (String) rows.get(0).getAs("reason"));
        assertTrue(((String) rows.get(1).getAs("raw_record")).contains("\"duration_s\":\"12s\""),
                "a reject's raw record holds the text as delivered: " + rows.get(1).getAs("raw_record"));
        assertTrue(((String) rows.get(1).getAs("raw_record")).contains("\"cell_id\":\"C001\""));
        String malformed = rows.get(4).getAs("raw_record");
        assertTrue(malformed.matches("vc02,\\[phone:[0-9a-f]{16}],MO,2026-11-03"), "the raw line, only its number masked: " + malformed);
    }
}
