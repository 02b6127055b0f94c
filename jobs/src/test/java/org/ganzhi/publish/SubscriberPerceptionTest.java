package org.ganzhi.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.calibrate.RiskScore;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.util.List;

import static org.ganzhi.publish.GoldTestRows.count;
import static org.ganzhi.publish.GoldTestRows.number;
import static org.ganzhi.publish.GoldTestRows.only;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** gold.subscriber_perception: score rows narrowed to the BI columns, with the complaint risk if any. */
class SubscriberPerceptionTest extends SparkTestBase {
    private Dataset<Row> scores;

    @BeforeAll
    void scores() {
        // Two subscribers of Nov 10; the peer share and driver columns are perception's, not the BI table's.
        scores = spark.sql("""
                SELECT msisdn, DATE'2026-11-10' date, persona, 'S3' segment, 'IN_NETWORK' lifecycle_stage, 'MID' value_tier,
                       'North' region, 'C1' home_cell, 'X100' device_model,
                       CAST(perception_index AS DOUBLE) perception_index, experience_level, 0.7D index_confidence,
                       127L index_samples, 0.0D complaint_points,
                       CAST(network AS DOUBLE) network_score, 0.8D network_confidence, 120L network_samples,
                       70.0D service_score, 0.5D service_confidence, 4L service_samples,
                       CAST(NULL AS DOUBLE) process_score, CAST(NULL AS DOUBLE) process_confidence,
                       CAST(NULL AS BIGINT) process_samples,
                       90.0D billing_score, 1.0D billing_confidence, 1L billing_samples,
                       80.0D product_score, 0.9D product_confidence, 2L product_samples,
                       array(named_struct('driver', 'call_drop_rate', 'dimension', 'NETWORK', 'value', 0.1D,
                                          'score', 0.0D, 'points_lost', 12.5D)) top_detractors,
                       array(named_struct('dimension', 'NETWORK', 'points_lost', 30.0D)) detractor_dimensions,
                       array('repeat_complaint_share') drivers_missing, array('PROCESS') dimensions_missing,
                       demarcation, demarcation_dimension, 0.4D peer_cell_poor_share, 0.1D call_drop_rate_value,
                       'spec1' perception_spec FROM VALUES
                  ('A', 'STREAMER', 45, 'NONE', 20, 'AREA', 'NETWORK'),
                  ('B', 'CALLER', 88, 'HIGH', 95, NULL, NULL)
                AS t(msisdn, persona, perception_index, experience_level, network, demarcation, demarcation_dimension)""");
    }

    @Test
    void oneRowPerSubscriberWithTheBiColumnsAndRisk() {
        Dataset<Row> risk = spark.sql("""
                SELECT msisdn, CAST(complaint_risk AS DOUBLE) complaint_risk, complaint_model_version,
                       array(named_struct('input', 'complaints_open', 'value', 1D, 'contribution', 0.9D)) complaint_reasons,
                       CAST(churn_risk AS DOUBLE) churn_risk, churn_model_version,
                       array(named_struct('input', 'usage_retention', 'value', 0.1D, 'contribution', 1.2D)) churn_reasons
                FROM VALUES ('A', 0.62, 'complaint-v0001', 0.3, 'churn-v0002'), ('Z', 0.9, 'complaint-v0001', 0.1, 'churn-v0002')
                AS t(msisdn, complaint_risk, complaint_model_version, churn_risk, churn_model_version)""");
        Dataset<Row> table = SubscriberPerception.compute(scores, risk).cache();
        assertArrayEquals(new String[]{"msisdn", "date", "persona", "segment", "lifecycle_stage", "value_tier", "region",
                "home_cell", "device_model", "network_score", "network_confidence", "network_samples", "service_score",
                "service_confidence", "service_samples", "process_score", "process_confidence", "process_samples",
                "billing_score", "billing_confidence", "billing_samples", "product_score", "product_confidence",
                "product_samples", "perception_index", "experience_level", "index_confidence", "index_samples", "complaint_points",
                "top_detractors", "detractor_dimensions", "demarcation",
                "demarcation_dimension", "drivers_missing", "dimensions_missing", "complaint_risk", "complaint_model_version",
                "complaint_reasons", "churn_risk", "churn_model_version", "churn_reasons", "perception_spec"}, table.columns(), "no peer shares, driver columns or redaction flag");
        assertEquals(2, table.count(), "Z has a risk but no score: no row");

        Row a = only(table, "msisdn = 'A'");
        assertEquals(Date.valueOf("2026-11-10"), a.getAs("date"));
        assertEquals("STREAMER", a.getAs("persona"));
        assertEquals(20.0, number(a, "network_score"), 0);
        assertEquals(120L, count(a, "network_samples"));
        assertNull(a.getAs("process_score"));
        assertEquals(45.0, number(a, "perception_index"), 0);
        assertEquals("NONE", a.getAs("experience_level"));
        assertEquals(0.7, number(a, "index_confidence"), 0);
        Row detractor = a.<Row>getList(a.fieldIndex("top_detractors")).get(0);
        assertEquals("call_drop_rate", detractor.getAs("driver"));
        assertEquals(12.5, number(detractor, "points_lost"), 0);
        assertEquals("NETWORK", a.<Row>getList(a.fieldIndex("detractor_dimensions")).get(0).getAs("dimension"));
        assertEquals("AREA", a.getAs("demarcation"));
        assertEquals("NETWORK", a.getAs("demarcation_dimension"));
        assertEquals(List.of("PROCESS"), a.getList(a.fieldIndex("dimensions_missing")));
        assertEquals(0.62, number(a, "complaint_risk"), 1e-12);
        assertEquals("complaint-v0001", a.getAs("complaint_model_version"));
        assertEquals(0.3, number(a, "churn_risk"), 1e-12);
        assertEquals("churn-v0002", a.getAs("churn_model_version"));
        assertEquals("usage_retention", a.<Row>getList(a.fieldIndex("churn_reasons")).get(0).getAs("input"));
        assertEquals("spec1", a.getAs("perception_spec"));

        Row b = only(table, "msisdn = 'B'");
        assertNull(b.getAs("complaint_risk"), "B was not scored by the risk model");
        assertNull(b.getAs("complaint_model_version"));
        assertNull(b.getAs("churn_risk"));
        assertNull(b.getAs("churn_reasons"));
        assertNull(b.getAs("demarcation"));
    }

    @Test
    void withoutARiskModelTheRiskIsNull() {
        Dataset<Row> ids = scores.select("msisdn");
        Dataset<Row> noRisk = RiskScore.withoutModel(ids, "complaint").join(RiskScore.withoutModel(ids, "churn"), "msisdn");
        Dataset<Row> table = SubscriberPerception.compute(scores, noRisk);
        assertEquals(2, table.count());
        assertEquals(2, table.where("complaint_risk IS NULL AND complaint_model_version IS NULL AND churn_risk IS NULL").count());
        assertEquals("double", table.schema().apply("complaint_risk").dataType().simpleString());
    }
}
