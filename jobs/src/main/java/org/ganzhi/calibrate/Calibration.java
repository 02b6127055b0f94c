package org.ganzhi.calibrate;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.perception.PerceptionSettings;
import org.ganzhi.perception.PerceptionSettings.Driver;

import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.*;

/**
 * What predicts what subscribers do next, and how well. Per outcome, two spark.ml logistic
 * regressions (elastic net) fitted on the training dates and evaluated on the later test dates:
 * <ul>
 *   <li>the <b>risk model</b> on every input of {@link RiskInputs} (driver scores, dimension scores,
 *       index, its confidence, complaint points and behaviour). It is the model publish applies;
 *       its AUC, lift and reliability are the report's. Gradient-boosted trees instead of the
 *       logistic regression with {@code ganzhi.calibrate.risk.algorithm = gbt}.</li>
 *   <li>the <b>driver model</b> on the driver scores alone, from which a weight set is proposed.
 *       Dimension scores and the index are left out of it: they are weighted means of the same
 *       driver scores, and a driver's effect would split arbitrarily between its own coefficient
 *       and its dimension's, so the coefficients could no longer be read as driver weights.</li>
 * </ul>
 * <b>Missing values.</b> An input some subscribers have no value for (no calls, no bills...) gets
 * a {@code <input>_missing} indicator, and the missing value is imputed with the training mean:
 * the input's coefficient is then learnt only from subscribers who had a value, and the
 * indicator's reads as "no data against an average subscriber". Imputing 100 ("no evidence of a
 * problem") would instead mix the no-evidence group into the slope of the score.
 * <p>
 * <b>Proposed weights.</b> Driver scores share one scale (0–100), so a score coefficient is how
 * much one point of that score moves the log-odds of the outcome. A lower score should raise risk,
 * so a driver's evidence is max(0, −coefficient); a driver whose higher score comes with more risk
 * (or that the penalty zeroed) gets 0. The index is Σ dimension weight × Σ driver weight × score
 * (within-dimension weights normalised); making every driver's effective weight proportional to its
 * evidence gives: dimension weight = the dimension's share of all evidence, driver weight = its
 * share of its dimension's. The index then ranks subscribers as the model's driver part does.
 * A dimension without evidence is proposed 0 and keeps its current driver weights (perception
 * shows no score for a dimension weighted 0); a driver with no data in training gets no proposal.
 * Current weights are shown normalised the same way (dimension weights summing to 1, driver
 * weights summing to 1 within their dimension). Nothing is applied: adopting a proposal is an
 * edit of ganzhi.perception by a person (see {@link CalibrateJob}).
 */
public final class Calibration {
    public static final String FEATURES = "risk_features";
    public static final String RAW = "risk_raw";
    public static final String PROBABILITY = "risk_probability";
    public static final String PREDICTION = "risk_prediction";
    public static final String LOGISTIC = "logistic";
    public static final String GBT = "gbt";
    static final String LABEL = "_label";
    static final String MISSING = "_missing";

    private Calibration() {
    }

    /** Training dates trainFrom..trainTo, strictly before the test dates testFrom..testTo (all inclusive). */
    public record Split(LocalDate trainFrom, LocalDate trainTo, LocalDate testFrom, LocalDate testTo) implements Serializable {
        public Split {
            if (trainTo.isBefore(trainFrom) || testTo.isBefore(testFrom)) {
                throw new GanzhiException("a date range ends before it starts: training " + trainFrom + ".." + trainTo
                        + ", test " + testFrom + ".." + testTo);
            }
            if (!trainTo.isBefore(testFrom)) {
                throw new GanzhiException("the training dates must end before the test dates start: training ends "
                        + trainTo + ", test starts " + testFrom);
            }
        }

