package org.ganzhi.perception;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import org.ganzhi.features.FeatureSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.*;

/**
 * Drivers → dimension scores → complaint costs → perception index → experience level, with the
 * top detractors. Designed for data nobody tuned it to: no evidence is not good news, a constant
 * driver is not information, and a complaint is the strongest signal there is.
 * <ol>
 *   <li>Small samples: a rate or mean from n samples becomes (total + m·prior) / (n + m), m =
 *       the driver's {@code prior-strength}, the prior being the pooled value of the subscriber's home cell or
 *       segment (the population's when that group has fewer than {@code prior-min-samples}).
 *       {@code <driver>_confidence} = n / (n + m): how much of the estimate is the subscriber's own.
 *       With no samples the driver sits at its prior with confidence 0; it does not drop out.</li>
 *   <li>Each estimate maps to 0–100: 100 at {@code good}, 0 at {@code bad}, linear between.</li>
 *   <li>A driver whose scores spread less than {@code evidence.min-driver-spread} over the night
 *       ({@link #uninformative}) weighs 0: it would only pull everyone's dimension toward it.</li>
 *   <li>Personal weighting: a VOICE driver's weight is multiplied by 1 + k·(2·lean − 1)·c and a
 *       DATA driver's by 1 − k·(2·lean − 1)·c, lean = the subscriber's voice share of their voice
 *       and data persona affinities, k = {@code personal-weighting.strength}, c = the driver's
 *       confidence: weight never moves onto a driver without evidence.</li>
 *   <li>A dimension is the weighted mean of its drivers with a score; a dimension none of whose
 *       drivers has a score or a prior drops out of the index (dimensions_missing). Its
 *       population mean would not do: who has evidence of a promise kept or broken is mostly who
 *       had the problem (on the 8 000 x 21-day lake PROCESS averaged 48 over those who had it).</li>
 *   <li>Complaints cost index points ({@code complaint-cost}, {@link #signalPoints}): opened and
 *       still open ones on the dimension of their category group, late, repeated and escalated
 *       ones on PROCESS; so do negative texts of the feedback feed ({@code feedback-cost}) on the
 *       dimension of their category. A scored dimension loses the points divided by its share of
 *       the index weight (down to 0); the points of a dimension no driver scores come off the
 *       index.</li>
 *   <li>The index is the weighted mean of the dimensions; {@code index_confidence} the same mean of
 *       their confidences; HIGH needs {@code evidence.high-min-confidence}.</li>
 *   <li>Points lost by a driver = its share of the index weight × (100 − its score); complaints
 *       lose their points; together they add up to 100 − index. Detractors are ranked by the
 *       points lost on the subscriber's own evidence (a driver's loss × its confidence, a
 *       complaint's in full): a driver sitting at its prior says nothing about this subscriber,
 *       so top_detractors lists only losses with evidence, and detractor_dimensions (each
 *       dimension's index weight × (100 − its score)) puts the dimension with the most evidence
 *       of a loss first.</li>
 * </ol>
 */
public final class PerceptionScores {
    /** Optional input: the subscriber's voice share of their voice + data persona affinities. */
    public static final String VOICE_LEAN = "voice_lean";
    /** The detractor name of complaint costs. */
    public static final String COMPLAINTS = "complaints";
    /** The detractor name of the costs of negative texts (text.feedback). */
    public static final String NEGATIVE_FEEDBACK = "negative_feedback";
    /** Prefix of the optional input columns: negative texts in the window about each dimension. */
    public static final String FEEDBACK_PREFIX = "feedback_negative_";

    private PerceptionScores() {
    }

    /** All steps on measured rows that carry their priors (see {@link #priors}); runs two small aggregates. */
    public static Dataset<Row> score(Dataset<Row> measured, PerceptionSettings s) {
        Dataset<Row> drivers = drivers(measured, s);
        return index(dimensions(drivers, s, uninformative(drivers, s)), s);
    }

