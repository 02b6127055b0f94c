package org.ganzhi.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.SparkTestBase;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.RunSummary;
import org.ganzhi.config.GanzhiConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * calibrate on a small lake: 400 subscribers scored on Nov 1..10 with a steady call_drop_rate
 * score that sets their daily chance of opening a ticket (tickets up to Nov 12), daily subscriber
 * snapshots up to Nov 12 in which every 20th subscriber churns on Nov 6, and no survey feed. Run
 * date Nov 12, training dates Nov 1..3, test date Nov 5.
 */
class CalibrateJobTest extends SparkTestBase {
    private static final LocalDate D = LocalDate.of(2026, 11, 12);
    private Lake lake;
    private GanzhiConfig config;
    private RunSummary summary;
    private String printed;

    @BeforeAll
    void calibrate() {
        lake = new Lake(tmp.resolve("lake").toString());
        Random random = new Random(7);
        List<Row> scores = new ArrayList<>();
        List<Row> tickets = new ArrayList<>();
        List<Row> snapshots = new ArrayList<>();
        for (int sub = 0; sub < 400; sub++) {
            String msisdn = "S" + sub;
            double callDrop = 100 * random.nextDouble();
            double dailyChance = 1 / (1 + Math.exp(6 - 0.05 * (100 - callDrop)));
            for (int day = 1; day <= 12; day++) {
                Date date = Date.valueOf(LocalDate.of(2026, 11, day));
                if (day <= 10) {
                    double mos = 100 * random.nextDouble();
                    Double billShock = random.nextDouble() < 0.3 ? null : 100 * random.nextDouble();
                    double drop = Math.max(0, Math.min(100, callDrop + 5 * random.nextGaussian()));
                    scores.add(RowFactory.create(msisdn, date, (drop + mos) / 2, drop, mos, billShock, "spec1"));
                }
                if (random.nextDouble() < dailyChance) {
                    // 04:00 UTC is noon in Shanghai, the same local day.
                    tickets.add(RowFactory.create("T" + sub + "-" + day, msisdn,
                            Timestamp.valueOf(LocalDate.of(2026, 11, day).atTime(4, 0)), "NETWORK_VOICE"));
                }
                snapshots.add(RowFactory.create(msisdn, date, sub % 20 == 0 && day >= 6 ? "CHURNED" : "ACTIVE"));
            }
        }
        spark.createDataFrame(scores, StructType.fromDDL("msisdn STRING, date DATE, perception_index DOUBLE, "
                        + "call_drop_rate_score DOUBLE, voice_mos_score DOUBLE, bill_shock_ratio_score DOUBLE, perception_spec STRING"))
                .write().format("delta").partitionBy("date").save(lake.table("perception.subscriber_score"));
        spark.createDataFrame(tickets, StructType.fromDDL("ticket_id STRING, msisdn STRING, opened_at TIMESTAMP, category STRING"))
                .write().format("delta").save(lake.table("silver.complaint_ticket"));
        spark.createDataFrame(snapshots, StructType.fromDDL("msisdn STRING, snapshot_date DATE, status STRING"))
                .write().format("delta").partitionBy("snapshot_date").save(lake.table("silver.subscriber"));

        config = GanzhiConfig.defaults().with(Map.of("ganzhi.calibrate.min-positives", 30,
                "ganzhi.calibrate.regression.max-iterations", 30));
        summary = new RunSummary("calibrate");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CalibrateJob.run(spark, config, options(config, "2026-11-01", "2026-11-03", "2026-11-05", "2026-11-05"), summary,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        printed = out.toString(StandardCharsets.UTF_8);
    }

    private CalibrateOptions options(GanzhiConfig c, String trainFrom, String trainTo, String testFrom, String testTo) {
        return CalibrateOptions.of(lake, D, Optional.of(LocalDate.parse(trainFrom)), Optional.of(LocalDate.parse(trainTo)),
                Optional.of(LocalDate.parse(testFrom)), Optional.of(LocalDate.parse(testTo)), CalibrateSettings.from(c));
    }

    private Row outcome(String name) {
        return sql("SELECT * FROM delta.`" + lake.table("calibration.report") + "` WHERE outcome = '" + name + "'").get(0);
    }

    @Test
    void oneReportRowPerOutcomeWithTheComplaintModel() {
        assertEquals(3L, scalarLong("SELECT count(*) FROM delta.`" + lake.table("calibration.report") + "` WHERE run_date = DATE'"
                + D + "'"));
        Row complaint = outcome("complaint");
        assertEquals("complaint_next_7d", complaint.getAs("label"));
        assertEquals("complaint-v0001", complaint.getAs("model_version"));
        assertEquals("spec1", complaint.getAs("perception_spec"));
        assertEquals(Date.valueOf("2026-11-03"), complaint.getAs("train_to"));
        assertEquals(3, (int) complaint.getAs("train_dates"));
        assertEquals(1200L, (long) complaint.getAs("train_examples"));
        assertEquals(400L, (long) complaint.getAs("test_examples"));
        double auc = complaint.getAs("auc");
        assertTrue(auc > 0.75, "AUC " + auc);
        assertNull(complaint.getAs("note"));
        List<Row> coefficients = complaint.getList(complaint.fieldIndex("coefficients"));
        Row callDrop = coefficients.stream().filter(c -> c.getString(0).equals("call_drop_rate_score")).findFirst().orElseThrow();
        for (Row c : coefficients) {
            boolean otherScore = c.getString(0).endsWith("_score") && c != callDrop;
            assertTrue(!otherScore || c.getDouble(1) > callDrop.getDouble(1), "most negative score: " + callDrop + " vs " + c);
        }
        List<Row> proposals = complaint.getList(complaint.fieldIndex("proposed_weights"));
        Row network = proposals.stream().filter(p -> p.getString(1).equals("NETWORK")).findFirst().orElseThrow();
        assertEquals("DIMENSION", network.getString(0));
        assertEquals(0.30, network.getDouble(3), 1e-9, "the configuration's NETWORK weight");
        assertTrue(network.getDouble(4) > 0.5, "call drops predict the tickets: " + network);
    }

    @Test
    void outcomesWithoutEnoughLabelsSayWhy() {
        Row survey = outcome("low_survey");
        assertNull(survey.getAs("auc"));
        assertNull(survey.getAs("model_version"));
        assertTrue(((String) survey.getAs("note")).startsWith("too few labelled examples: 0 positives"), survey.toString());
        Row churn = outcome("churn");
        assertEquals(20L, (long) churn.getAs("test_positives"), "every 20th subscriber churns on Nov 6");
        assertTrue(((String) churn.getAs("note")).contains("at least 30 positives"));
    }

    @Test
    void theModelIsSavedAndTheProposalPrintedNotApplied() {
        assertTrue(Files.exists(tmp.resolve("lake/models/risk/complaint/v0001/model.json")));
        assertEquals(1, RiskModel.latestVersion(spark, lake, Outcomes.COMPLAINT));
        assertEquals(0, RiskModel.latestVersion(spark, lake, Outcomes.CHURN), "too few leavers for a churn model");
        assertTrue(printed.contains("proposed weights"), printed);
        assertTrue(printed.contains("nothing was changed"), printed);
        JsonNode warnings = summary.root().get("warnings");
        assertTrue(warnings.toString().contains("no silver.survey"), warnings.toString());
        assertTrue(warnings.toString().contains("drivers without a score column"), warnings.toString());
        assertTrue(warnings.toString().contains("risk inputs the lake does not have are left out"), warnings.toString());
        assertTrue(warnings.toString().contains("no new churn model"), warnings.toString());
        assertEquals("complaint-v0001", summary.root().get("complaint_model").asText());
    }

    @Test
    void clearErrorsWhenTheLakeCannotSupportTheRun() {
        GanzhiException noDates = assertThrows(GanzhiException.class, () -> CalibrateJob.run(spark, config,
                options(config, "2026-10-01", "2026-10-03", "2026-10-05", "2026-10-05"), new RunSummary("calibrate"), System.out));
        assertTrue(noDates.getMessage().contains("the dates [2026-11-01"), noDates.getMessage());
        GanzhiException tooLate = assertThrows(GanzhiException.class, () -> CalibrateJob.run(spark, config,
                CalibrateOptions.of(lake, LocalDate.of(2026, 11, 20), Optional.of(LocalDate.of(2026, 11, 1)),
                        Optional.of(LocalDate.of(2026, 11, 3)), Optional.of(LocalDate.of(2026, 11, 5)),
                        Optional.of(LocalDate.of(2026, 11, 5)), CalibrateSettings.from(config)),
                new RunSummary("calibrate"), System.out));
        assertTrue(tooLate.getMessage().contains("latest subscriber snapshot is 2026-11-12"), tooLate.getMessage());
        GanzhiConfig strict = config.with(Map.of("ganzhi.calibrate.min-positives", 100_000));
        GanzhiException few = assertThrows(GanzhiException.class, () -> CalibrateJob.run(spark, strict,
                options(strict, "2026-11-01", "2026-11-03", "2026-11-05", "2026-11-05"), new RunSummary("calibrate"), System.out));
        assertTrue(few.getMessage().startsWith("cannot fit any risk model: complaint: too few labelled examples"),
                few.getMessage());
        assertEquals(1, RiskModel.latestVersion(spark, lake, Outcomes.COMPLAINT), "no model saved by a failed run");
    }
}