        /**
         * The configured split for a run whose outcomes are complete up to {@code lastOutcomeDate}:
         * test dates end horizon-days before it, training dates end gap-days before the test dates.
         */
        public static Split byDefault(LocalDate lastOutcomeDate, CalibrateSettings s) {
            LocalDate testTo = lastOutcomeDate.minusDays(s.horizonDays());
            LocalDate testFrom = testTo.minusDays(s.testDays() - 1L);
            LocalDate trainTo = testFrom.minusDays(s.gapDays() + 1L);
            return new Split(trainTo.minusDays(s.trainDays() - 1L), trainTo, testFrom, testTo);
        }

        public Column training() {
            return col("date").between(Date.valueOf(trainFrom), Date.valueOf(trainTo));
        }

        public Column test() {
            return col("date").between(Date.valueOf(testFrom), Date.valueOf(testTo));
        }
    }

    public record Coefficient(String feature, double coefficient) implements Serializable {
    }

    /**
     * One proposed weight. level DIMENSION (name = dimension) or DRIVER (name = driver, dimension =
     * its dimension); weights normalised as described above; proposedWeight null = no data.
     */
    public record ProposedWeight(String level, String name, String dimension, double currentWeight,
                                 Double proposedWeight) implements Serializable {
    }

    /**
     * A fitted pipeline and what it learnt. {@code inputs} are the columns it reads, {@code features}
     * the assembled ones (inputs, then the {@code <input>_missing} indicators), {@code imputedMeans}
     * the training mean that replaces a missing input, {@code featureMeans} each feature's training
     * mean: the average subscriber a reason is measured against. A logistic fit has an intercept
     * and coefficients (log-odds per unit); a gradient-boosted one has neither, but each feature's
     * importance (share of the trees' gain, summing to 1).
     */
    public record Fit(PipelineModel model, String algorithm, List<String> inputs, List<String> features,
                      Map<String, Double> imputedMeans, Map<String, Double> featureMeans, Double intercept,
                      List<Coefficient> coefficients, List<Coefficient> importances) implements Serializable {
        /** The score coefficient of each driver in the model. */
        public Map<String, Double> driverCoefficients() {
            Map<String, Double> byDriver = new LinkedHashMap<>();
            for (Coefficient c : coefficients) {
                if (c.feature().endsWith("_score")) {
                    byDriver.put(c.feature().substring(0, c.feature().length() - "_score".length()), c.coefficient());
                }
            }
            return byDriver;
        }
    }

    /** One tenth of the test examples by predicted risk (bin 1 the lowest): predicted against observed. */
    public record ReliabilityBin(int bin, long examples, double meanPredicted, double observedRate) implements Serializable {
    }

    /**
     * Test-date metrics of the risk model (AUC, top-decile lift, reliability by risk decile), and the
     * AUC of indexes (risk = −index; null when no row has one): the stored perception_index, and
     * indexes recomputed with the current and the proposed weights.
     */
    public record Evaluation(double auc, double topDecileLift, List<ReliabilityBin> reliability, Double indexAuc,
                             Double currentWeightsAuc, Double proposedWeightsAuc) implements Serializable {
    }

    /**
     * One outcome's calibration; the fits, evaluation and proposals are null when {@code note} says
     * why not. {@code fit} is the risk model (all inputs), {@code driverFit} the driver-only model
     * the weights are proposed from. {@code complaintPointWorth}: how many index points one point of
     * complaint cost is worth for this outcome (1 = the configured costs are right; null when it
     * cannot be told).
     */
    public record Result(String outcome, String labelColumn, long trainExamples, long trainPositives, long testExamples,
                         long testPositives, Fit fit, Fit driverFit, Evaluation evaluation, List<ProposedWeight> proposals,
                         Double complaintPointWorth, String note) implements Serializable {
        public boolean fitted() {
            return fit != null;
        }
    }