    /** Adds {@code <driver>_value}, {@code _score}, {@code _confidence} and {@code _own} (samples of the subscriber's own). */
    public static Dataset<Row> drivers(Dataset<Row> measured, PerceptionSettings s) {
        Dataset<Row> rows = measured;
        if (!List.of(rows.columns()).contains(VOICE_LEAN)) {
            rows = rows.withColumn(VOICE_LEAN, lit(null).cast("double"));
        }
        // One projection per step (withColumns): a chain of withColumn re-analyses the plan each time.
        Map<String, Column> drivers = new LinkedHashMap<>();
        for (PerceptionSettings.Driver d : s.drivers()) {
            Column total = col(DriverMeasures.total(d));
            Column n = coalesce(col(DriverMeasures.samples(d)), lit(0.0));
            Column own = n.gt(0).and(total.isNotNull());
            Column known;
            Column estimate;
            Column confidence;
            if (d.prior().equals("NONE")) {
                known = own;
                estimate = total.divide(n);
                confidence = lit(1.0);
            } else {
                Column prior = col(DriverMeasures.prior(d));
                known = own.or(prior.isNotNull());
                estimate = when(prior.isNull(), total.divide(n)).otherwise(
                        when(own, total).otherwise(0.0).plus(prior.multiply(d.priorStrength()))
                                .divide(when(own, n).otherwise(0.0).plus(d.priorStrength())));
                confidence = when(own, n.divide(n.plus(d.priorStrength()))).otherwise(0.0);
            }
            Column score = greatest(lit(0.0), least(lit(100.0),
                    lit(d.bad()).minus(estimate).divide(d.bad() - d.good()).multiply(100)));
            drivers.put(d.name() + "_value", when(known, round(estimate, 6)));
            drivers.put(d.name() + "_score", when(known, round(score, 2)));
            drivers.put(d.name() + "_confidence", when(known, round(confidence, 4)));
            drivers.put(d.name() + "_own", when(own, n).otherwise(0.0));
        }
        return rows.withColumns(drivers);
    }

    /**
     * The drivers that carry no information tonight: scored for nobody, or spread less than
     * {@code evidence.min-driver-spread} points (standard deviation) over at least
     * {@code evidence.min-subscribers} subscribers. On fewer subscribers none is judged.
     */
    public static Set<String> uninformative(Dataset<Row> drivers, PerceptionSettings s) {
        List<Column> aggs = new ArrayList<>(List.of(count(lit(1))));
        for (PerceptionSettings.Driver d : s.drivers()) {
            aggs.add(stddev_pop(col(d.name() + "_score")));
        }
        Row stats = drivers.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
        Set<String> out = new TreeSet<>();
        if (stats.getLong(0) < s.evidence().minSubscribers()) {
            return out;
        }
        for (int i = 0; i < s.drivers().size(); i++) {
            if (stats.isNullAt(i + 1) || stats.getDouble(i + 1) < s.evidence().minDriverSpread()) {
                out.add(s.drivers().get(i).name());
            }
        }
        return out;
    }

    /**
     * Adds each driver's weight ({@code <driver>_weight}) and each dimension's weighted mean of its
     * drivers ({@code <dimension>_base}, null without a driver), weight sum, confidence and samples.
     */
    public static Dataset<Row> dimensions(Dataset<Row> drivers, PerceptionSettings s, Set<String> uninformative) {
        Column lean = coalesce(col(VOICE_LEAN), lit(0.5)).multiply(2).minus(1);
        double k = s.personalWeighting() ? s.personalStrength() : 0.0;
        Map<String, Column> weights = new LinkedHashMap<>();
        for (PerceptionSettings.Driver d : s.drivers()) {
            Column c = coalesce(col(d.name() + "_confidence"), lit(0.0));
            Column shift = switch (d.usage()) {
                case "VOICE" -> lean.multiply(k).multiply(c);
                case "DATA" -> lean.multiply(-k).multiply(c);
                default -> lit(0.0);
            };
            double base = uninformative.contains(d.name()) ? 0.0 : d.weight();
            weights.put(d.name() + "_weight", when(col(d.name() + "_score").isNotNull(), lit(base).multiply(lit(1.0).plus(shift))));
        }
        Dataset<Row> rows = drivers.withColumns(weights);
        Map<String, Column> dimensions = new LinkedHashMap<>();
        for (String dim : PerceptionSettings.DIMENSIONS) {
            String p = dim.toLowerCase();
            Column sum = lit(0.0);
            Column weighted = lit(0.0);
            Column confidence = lit(0.0);
            Column samples = lit(0.0);
            for (PerceptionSettings.Driver d : s.driversOf(dim)) {
                Column w = coalesce(col(d.name() + "_weight"), lit(0.0));
                sum = sum.plus(w);
                weighted = weighted.plus(w.multiply(coalesce(col(d.name() + "_score"), lit(0.0))));
                confidence = confidence.plus(w.multiply(coalesce(col(d.name() + "_confidence"), lit(0.0))));
                samples = samples.plus(when(w.gt(0), col(d.name() + "_own")).otherwise(0.0));
            }
            Column has = sum.gt(0);
            dimensions.put(p + "_weight_sum", sum);
            dimensions.put(p + "_base", when(has, weighted.divide(sum)));
            dimensions.put(p + "_base_confidence", when(has, confidence.divide(sum)).otherwise(0.0));
            dimensions.put(p + "_base_samples", samples);
        }
        return rows.withColumns(dimensions);
    }

