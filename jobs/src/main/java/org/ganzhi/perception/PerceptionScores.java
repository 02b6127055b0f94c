package org.ganzhi.perception;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/**
 * Drivers → dimension scores → perception index → experience level, with the top detractors.
 * <ol>
 *   <li>Small samples: a rate or mean from n samples becomes (total + m·prior) / (n + m), m =
 *       the driver's {@code prior-strength}, the prior being the pooled value of the subscriber's home cell or
 *       segment (the population's when that group has fewer than {@code prior-min-samples}).
 *       {@code <driver>_confidence} = n / (n + m): how much of the estimate is the subscriber's own.</li>
 *   <li>Each estimate maps to 0–100: 100 at {@code good}, 0 at {@code bad}, linear between.</li>
 *   <li>Personal weighting: a VOICE driver's weight is multiplied by 1 + k·(2·lean − 1) and a
 *       DATA driver's by 1 − k·(2·lean − 1), lean = the subscriber's voice share of their voice and
 *       data persona affinities, k = {@code personal-weighting.strength}.</li>
 *   <li>A dimension is the weighted mean of its drivers with data, the index the weighted mean of
 *       the dimensions with data; missing ones are listed, their weight goes to the rest.</li>
 *   <li>Points lost by a driver = its share of the index weight × (100 − its score); the top
 *       detractors are the drivers that lost most. The points lost of a dimension are those of its
 *       drivers together (= its index weight × (100 − its score)): detractor_dimensions ranks them,
 *       so that a dimension hurt on several drivers is named before one that lost most on a single
 *       driver.</li>
 * </ol>
 */
public final class PerceptionScores {
    /** Optional input: the subscriber's voice share of their voice + data persona affinities. */
    public static final String VOICE_LEAN = "voice_lean";

    private PerceptionScores() {
    }