    /**
     * Fits and evaluates one outcome on {@code examples} (msisdn, date, perception_index, the driver
     * scores, the risk inputs and the label column): training on the split's training dates, metrics
     * on its test dates, rows without a label left out. Too few positives or negatives on either
     * side gives a Result with a note instead of a fit.
     *
     * @param riskInputs the columns of {@code examples} the risk model reads (see {@link RiskInputs})
     */
    public static Result calibrate(Dataset<Row> examples, String outcome, Split split, List<Driver> drivers,
                                   Map<String, Double> dimensionWeights, List<String> riskInputs, CalibrateSettings s) {
        String labelColumn = Outcomes.column(outcome, s.horizonDays());
        Dataset<Row> labelled = examples.where(col(labelColumn).isNotNull()).withColumn(LABEL, col(labelColumn).cast("double"));
        Dataset<Row> train = labelled.where(split.training());
        Dataset<Row> test = labelled.where(split.test());
        long[] trainCounts = counts(train);
        long[] testCounts = counts(test);
        String note = null;
        for (long[] side : List.of(trainCounts, testCounts)) {
            long positives = side[1];
            long negatives = side[0] - side[1];
            if (positives < s.minPositives() || negatives < s.minPositives()) {
                note = "too few labelled examples: " + trainCounts[1] + " positives of " + trainCounts[0] + " on the training dates "
                        + split.trainFrom() + ".." + split.trainTo() + ", " + testCounts[1] + " of " + testCounts[0]
                        + " on the test dates " + split.testFrom() + ".." + split.testTo() + "; each side needs at least "
                        + s.minPositives() + " positives and as many negatives (ganzhi.calibrate.min-positives)";
            }
        }
        if (note != null) {
            return new Result(outcome, labelColumn, trainCounts[0], trainCounts[1], testCounts[0], testCounts[1], null, null,
                    null, null, null, note);
        }
        Fit driverFit = fit(train, drivers.stream().map(d -> score(d.name())).toList(), trainCounts[0], s, false);
        Fit fit = fit(train, riskInputs, trainCounts[0], s, s.risk().algorithm().equals(GBT));
        List<ProposedWeight> proposals = proposeWeights(driverFit.driverCoefficients(), drivers, dimensionWeights);
        Evaluation evaluation = evaluate(fit.model(), test, drivers, dimensionWeights, proposals);
        return new Result(outcome, labelColumn, trainCounts[0], trainCounts[1], testCounts[0], testCounts[1], fit, driverFit,
                evaluation, proposals, complaintPointWorth(train, s), null);
    }

    /**
     * How many index points one point of complaint cost is worth for the outcome: with
     * x1 = perception_index + complaint_points (the index before complaints) and x2 =
     * complaint_points, perception reads the log-odds as β·(x1 − x2); a logistic regression on
     * both gives a·x1 + b·x2, so one complaint point moves the odds as much as b / −a index points.
     * Null without both columns, without complaint points in training, or when a lower index does
     * not raise the risk (a ≥ 0).
     */
    static Double complaintPointWorth(Dataset<Row> train, CalibrateSettings s) {
        List<String> columns = List.of(train.columns());
        if (!columns.contains("perception_index") || !columns.contains("complaint_points")) {
            return null;
        }
        Dataset<Row> rows = train.where(col("perception_index").isNotNull().and(col("complaint_points").isNotNull()))
                .select(col(LABEL), col("perception_index").plus(col("complaint_points")).cast("double").as("_before"),
                        col("complaint_points").cast("double").as("_points"));
        if (rows.where(col("_points").gt(0)).isEmpty()) {
            return null;
        }
        LogisticRegressionModel lr = new LogisticRegression().setFeaturesCol("_x").setLabelCol(LABEL)
                .setMaxIter(s.maxIterations()).setTol(s.tolerance()).setRegParam(0)
                .fit(new VectorAssembler().setInputCols(new String[]{"_before", "_points"}).setOutputCol("_x").transform(rows));
        double a = lr.coefficients().apply(0);
        double b = lr.coefficients().apply(1);
        return a >= 0 ? null : b / -a;
    }

    /** Examples and positives of the column {@value #LABEL}. */
    private static long[] counts(Dataset<Row> labelled) {
        Row r = labelled.agg(count(lit(1)), coalesce(sum(col(LABEL)), lit(0.0))).first();
        return new long[]{r.getLong(0), Math.round(r.getDouble(1))};
    }