    /** Complaint costs, dimension scores, index, level and detractors from {@link #dimensions} rows. */
    public static Dataset<Row> index(Dataset<Row> dimensions, PerceptionSettings s) {
        Dataset<Row> rows = signalPoints(dimensions, s);
        List<Column> present = new ArrayList<>();
        for (String dim : PerceptionSettings.DIMENSIONS) {
            double w = s.dimensionWeights().get(dim);
            present.add(w > 0 ? when(col(dim.toLowerCase() + "_base").isNotNull(), lit(w)).otherwise(0.0) : lit(0.0));
        }
        rows = rows.withColumn("index_weight", present.stream().reduce(lit(0.0), Column::plus));
        Map<String, Column> scored = new LinkedHashMap<>();
        for (int i = 0; i < PerceptionSettings.DIMENSIONS.size(); i++) {
            String p = PerceptionSettings.DIMENSIONS.get(i).toLowerCase();
            Column share = when(col("index_weight").gt(0), present.get(i).divide(col("index_weight"))).otherwise(0.0);
            Column points = col(p + "_signal_points");
            // A scored dimension loses the points over its share (down to 0); the points of a dimension
            // no driver scores come off the index directly.
            Column deduction = when(share.gt(0), least(col(p + "_base"), points.divide(share))).otherwise(0.0);
            scored.put(p + "_share", share);
            scored.put(p + "_signal_deduction", deduction);
            scored.put(p + "_signal_lost", when(share.gt(0), share.multiply(deduction))
                    .otherwise(when(col("index_weight").gt(0), points).otherwise(0.0)));
        }
        rows = rows.withColumns(scored);
        Map<String, Column> dims = new LinkedHashMap<>();
        for (String dim : PerceptionSettings.DIMENSIONS) {
            String p = dim.toLowerCase();
            Column has = col(p + "_share").gt(0);
            dims.put(p + "_score", when(has, round(col(p + "_base").minus(col(p + "_signal_deduction")), 2)));
            dims.put(p + "_confidence", when(has, round(col(p + "_base_confidence"), 4)));
            dims.put(p + "_samples", when(has, col(p + "_base_samples").plus(col(p + "_complaints")).plus(col(p + "_feedback"))
                    .cast("long")));
        }
        rows = rows.withColumns(dims);
        Column index = lit(0.0);
        Column confidence = lit(0.0);
        Column samples = lit(0L);
        Column complaintPoints = lit(0.0);
        Column feedbackPoints = lit(0.0);
        for (String dim : PerceptionSettings.DIMENSIONS) {
            String p = dim.toLowerCase();
            complaintPoints = complaintPoints.plus(col(p + "_signal_lost").multiply(lit(1.0).minus(feedbackShare(p))));
            feedbackPoints = feedbackPoints.plus(col(p + "_signal_lost").multiply(feedbackShare(p)));
            index = index.plus(col(p + "_share").multiply(coalesce(col(p + "_score"), lit(0.0))))
                    .minus(when(col(p + "_share").gt(0), lit(0.0)).otherwise(col(p + "_signal_lost")));
            confidence = confidence.plus(col(p + "_share").multiply(coalesce(col(p + "_confidence"), lit(0.0))));
            samples = samples.plus(coalesce(col(p + "_samples"), col(p + "_complaints").plus(col(p + "_feedback")).cast("long")));
        }
        Column known = col("index_weight").gt(0);
        rows = rows.withColumns(Map.of("perception_index", when(known, round(greatest(index, lit(0.0)), 2)),
                "index_confidence", when(known, round(confidence, 4)),
                "index_samples", when(known, samples), "complaint_points", when(known, round(complaintPoints, 2)),
                "feedback_points", when(known, round(feedbackPoints, 2))));

        // Losses carry the points lost on the subscriber's own evidence (a driver's loss x its
        // confidence; a complaint's in full), which ranks them: a driver sitting at its prior says
        // nothing about this subscriber and explains nothing.
        List<Column> dimensionLosses = new ArrayList<>();
        List<Column> losses = new ArrayList<>();
        for (String dim : PerceptionSettings.DIMENSIONS) {
            String p = dim.toLowerCase();
            Column share = col(p + "_share");
            Column own = col(p + "_signal_lost");
            for (PerceptionSettings.Driver d : s.driversOf(dim)) {
                // A dimension whose every driver weighs 0 tonight has no base and loses nothing through them.
                Column lost = when(col(p + "_weight_sum").gt(0), share.multiply(col(d.name() + "_weight"))
                        .divide(col(p + "_weight_sum")).multiply(lit(100.0).minus(col(d.name() + "_score"))));
                Column ownLost = coalesce(lost.multiply(col(d.name() + "_confidence")), lit(0.0));
                losses.add(detractor(ownLost, lit(d.name()), dim, col(d.name() + "_value"), col(d.name() + "_score"), lost));
                own = own.plus(ownLost);
            }
            Column complaintsLost = col(p + "_signal_lost").multiply(lit(1.0).minus(feedbackShare(p)));
            Column feedbackLost = col(p + "_signal_lost").multiply(feedbackShare(p));
            losses.add(detractor(complaintsLost, lit(COMPLAINTS), dim, col(p + "_complaints"), lit(null).cast("double"),
                    complaintsLost));
            losses.add(detractor(feedbackLost, lit(NEGATIVE_FEEDBACK), dim, col(p + "_feedback"), lit(null).cast("double"),
                    feedbackLost));
            Column lost = when(share.gt(0), share.multiply(lit(100.0).minus(col(p + "_score")))).otherwise(col(p + "_signal_lost"));
            dimensionLosses.add(struct(round(own, 3).as("own_lost"), round(lost, 3).as("points_lost"), lit(dim).as("dimension")));
        }
        Column level = lit(PerceptionSettings.LEVELS.get(0));
        for (Map.Entry<String, Double> floor : s.levelFloors().entrySet()) {
            Column reached = col("perception_index").geq(floor.getValue());
            if (floor.getKey().equals("HIGH")) {
                reached = reached.and(col("index_confidence").geq(s.evidence().highMinConfidence()));
            }
            level = when(reached, floor.getKey()).otherwise(level);
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
                .withColumn("top_detractors", expr("slice(transform(sort_array(filter(losses, x -> x.own_lost > 0), false), "
                        + "x -> named_struct('driver', x.driver, 'dimension', x.dimension, 'value', x.value, 'score', x.score, "
                        + "'points_lost', x.points_lost)), 1, " + s.topDetractors() + ")"))
                .withColumn("detractor_dimensions", expr("transform(sort_array(filter(dimension_losses, x -> x.points_lost > 0), false), "
                        + "x -> named_struct('dimension', x.dimension, 'points_lost', x.points_lost))"));
        List<String> helpers = new ArrayList<>(List.of("losses", "dimension_losses", "index_weight"));
        for (String d : PerceptionSettings.DIMENSIONS) {
            String p = d.toLowerCase();
            helpers.addAll(List.of(p + "_weight_sum", p + "_base", p + "_base_confidence", p + "_base_samples",
                    p + "_share", p + "_complaints", p + "_feedback", p + "_signal_points", p + "_feedback_points",
                    p + "_signal_deduction", p + "_signal_lost"));
        }
        return rows.drop(helpers.toArray(String[]::new));
    }

    /**
     * Adds {@code <dimension>_complaints} (complaints counted), {@code <dimension>_feedback}
     * (negative texts counted), {@code <dimension>_feedback_points} and
     * {@code <dimension>_signal_points} (complaint and text points together): index points, the
     * complaints' scaled down together to complaint-cost.max-points and the texts' to
     * feedback-cost.max-points. An opened complaint costs its category group's dimension; one
     * still open at the window's end costs the dimensions of the window's openings in proportion
     * (PROCESS when it was opened before the window: a month unresolved is a handling failure);
     * late, repeated and escalated ones cost PROCESS. A negative text costs its category's
     * dimension.
     */
    static Dataset<Row> signalPoints(Dataset<Row> rows, PerceptionSettings s) {
        List<String> columns = List.of(rows.columns());
        PerceptionSettings.ComplaintCost cost = s.complaints();
        Column open = windowCount(columns, "complaints_open");
        Column handling = windowCount(columns, "complaints_resolved_late").multiply(cost.late())
                .plus(windowCount(columns, "complaints_repeat").multiply(cost.repeat()))
                .plus(windowCount(columns, "complaints_escalated").multiply(cost.escalated()));
        Column handled = windowCount(columns, "complaints_resolved_late").plus(windowCount(columns, "complaints_repeat"))
                .plus(windowCount(columns, "complaints_escalated"));
        Column opened = lit(0.0);
        for (String dim : PerceptionSettings.DIMENSIONS) {
            opened = opened.plus(windowCount(columns, FeatureSettings.COMPLAINT_GROUP_PREFIX + dim.toLowerCase()));
        }
        Map<String, Column> counted = new LinkedHashMap<>();
        Map<String, Column> points = new LinkedHashMap<>();
        Column all = lit(0.0);
        for (String dim : PerceptionSettings.DIMENSIONS) {
            Column mine = windowCount(columns, FeatureSettings.COMPLAINT_GROUP_PREFIX + dim.toLowerCase());
            Column openHere = when(opened.gt(0), open.multiply(mine).divide(opened))
                    .otherwise(dim.equals("PROCESS") ? open : lit(0.0));
            Column pts = mine.multiply(cost.opened()).plus(openHere.multiply(cost.open()));
            Column n = mine.plus(openHere);
            if (dim.equals("PROCESS")) {
                pts = pts.plus(handling);
                n = n.plus(handled);
            }
            counted.put(dim.toLowerCase() + "_complaints", n);
            points.put(dim.toLowerCase(), pts);
            all = all.plus(pts);
        }
        Column scale = when(all.gt(cost.maxPoints()), lit(cost.maxPoints()).divide(all)).otherwise(1.0);
        PerceptionSettings.FeedbackCost textCost = s.feedback();
        Column texts = lit(0.0);
        for (String dim : PerceptionSettings.DIMENSIONS) {
            texts = texts.plus(windowCount(columns, FEEDBACK_PREFIX + dim.toLowerCase()));
        }
        Column textScale = when(texts.multiply(textCost.negative()).gt(textCost.maxPoints()),
                lit(textCost.maxPoints()).divide(texts.multiply(textCost.negative()))).otherwise(1.0);
        Map<String, Column> out = new LinkedHashMap<>(counted);
        for (String dim : PerceptionSettings.DIMENSIONS) {
            String p = dim.toLowerCase();
            Column negative = windowCount(columns, FEEDBACK_PREFIX + p);
            Column textPoints = negative.multiply(textCost.negative()).multiply(textScale);
            out.put(p + "_feedback", negative);
            out.put(p + "_feedback_points", textPoints);
            out.put(p + "_signal_points", points.get(p).multiply(scale).plus(textPoints));
        }
        return rows.withColumns(out);
    }

    /** The share of a dimension's complaint and text points that its negative texts make. */
    private static Column feedbackShare(String p) {
        return when(col(p + "_signal_points").gt(0), col(p + "_feedback_points").divide(col(p + "_signal_points"))).otherwise(0.0);
    }

    /** A loss in the order top_detractors sorts by (points lost on own evidence first) and shows. */
    private static Column detractor(Column ownLost, Column name, String dimension, Column value, Column score, Column lost) {
        return struct(round(ownLost, 3).as("own_lost"), round(lost, 3).as("points_lost"), name.as("driver"),
                lit(dimension).as("dimension"), value.cast("double").as("value"), score.as("score"));
    }

    /** A count of the window row, 0 when the row has no such column (its feed is absent from the lake). */
    private static Column windowCount(List<String> columns, String name) {
        return columns.contains(name) ? coalesce(col(name).cast("double"), lit(0.0)) : lit(0.0);
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