    /**
     * Scores measured rows (see {@link DriverMeasures#measure}) that carry, for every driver with a
     * prior, its pooled value for the subscriber (from {@link #priors}).
     */
    public static Dataset<Row> score(Dataset<Row> measured, PerceptionSettings s) {
        Dataset<Row> rows = measured;
        if (!List.of(rows.columns()).contains(VOICE_LEAN)) {
            rows = rows.withColumn(VOICE_LEAN, lit(null).cast("double"));
        }
        // One projection per step (withColumns): a chain of withColumn re-analyses the plan each time.
        Column lean = coalesce(col(VOICE_LEAN), lit(0.5)).multiply(2).minus(1);
        Map<String, Column> drivers = new LinkedHashMap<>();
        for (PerceptionSettings.Driver d : s.drivers()) {
            Column total = col(DriverMeasures.total(d));
            Column n = col(DriverMeasures.samples(d));
            boolean shrunk = !d.prior().equals("NONE");
            Column known = n.gt(0).and(total.isNotNull());
            Column estimate = shrunk
                    ? total.plus(col(DriverMeasures.prior(d)).multiply(d.priorStrength())).divide(n.plus(d.priorStrength()))
                    : total.divide(n);
            Column confidence = shrunk ? n.divide(n.plus(d.priorStrength())) : lit(1.0);
            Column score = greatest(lit(0.0), least(lit(100.0),
                    lit(d.bad()).minus(estimate).divide(d.bad() - d.good()).multiply(100)));
            double k = s.personalWeighting() ? s.personalStrength() : 0.0;
            Column weight = switch (d.usage()) {
                case "VOICE" -> lit(d.weight()).multiply(lit(1.0).plus(lean.multiply(k)));
                case "DATA" -> lit(d.weight()).multiply(lit(1.0).minus(lean.multiply(k)));
                default -> lit(d.weight());
            };
            drivers.put(d.name() + "_value", when(known, round(estimate, 6)));
            drivers.put(d.name() + "_score", when(known, round(score, 2)));
            drivers.put(d.name() + "_confidence", when(known, round(confidence, 4)));
            drivers.put(d.name() + "_weight", when(known, weight));
        }
        rows = rows.withColumns(drivers);
        Map<String, Column> dimensions = new LinkedHashMap<>();
        List<Column> present = new ArrayList<>();
        for (String dim : PerceptionSettings.DIMENSIONS) {
            String p = dim.toLowerCase();
            Column weights = lit(0.0);
            Column weighted = lit(0.0);
            Column confidence = lit(0.0);
            Column samples = lit(0.0);
            for (PerceptionSettings.Driver d : s.driversOf(dim)) {
                Column w = coalesce(col(d.name() + "_weight"), lit(0.0));
                weights = weights.plus(w);
                weighted = weighted.plus(w.multiply(coalesce(col(d.name() + "_score"), lit(0.0))));
                confidence = confidence.plus(w.multiply(coalesce(col(d.name() + "_confidence"), lit(0.0))));
                samples = samples.plus(when(col(d.name() + "_score").isNotNull(), col(DriverMeasures.samples(d))).otherwise(0.0));
            }
            Column has = weights.gt(0).and(lit(s.dimensionWeights().get(dim) > 0));
            dimensions.put(p + "_weight_sum", weights);
            dimensions.put(p + "_score", when(has, round(weighted.divide(weights), 2)));
            dimensions.put(p + "_confidence", when(has, round(confidence.divide(weights), 4)));
            dimensions.put(p + "_samples", when(has, samples.cast("long")));
            present.add(when(col(p + "_score").isNotNull(), lit(s.dimensionWeights().get(dim))).otherwise(0.0));
        }
        rows = rows.withColumns(dimensions);
        Column indexWeight = present.stream().reduce(lit(0.0), Column::plus);
        Column index = lit(0.0);
        for (int i = 0; i < PerceptionSettings.DIMENSIONS.size(); i++) {
            String p = PerceptionSettings.DIMENSIONS.get(i).toLowerCase();
            index = index.plus(present.get(i).multiply(coalesce(col(p + "_score"), lit(0.0))));
        }
        rows = rows.withColumn("index_weight", indexWeight)
                .withColumn("perception_index", when(col("index_weight").gt(0), round(index.divide(col("index_weight")), 2)));

        List<Column> dimensionLosses = new ArrayList<>();
        for (int i = 0; i < PerceptionSettings.DIMENSIONS.size(); i++) {
            String dim = PerceptionSettings.DIMENSIONS.get(i);
            Column lost = round(present.get(i).divide(col("index_weight"))
                    .multiply(lit(100.0).minus(col(dim.toLowerCase() + "_score"))), 3);
            dimensionLosses.add(struct(lost.as("points_lost"), lit(dim).as("dimension")));
        }
        List<Column> losses = new ArrayList<>();
        for (PerceptionSettings.Driver d : s.drivers()) {
            String p = d.dimension().toLowerCase();
            Column share = lit(s.dimensionWeights().get(d.dimension())).divide(col("index_weight"))
                    .multiply(col(d.name() + "_weight")).divide(col(p + "_weight_sum"));
            Column lost = round(share.multiply(lit(100.0).minus(col(d.name() + "_score"))), 3);
            losses.add(struct(lost.as("points_lost"), lit(d.name()).as("driver"), lit(d.dimension()).as("dimension"),
                    col(d.name() + "_value").as("value"), col(d.name() + "_score").as("score")));
        }
        Column level = lit(PerceptionSettings.LEVELS.get(0));
        for (Map.Entry<String, Double> floor : s.levelFloors().entrySet()) {
            level = when(col("perception_index").geq(floor.getValue()), floor.getKey()).otherwise(level);
        }
        Column driversMissing = array_compact(array(s.drivers().stream()
                .map(d -> when(col(d.name() + "_score").isNull(), lit(d.name()))).toArray(Column[]::new)));
        Column dimensionsMissing = array_compact(array(PerceptionSettings.DIMENSIONS.stream()
                .map(d -> when(col(d.toLowerCase() + "_score").isNull(), lit(d))).toArray(Column[]::new)));
        rows = rows.withColumns(Map.of("losses", array(losses.toArray(Column[]::new)),
                        "dimension_losses", array(dimensionLosses.toArray(Column[]::new)),
                        "experience_level", when(col("perception_index").isNotNull(), level),
                        "drivers_missing", driversMissing,
                        "dimensions_missing", dimensionsMissing,
                        "perception_spec", lit(s.specVersion())))
                .withColumn("top_detractors", expr("slice(transform(sort_array(filter(losses, x -> x.points_lost > 0), false), "
                        + "x -> named_struct('driver', x.driver, 'dimension', x.dimension, 'value', x.value, 'score', x.score, "
                        + "'points_lost', x.points_lost)), 1, " + s.topDetractors() + ")"))
                .withColumn("detractor_dimensions", expr("transform(sort_array(filter(dimension_losses, x -> x.points_lost > 0), false), "
                        + "x -> named_struct('dimension', x.dimension, 'points_lost', x.points_lost))"));
        List<String> helpers = new ArrayList<>(List.of("losses", "dimension_losses", "index_weight"));
        PerceptionSettings.DIMENSIONS.forEach(d -> helpers.add(d.toLowerCase() + "_weight_sum"));
        return rows.drop(helpers.toArray(String[]::new));
    }

