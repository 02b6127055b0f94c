package org.ganzhi.calibrate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.perception.PerceptionSettings.Driver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The risk models' inputs on two subscribers scored on Nov 14: perception columns and driver
 * scores from the scores, behaviour from the 30-day window row of the same date only.
 */
class RiskInputsTest extends SparkTestBase {
    private static final List<Driver> DRIVERS = List.of(
            new Driver("call_drop_rate", "NETWORK", 0.01, 0.08, 1.0, "VOICE", "HOME_CELL", 10),
            new Driver("bill_shock_ratio", "BILLING", 1.2, 2.0, 1.0, "ANY", "NONE", 10));

    private CalibrateSettings.Risk risk() {
        return CalibrateSettings.from(GanzhiConfig.defaults().with(Map.of(
                "ganzhi.calibrate.risk.perception", List.of("perception_index", "complaint_points"),
                "ganzhi.calibrate.risk.behaviour", List.of("usage_retention", "days_since_active", "arpu")))).risk();
    }

    private Dataset<Row> scores() {
        return spark.sql("""
                SELECT msisdn, DATE'2026-11-14' date, CAST(idx AS DOUBLE) perception_index, CAST(drop AS DOUBLE) call_drop_rate_score,
                       'spec1' perception_spec FROM VALUES ('A', 80, 90), ('B', 40, 10) AS t(msisdn, idx, drop)""");
    }

    @Test
    void scoresAndTheSameDatesWindowRow() {
        Dataset<Row> window = spark.sql("""
                SELECT msisdn, DATE(as_of_date) as_of_date, window_days, CAST(retention AS DOUBLE) usage_retention,
                       CAST(idle AS BIGINT) days_since_active, plan_type FROM VALUES
                  ('A', '2026-11-14', 30, 0.9, 0, 'POSTPAID'),
                  ('A', '2026-11-14', 7, 0.1, 5, 'POSTPAID'),
                  ('A', '2026-11-13', 30, 0.2, 9, 'POSTPAID'),
                  ('B', '2026-11-14', 30, 0.2, 6, 'PREPAID')
                AS t(msisdn, as_of_date, window_days, retention, idle, plan_type)""");
        RiskInputs.Inputs inputs = RiskInputs.of(scores(), Optional.of(window), DRIVERS, risk());
        assertEquals(List.of("call_drop_rate_score", "perception_index", "usage_retention", "days_since_active", "prepaid"),
                inputs.inputs(), "drivers first, then perception, behaviour and derived inputs the lake has");
        assertEquals(List.of("complaint_points", "arpu"), inputs.missing());
        Row a = inputs.rows().where("msisdn = 'A'").first();
        assertEquals(0.9, a.<Double>getAs("usage_retention"), 1e-12, "the 30-day row of the scoring date, not the 7-day one");
        assertEquals(0.0, a.<Double>getAs("days_since_active"), 1e-12);
        assertEquals(0.0, a.<Double>getAs("prepaid"), 1e-12);
        Row b = inputs.rows().where("msisdn = 'B'").first();
        assertEquals(1.0, b.<Double>getAs("prepaid"), 1e-12);
        assertEquals(10.0, b.<Double>getAs("call_drop_rate_score"), 1e-12);
        assertEquals(2, inputs.rows().count(), "one row per scored subscriber");
    }

    @Test
    void withoutAWindowTableTheBehaviourIsMissingNotFatal() {
        RiskInputs.Inputs inputs = RiskInputs.of(scores(), Optional.empty(), DRIVERS, risk());
        assertEquals(List.of("call_drop_rate_score", "perception_index"), inputs.inputs());
        assertTrue(inputs.missing().containsAll(List.of("usage_retention", "prepaid")), inputs.missing().toString());
    }
}