    /**
     * The pipeline: {@code <input>_missing} indicators (SQL), mean imputation, assembly, then a
     * logistic regression or, with {@code trees}, gradient-boosted trees. Inputs without a single
     * value in training are left out; indicators only where some but not all training rows lack
     * the input (a constant indicator carries nothing).
     */
    static Fit fit(Dataset<Row> train, List<String> inputs, long rows, CalibrateSettings s, boolean trees) {
        List<Column> present = new ArrayList<>();
        for (String input : inputs) {
            present.add(count(col(input)).as(input));
        }
        Row counts = train.agg(present.get(0), present.subList(1, present.size()).toArray(Column[]::new)).first();
        List<String> used = new ArrayList<>();
        List<String> indicated = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            long n = counts.getLong(i);
            if (n > 0) {
                used.add(inputs.get(i));
                if (n < rows) {
                    indicated.add(inputs.get(i));
                }
            }
        }
        if (used.isEmpty()) {
            throw new GanzhiException("no input has a value on the training dates; nothing to calibrate");
        }
        String[] imputed = used.stream().map(n -> n + "_imputed").toArray(String[]::new);
        List<String> features = new ArrayList<>(used);
        indicated.forEach(n -> features.add(n + MISSING));
        List<String> assembled = new ArrayList<>(List.of(imputed));
        indicated.forEach(n -> assembled.add(n + MISSING));

        List<PipelineStage> stages = new ArrayList<>();
        // Inputs are cast to double first: the imputer needs numbers, and a count column is a long.
        stages.add(new SQLTransformer().setStatement("SELECT *, " + String.join(", ", used.stream()
                .map(n -> "CAST(" + n + " AS DOUBLE) AS " + n + "_double").toList())
                + indicated.stream().map(n -> ", CAST(" + n + " IS NULL AS DOUBLE) AS " + n + MISSING)
                .reduce("", String::concat) + " FROM __THIS__"));
        stages.add(new Imputer().setInputCols(used.stream().map(n -> n + "_double").toArray(String[]::new))
                .setOutputCols(imputed).setStrategy("mean"));
        stages.add(new VectorAssembler().setInputCols(assembled.toArray(String[]::new)).setOutputCol(FEATURES)
                .setHandleInvalid("keep"));
        CalibrateSettings.Risk r = s.risk();
        stages.add(trees
                ? new GBTClassifier().setFeaturesCol(FEATURES).setLabelCol(LABEL).setRawPredictionCol(RAW)
                .setProbabilityCol(PROBABILITY).setPredictionCol(PREDICTION).setMaxIter(r.treeIterations())
                .setMaxDepth(r.treeDepth()).setSeed(7)
                : new LogisticRegression().setFeaturesCol(FEATURES).setLabelCol(LABEL).setRawPredictionCol(RAW)
                .setProbabilityCol(PROBABILITY).setPredictionCol(PREDICTION).setMaxIter(s.maxIterations())
                .setRegParam(s.regParam()).setElasticNetParam(s.elasticNetParam()).setTol(s.tolerance())
                .setStandardization(true));
        PipelineModel model = new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(train);