    /**
     * Adds the prior of every driver that has one: the pooled value (Σ total / Σ
     * samples) of the subscriber's group (home_cell or segment_id), or of everyone when the group
     * has fewer than prior-min-samples samples or the subscriber has no group.
     */
    public static Dataset<Row> priors(Dataset<Row> measured, PerceptionSettings s) {
        List<PerceptionSettings.Driver> shrunk = s.drivers().stream().filter(d -> !d.prior().equals("NONE")).toList();
        if (shrunk.isEmpty()) {
            return measured;
        }
        List<Column> overall = new ArrayList<>();
        for (PerceptionSettings.Driver d : shrunk) {
            overall.add(pooled(d).as(d.name()));
        }
        Row population = measured.agg(overall.get(0), overall.subList(1, overall.size()).toArray(Column[]::new)).first();
        Dataset<Row> rows = measured;
        for (String group : List.of("HOME_CELL", "SEGMENT")) {
            List<PerceptionSettings.Driver> ds = shrunk.stream().filter(d -> d.prior().equals(group)).toList();
            if (ds.isEmpty()) {
                continue;
            }
            String key = group.equals("HOME_CELL") ? "home_cell" : "segment_id";
            List<Column> aggs = new ArrayList<>();
            for (PerceptionSettings.Driver d : ds) {
                aggs.add(when(sum(positiveSamples(d)).geq(s.priorMinSamples()), pooled(d)).as(d.name() + "_group_prior"));
            }
            Dataset<Row> byGroup = measured.where(col(key).isNotNull()).groupBy(key)
                    .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
            rows = rows.join(byGroup, new String[]{key}, "left");
            for (PerceptionSettings.Driver d : ds) {
                Object fallback = population.isNullAt(population.fieldIndex(d.name())) ? null
                        : population.getDouble(population.fieldIndex(d.name()));
                rows = rows.withColumn(DriverMeasures.prior(d), coalesce(col(d.name() + "_group_prior"), lit(fallback)))
                        .drop(d.name() + "_group_prior");
            }
        }
        return rows;
    }

    private static Column positiveSamples(PerceptionSettings.Driver d) {
        Column n = col(DriverMeasures.samples(d));
        return when(n.gt(0).and(col(DriverMeasures.total(d)).isNotNull()), n);
    }

    private static Column pooled(PerceptionSettings.Driver d) {
        Column n = positiveSamples(d);
        return sum(when(n.isNotNull(), col(DriverMeasures.total(d)))).divide(sum(n));
    }
}
