package org.ganzhi.personas;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.ganzhi.config.GanzhiConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.apache.spark.ml.functions.array_to_vector;
import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Persona affinities, lifecycle stages and value tiers on hand-computed cases. */
class PersonaRulesTest extends SparkTestBase {
    private final PersonaSettings defaults = PersonaSettings.from(GanzhiConfig.defaults());

    @Test
    void affinitiesArePersonaScoresAsSharesAndWhyNamesTheFeature() {
        List<String> names = defaults.featureNames();
        int gaming = names.indexOf("session_share_gaming");
        // Standardised vector: +3 sd of gaming session share, everything else at the mean.
        Double[] z = new Double[names.size()];
        java.util.Arrays.fill(z, 0.0);
        z[gaming] = 3.0;
        Dataset<Row> scored = spark.range(1).select(lit("A").as("msisdn"), lit(0.27).as("session_share_gaming"),
                        array(java.util.Arrays.stream(z).map(v -> lit(v)).toArray(org.apache.spark.sql.Column[]::new)).as("zs"))
                .withColumn(PersonaModel.Z, array_to_vector(col("zs"))).drop("zs");
        for (String f : names) {
            if (!f.equals("session_share_gaming")) {
                scored = scored.withColumn(f, lit(null).cast("double"));
            }
        }
        Row row = Personas.assign(scored, defaults).first();
        // Score of each persona: its bias + its gaming-share weight x 3; affinities are the softmax shares.
        Map<String, Double> score = new java.util.HashMap<>();
        defaults.personas().forEach(p -> score.put(p.code(), p.bias() + 3.0 * p.weights().getOrDefault("session_share_gaming", 0.0)));
        double total = score.values().stream().mapToDouble(Math::exp).sum();
        assertEquals("NETWORK", row.getAs("persona"));
        double expected = Math.exp(score.get("NETWORK")) / total;
        assertEquals(expected, row.<Double>getAs("affinity_network"), 1e-3);
        assertEquals(expected, row.<Double>getAs("persona_affinity"), 1e-3);
        assertEquals(Math.exp(score.get("DATA")) / total, row.<Double>getAs("affinity_data"), 1e-3);
        assertEquals(1.0, defaults.personas().stream().mapToDouble(p -> row.<Double>getAs(Personas.affinityColumn(p.code()))).sum(), 1e-3);
        List<Row> why = row.getList(row.fieldIndex("why"));
        assertEquals(1, why.size(), "only features that raised the score explain it");
        assertEquals("session_share_gaming", why.get(0).getAs("feature"));
        assertEquals(0.27, why.get(0).<Double>getAs("value"), 1e-9);
        assertEquals(3.0 * defaults.personas().get(3).weights().get("session_share_gaming"),
                why.get(0).<Double>getAs("contribution"), 1e-9);
    }