        ImputerModel imputer = (ImputerModel) model.stages()[1];
        Row surrogates = imputer.surrogateDF().first();
        Map<String, Double> means = new LinkedHashMap<>();
        for (String n : used) {
            means.put(n, surrogates.getDouble(surrogates.fieldIndex(n + "_double")));
        }
        double[] featureMean = model.transform(train).select(Summarizer.mean(col(FEATURES))).first().<Vector>getAs(0).toArray();
        Map<String, Double> featureMeans = new LinkedHashMap<>();
        for (int i = 0; i < features.size(); i++) {
            featureMeans.put(features.get(i), featureMean[i]);
        }
        Transformer last = model.stages()[stages.size() - 1];
        List<Coefficient> coefficients = new ArrayList<>();
        List<Coefficient> importances = new ArrayList<>();
        Double intercept = null;
        if (last instanceof LogisticRegressionModel lr) {
            double[] beta = lr.coefficients().toArray();
            for (int i = 0; i < features.size(); i++) {
                coefficients.add(new Coefficient(features.get(i), beta[i]));
            }
            intercept = lr.intercept();
        } else {
            double[] importance = ((GBTClassificationModel) last).featureImportances().toArray();
            for (int i = 0; i < features.size(); i++) {
                importances.add(new Coefficient(features.get(i), importance[i]));
            }
        }
        return new Fit(model, trees ? GBT : LOGISTIC, List.copyOf(used), List.copyOf(features), means, featureMeans, intercept,
                List.copyOf(coefficients), List.copyOf(importances));
    }

    /**
     * AUC and top-decile lift of the model on the test examples (column {@value #LABEL}), and the AUC
     * of the stored perception_index and of indexes recomputed from the driver scores with the
     * current and the proposed weights (two-level weighted means of the present drivers, as
     * perception computes them but without personal weighting).
     */
    static Evaluation evaluate(PipelineModel model, Dataset<Row> test, List<Driver> drivers,
                               Map<String, Double> dimensionWeights, List<ProposedWeight> proposals) {
        Map<String, Double> current = new LinkedHashMap<>();
        drivers.forEach(d -> current.put(d.name(), d.weight()));
        Map<String, Double> proposedDimensions = new LinkedHashMap<>();
        Map<String, Double> proposedDrivers = new LinkedHashMap<>();
        for (ProposedWeight p : proposals) {
            Map<String, Double> target = p.level().equals("DIMENSION") ? proposedDimensions : proposedDrivers;
            target.put(p.name(), p.proposedWeight() == null ? 0.0 : p.proposedWeight());
        }
        Dataset<Row> scored = model.transform(test)
                .withColumn("_risk", vector_to_array(col(PROBABILITY), "float64").getItem(1))
                .withColumn("_current_index", index(drivers, dimensionWeights, current))
                .withColumn("_proposed_index", proposals.isEmpty() ? lit(null).cast("double")
                        : index(drivers, proposedDimensions, proposedDrivers))
                .select(col(LABEL), col(RAW), col("_risk"), col("perception_index").cast("double").as("_index"),
                        col("_current_index"), col("_proposed_index"))
                .cache();
        try {
            double auc = auc(scored, RAW);
            double cut = scored.stat().approxQuantile("_risk", new double[]{0.9}, 1e-4)[0];
            Row all = scored.agg(avg(col(LABEL))).first();
            Row top = scored.where(col("_risk").geq(cut)).agg(avg(col(LABEL))).first();
            double lift = all.isNullAt(0) || all.getDouble(0) == 0 || top.isNullAt(0) ? Double.NaN
                    : top.getDouble(0) / all.getDouble(0);
            return new Evaluation(auc, lift, reliability(scored), indexAuc(scored, "_index"), indexAuc(scored, "_current_index"),
                    indexAuc(scored, "_proposed_index"));
        } finally {
            scored.unpersist();
        }
    }

    /** Deciles of predicted risk (cut at approximate quantiles), each with its mean prediction and observed rate. */
    static List<ReliabilityBin> reliability(Dataset<Row> scored) {
        double[] probabilities = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        double[] cuts = scored.stat().approxQuantile("_risk", probabilities, 1e-4);
        Column bin = lit(1);
        for (double cut : cuts) {
            bin = bin.plus(when(col("_risk").gt(cut), 1).otherwise(0));
        }
        List<ReliabilityBin> bins = new ArrayList<>();
        for (Row r : scored.groupBy(bin.as("bin")).agg(count(lit(1)), avg("_risk"), avg(LABEL)).orderBy("bin").collectAsList()) {
            bins.add(new ReliabilityBin(r.getInt(0), r.getLong(1), r.getDouble(2), r.getDouble(3)));
        }
        return List.copyOf(bins);
    }

    private static Double indexAuc(Dataset<Row> scored, String index) {
        Dataset<Row> risk = scored.where(col(index).isNotNull()).withColumn("_index_risk", negate(col(index)));
        Row classes = risk.agg(count(lit(1)), coalesce(sum(col(LABEL)), lit(0.0))).first();
        long n = classes.getLong(0);
        double positives = classes.getDouble(1);
        return positives == 0 || positives == n ? null : auc(risk, "_index_risk");
    }

    private static double auc(Dataset<Row> scored, String rawPrediction) {
        return new BinaryClassificationEvaluator().setLabelCol(LABEL).setRawPredictionCol(rawPrediction)
                .setMetricName("areaUnderROC").evaluate(scored);
    }

    /**
     * An index from the driver scores: per dimension the weighted mean of its present drivers, then
     * the weighted mean of the dimensions with a score and a positive weight; null without any.
     */
    static Column index(List<Driver> drivers, Map<String, Double> dimensionWeights, Map<String, Double> driverWeights) {
        Column weightedSum = lit(0.0);
        Column weightSum = lit(0.0);
        for (String dim : PerceptionSettings.DIMENSIONS) {
            double dimWeight = dimensionWeights.getOrDefault(dim, 0.0);
            Column weights = lit(0.0);
            Column weighted = lit(0.0);
            for (Driver d : drivers) {
                double w = driverWeights.getOrDefault(d.name(), 0.0);
                if (d.dimension().equals(dim) && w > 0) {
                    Column known = col(score(d.name())).isNotNull();
                    weights = weights.plus(when(known, w).otherwise(0.0));
                    weighted = weighted.plus(when(known, col(score(d.name())).multiply(w)).otherwise(0.0));
                }
            }
            Column dimensionScore = when(weights.gt(0), weighted.divide(weights));
            if (dimWeight > 0) {
                weightedSum = weightedSum.plus(coalesce(dimensionScore.multiply(dimWeight), lit(0.0)));
                weightSum = weightSum.plus(when(dimensionScore.isNotNull(), dimWeight).otherwise(0.0));
            }
        }
        return when(weightSum.gt(0), weightedSum.divide(weightSum));
    }

    /**
     * The proposed weight set (see the class comment) from the score coefficient of each driver in
     * the model; empty when no driver's lower score raises the risk.
     */
    public static List<ProposedWeight> proposeWeights(Map<String, Double> driverCoefficients, List<Driver> drivers,
                                                      Map<String, Double> dimensionWeights) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        driverCoefficients.forEach((name, beta) -> evidence.put(name, Math.max(0.0, -beta)));
        double total = evidence.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return List.of();
        }
        double currentDimensionTotal = PerceptionSettings.DIMENSIONS.stream()
                .mapToDouble(d -> dimensionWeights.getOrDefault(d, 0.0)).sum();
        List<ProposedWeight> proposals = new ArrayList<>();
        for (String dim : PerceptionSettings.DIMENSIONS) {
            List<Driver> members = drivers.stream().filter(d -> d.dimension().equals(dim)).toList();
            double dimEvidence = members.stream().mapToDouble(d -> evidence.getOrDefault(d.name(), 0.0)).sum();
            double currentDriverTotal = members.stream().mapToDouble(Driver::weight).sum();
            proposals.add(new ProposedWeight("DIMENSION", dim, dim, currentDimensionTotal == 0 ? 0
                    : dimensionWeights.getOrDefault(dim, 0.0) / currentDimensionTotal, dimEvidence / total));
            for (Driver d : members) {
                double current = currentDriverTotal == 0 ? 0 : d.weight() / currentDriverTotal;
                Double proposed;
                if (!evidence.containsKey(d.name())) {
                    proposed = null;
                } else if (dimEvidence > 0) {
                    proposed = evidence.get(d.name()) / dimEvidence;
                } else {
                    double modelled = members.stream().filter(m -> evidence.containsKey(m.name())).mapToDouble(Driver::weight).sum();
                    proposed = modelled == 0 ? 0.0 : d.weight() / modelled;
                }
                proposals.add(new ProposedWeight("DRIVER", d.name(), dim, current, proposed));
            }
        }
        return List.copyOf(proposals);
    }

    static String score(String driver) {
        return driver + "_score";
    }
}