    @Test
    void lifecycleRulesInPrecedenceOrder() {
        Dataset<Row> rows = spark.sql("""
                SELECT name, CAST(complaints_open AS BIGINT) complaints_open, CAST(orders_overdue_open AS BIGINT) orders_overdue_open,
                       CAST(recently_resolved_complaints AS BIGINT) recently_resolved_complaints,
                       CAST(recently_completed_orders AS BIGINT) recently_completed_orders,
                       CAST(active_days AS BIGINT) active_days, tenure_days FROM VALUES
                  ('open complaint, new',       1, 0, 0, 0, 10, 20),
                  ('overdue order',             0, 1, 1, 0, 10, 900),
                  ('resolved this week',        0, 0, 1, 0, 10, 900),
                  ('order completed this week', 0, 0, 0, 1, 0, 900),
                  ('silent',                    0, 0, 0, 0, 0, 30),
                  ('new',                       0, 0, 0, 0, 5, 89),
                  ('90 days is not new',        0, 0, 0, 0, 5, 90),
                  ('no history',                NULL, NULL, NULL, NULL, 3, 4000)
                AS t(name, complaints_open, orders_overdue_open, recently_resolved_complaints, recently_completed_orders,
                     active_days, tenure_days)""");
        Map<String, String> stage = Lifecycle.stage(rows, defaults).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("name"), r -> r.getAs("lifecycle_stage")));
        assertEquals(Map.of("open complaint, new", "SERVICE_REQUEST", "overdue order", "SERVICE_REQUEST",
                "resolved this week", "REQUEST_RESOLVED", "order completed this week", "REQUEST_RESOLVED",
                "silent", "DORMANT", "new", "ONBOARDING", "90 days is not new", "IN_NETWORK", "no history", "IN_NETWORK"), stage);
        Row reason = Lifecycle.stage(rows, defaults).where("name = 'new'").first();
        assertEquals("tenure 89 days < 90", reason.getAs("lifecycle_reason"));
    }

    @Test
    void valueTierByAbsoluteAndQuantileThresholds() {
        Dataset<Row> rows = ValueTier.withArpu(spark.sql("""
                SELECT msisdn, CAST(arpu AS DOUBLE) arpu, CAST(plan_monthly_fee AS DOUBLE) plan_monthly_fee FROM VALUES
                  ('a', 150, 99), ('b', 120, 99), ('c', 119.99, 99), ('d', 40, 19), ('e', 39, 19), ('f', NULL, 8), ('g', NULL, NULL)
                AS t(msisdn, arpu, plan_monthly_fee)"""));
        PersonaSettings absolute = PersonaSettings.from(GanzhiConfig.defaults().with(Map.of("ganzhi.personas.value-tier.method", "absolute")));
        assertNotEquals(defaults.specVersion(), absolute.specVersion(), "a different rule is a different spec");
        double[] fixed = ValueTier.thresholds(rows, absolute);
        assertEquals(40.0, fixed[0]);
        assertEquals(120.0, fixed[1]);
        Map<String, String> tiers = ValueTier.assign(rows, fixed).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("msisdn"), r -> String.valueOf((Object) r.getAs("value_tier"))));
        assertEquals(Map.of("a", "HIGH", "b", "HIGH", "c", "MID", "d", "MID", "e", "LOW", "f", "LOW", "g", "null"), tiers);
        assertEquals("PLAN_FEE", ValueTier.assign(rows, fixed).where("msisdn = 'f'").first().getAs("arpu_source"));

        Dataset<Row> ten = ValueTier.withArpu(spark.range(1, 11).select(col("id").cast("string").as("msisdn"),
                col("id").cast("double").as("arpu"), lit(null).cast("double").as("plan_monthly_fee")));
        double[] q = ValueTier.thresholds(ten, defaults);
        assertEquals(3.0, q[0], "30 % quantile of 1..10");
        assertEquals(8.0, q[1], "80 % quantile of 1..10");
        Map<String, String> byQuantile = ValueTier.assign(ten, q).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("msisdn"), r -> r.getAs("value_tier")));
        assertEquals("LOW", byQuantile.get("2"));
        assertEquals("MID", byQuantile.get("3"));
        assertEquals("MID", byQuantile.get("7"));
        assertEquals("HIGH", byQuantile.get("8"));
    }

    @Test
    void aLakeWithoutServiceInteractionsStillTrainsAndScores() {
        // 20 subscribers whose lake has no service interactions: no interactions_item_* columns in the
        // window at all, and the channel share null for everyone.
        Dataset<Row> window = spark.range(20).select(col("id").cast("string").as("msisdn"),
                lit("SMARTPHONE_4G").as("device_type"), lit("POSTPAID").as("plan_type"), lit("25-34").as("age_band"));
        for (String f : defaults.featureNames()) {
            if (f.startsWith("interactions_item_") || List.of("device_5g", "feature_phone", "prepaid", "age_years").contains(f)) {
                continue;
            }
            window = window.withColumn(f, f.equals("traditional_channel_share") ? lit(null).cast("double")
                    : col("msisdn").cast("double").multiply(0.1).plus(f.length() % 7));
        }
        Dataset<Row> inputs = PersonaInputs.prepare(window, defaults);
        assertEquals(20L, inputs.where(col(PersonaInputs.transformed("interactions_item_billing")).equalTo(0.0)).count(),
                "an absent item group is 0 contacts");
        String share = PersonaInputs.transformed("traditional_channel_share");
        List<String> two = List.of("traditional_channel_share", "mb_per_day");
        assertEquals(List.of("traditional_channel_share"), PersonaModel.featuresWithoutData(inputs, two));
        Dataset<Row> training = inputs.select(PersonaModel.withoutDataAsZero(two, List.of("traditional_channel_share")));
        assertEquals(20L, training.where(col(share).equalTo(0.0)).count(), "a feature nobody has reads as 0");
        assertEquals(0L, training.where(col(PersonaInputs.transformed("mb_per_day")).equalTo(0.0)).count(), "the others as they are");
        PersonaModel model = PersonaModel.fit(inputs, defaults, 1, java.time.LocalDate.parse("2026-11-21"), java.util.Optional.empty());
        assertEquals(defaults.featureNames(), model.features());
        assertEquals("[\"traditional_channel_share\"]", model.info().get("features_without_data").toString(),
                "the model says which features it learnt nothing from");
    }

    @Test
    void aConfigurationDropsAPersonaFeatureWithItsWeights() {
        PersonaSettings without = PersonaSettings.from(GanzhiConfig.defaults().with(Map.of(
                "ganzhi.personas.features.traditional_channel_share.enabled", false)));
        assertTrue(defaults.featureNames().contains("traditional_channel_share"));
        assertEquals(defaults.featureNames().size() - 1, without.featureNames().size());
        assertFalse(without.featureNames().contains("traditional_channel_share"));
        assertTrue(without.personas().stream().noneMatch(p -> p.weights().containsKey("traditional_channel_share")));
        assertTrue(defaults.personas().stream().anyMatch(p -> p.weights().containsKey("traditional_channel_share")),
                "a weighted feature, so dropping its weights is tested");
        assertFalse(without.specVersion().equals(defaults.specVersion()), "the spec version says the features changed");
    }
}
