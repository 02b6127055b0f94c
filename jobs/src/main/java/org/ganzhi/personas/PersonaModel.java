package org.ganzhi.personas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.ModelStore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.apache.spark.sql.functions.*;

/**
 * The persona model, versioned under {@code <lake>/models/personas/vNNNN/}: an MLlib pipeline
 * ({@code pipeline/}: Imputer, a missing feature is the training mean; VectorAssembler;
 * StandardScaler, mean 0 and sd 1 over the training day), an MLlib k-means model of behaviour
 * segments ({@code kmeans/}) and {@code model.json} with what it was trained on and each
 * cluster's label and centroid. Nightly runs score with the newest version, so affinities
 * and segments do not drift with each day's population; {@code retrain} writes the next one.
 * <p>
 * Cluster ids are not labels: each cluster is named by the persona its centroid leans to and its
 * most distinctive feature, and a retrain inherits the labels of the previous model's nearest
 * centroids (greedy matching in feature units), so segments keep their names across models.
 * <p>
 * A retrain starts k-means from the previous centroids (mapped into the new standardisation)
 * instead of a fresh k-means|| seeding: on similar behaviour it settles in the same solution,
 * where a fresh start lands in another local optimum and moved a quarter of the subscribers to
 * another segment in our tests. That warm start is only in the RDD-based MLlib k-means, hence
 * that API here.
 */
public final class PersonaModel {
    public static final String Z = "z";
    public static final String CLUSTER = "cluster";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int version;
    private final PipelineModel pipeline;
    private final KMeansModel kmeans;
    private final ObjectNode info;

    private PersonaModel(int version, PipelineModel pipeline, KMeansModel kmeans, ObjectNode info) {
        this.version = version;
        this.pipeline = pipeline;
        this.kmeans = kmeans;
        this.info = info;
    }

    public int version() {
        return version;
    }

    public String versionName() {
        return String.format("personas-v%04d", version);
    }

    public ObjectNode info() {
        return info;
    }

    public List<String> features() {
        List<String> names = new ArrayList<>();
        info.get("features").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** Segment label of each cluster id. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        info.get("segments").forEach(n -> labels.add(n.get("label").asText()));
        return labels;
    }

    /** The features nobody has in prepared inputs: an optional feed absent or empty, such as the channel share without service interactions. */
    static List<String> featuresWithoutData(Dataset<Row> inputs, List<String> names) {
        List<Column> counts = names.stream().map(n -> count(col(PersonaInputs.transformed(n)))).toList();
        Row known = inputs.agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new)).first();
        return java.util.stream.IntStream.range(0, names.size()).filter(i -> known.getLong(i) == 0).mapToObj(names::get).toList();
    }

    /**
     * The training columns, a feature without data read as 0 for everyone: the Imputer has no mean
     * to learn from it, and a constant feature adds nothing to the standardised distances.
     */
    static Column[] withoutDataAsZero(List<String> names, List<String> withoutData) {
        return names.stream().map(n -> withoutData.contains(n) ? lit(0.0).as(PersonaInputs.transformed(n))
                : col(PersonaInputs.transformed(n))).toArray(Column[]::new);
    }

    /**
     * Fits a model on prepared inputs (see {@link PersonaInputs}); k-means starts from and labels
     * follow {@code previous} where it has the same features and number of segments.
     */
    public static PersonaModel fit(Dataset<Row> inputs, PersonaSettings s, int version, LocalDate trainedFor,
                                   Optional<PersonaModel> previous) {
        List<String> names = s.featureNames();
        String[] transformed = names.stream().map(PersonaInputs::transformed).toArray(String[]::new);
        String[] imputed = names.stream().map(n -> "imputed_" + n).toArray(String[]::new);
        Pipeline standardise = new Pipeline().setStages(new PipelineStage[]{
                new Imputer().setInputCols(transformed).setOutputCols(imputed).setStrategy("mean"),
                new VectorAssembler().setInputCols(imputed).setOutputCol("raw"),
                new StandardScaler().setInputCol("raw").setOutputCol(Z).setWithMean(true).setWithStd(true)});
        List<String> withoutData = featuresWithoutData(inputs, names);
        Dataset<Row> training = inputs.select(withoutDataAsZero(names, withoutData)).cache();
        JavaRDD<org.apache.spark.mllib.linalg.Vector> points = null;
        try {
            long rows = training.count();
            if (rows < s.clusters()) {
                throw new GanzhiException("the persona model needs at least " + s.clusters() + " subscribers to train on, found "
                        + rows + " in the " + s.windowDays() + "-day window as of " + trainedFor);
            }
            PipelineModel fitted = standardise.fit(training);
            StandardScalerModel scaler = (StandardScalerModel) fitted.stages()[2];
            points = fitted.transform(training).select(Z).javaRDD().map(r -> Vectors.fromML(r.<Vector>getAs(0))).cache();
            KMeans kmeans = new KMeans().setK(s.clusters()).setSeed(s.seed()).setMaxIterations(s.maxIterations());
            Optional<PersonaModel> warm = previous.filter(p -> p.features().equals(names) && p.labels().size() == s.clusters());
            warm.ifPresent(p -> kmeans.setInitialModel(new KMeansModel(p.centroidsIn(scaler))));
            KMeansModel segments = kmeans.run(points.rdd());

            ObjectNode info = JSON.createObjectNode();
            info.put("version", version);
            info.put("trained_for", trainedFor.toString());
            info.put("trained_at", Instant.now().toString());
            info.put("training_rows", rows);
            info.put("spec_version", s.specVersion());
            info.put("kmeans_start", warm.map(p -> "centroids of " + p.versionName()).orElse("k-means|| seed " + s.seed()));
            ArrayNode features = info.putArray("features");
            names.forEach(features::add);
            ArrayNode noData = info.putArray("features_without_data");
            withoutData.forEach(noData::add);
            ArrayNode mean = info.putArray("mean");
            ArrayNode sd = info.putArray("sd");
            for (int i = 0; i < names.size(); i++) {
                mean.add(scaler.mean().apply(i));
                sd.add(scaler.std().apply(i));
            }
            double[][] centres = Arrays.stream(segments.clusterCenters()).map(org.apache.spark.mllib.linalg.Vector::toArray)
                    .toArray(double[][]::new);
            List<String> labels = label(centres, s, previous, scaler);
            ArrayNode segmentNodes = info.putArray("segments");
            for (int k = 0; k < centres.length; k++) {
                ObjectNode seg = segmentNodes.addObject();
                seg.put("cluster", k);
                seg.put("label", labels.get(k));
                ArrayNode centre = seg.putArray("centroid");
                for (double v : centres[k]) {
                    centre.add(v);
                }
            }
            return new PersonaModel(version, fitted, segments, info);
        } finally {
            training.unpersist();
            if (points != null) {
                points.unpersist();
            }
        }
    }

    /** This model's centroids in the standardised units of {@code scaler} (feature units in between). */
    private org.apache.spark.mllib.linalg.Vector[] centroidsIn(StandardScalerModel scaler) {
        JsonNode mean = info.get("mean");
        JsonNode sd = info.get("sd");
        List<org.apache.spark.mllib.linalg.Vector> centres = new ArrayList<>();
        for (JsonNode seg : info.get("segments")) {
            double[] c = new double[mean.size()];
            for (int i = 0; i < c.length; i++) {
                double value = seg.get("centroid").get(i).asDouble() * sd.get(i).asDouble() + mean.get(i).asDouble();
                double newSd = scaler.std().apply(i);
                c[i] = newSd == 0 ? 0 : (value - scaler.mean().apply(i)) / newSd;
            }
            centres.add(Vectors.dense(c));
        }
        return centres.toArray(org.apache.spark.mllib.linalg.Vector[]::new);
    }

    /** Adds the standardised vector {@value #Z} and the {@value #CLUSTER} id. */
    public Dataset<Row> transform(Dataset<Row> inputs) {
        KMeansModel segments = kmeans;
        UDF1<Vector, Integer> nearest = z -> segments.predict(Vectors.fromML(z));
        return pipeline.transform(inputs).withColumn(CLUSTER, udf(nearest, DataTypes.IntegerType).apply(col(Z)));
    }

    /** The newest model of the lake, if any. */
    public static Optional<PersonaModel> current(SparkSession spark, Lake lake) {
        int latest = latestVersion(spark, lake);
        return latest == 0 ? Optional.empty() : Optional.of(load(spark, lake, latest));
    }

    public static PersonaModel load(SparkSession spark, Lake lake, int version) {
        ModelStore store = store(spark, lake);
        Path dir = store.version(version);
        ObjectNode info = store.info(version);
        return new PersonaModel(version, PipelineModel.load(new Path(dir, "pipeline").toString()),
                KMeansModel.load(spark.sparkContext(), new Path(dir, "kmeans").toString()), info);
    }

    /** Highest version under models/personas, 0 when there is none. */
    public static int latestVersion(SparkSession spark, Lake lake) {
        return store(spark, lake).latestVersion();
    }

    public void save(SparkSession spark, Lake lake) {
        store(spark, lake).save(version, info, folder -> {
            pipeline.write().save(new Path(folder, "pipeline").toString());
            kmeans.save(spark.sparkContext(), new Path(folder, "kmeans").toString());
        });
    }

    private static ModelStore store(SparkSession spark, Lake lake) {
        return new ModelStore(lake.root() + "/models/personas", "persona model", spark.sparkContext().hadoopConfiguration());
    }

    /**
     * Labels for the new centroids: the previous model's label of the nearest previous centroid
     * (pairs taken closest first, each label once), otherwise "PERSONA: high|low feature" from the
     * persona the centroid leans to and its largest standardised coordinate.
     */
    static List<String> label(double[][] centres, PersonaSettings s, Optional<PersonaModel> previous, StandardScalerModel scaler) {
        String[] labels = new String[centres.length];
        Set<String> used = new HashSet<>();
        if (previous.isPresent() && previous.get().features().equals(s.featureNames())) {
            PersonaModel old = previous.get();
            org.apache.spark.mllib.linalg.Vector[] oldCentres = old.centroidsIn(scaler);
            List<double[]> pairs = new ArrayList<>();
            for (int k = 0; k < centres.length; k++) {
                for (int j = 0; j < oldCentres.length; j++) {
                    pairs.add(new double[]{distance(centres[k], oldCentres[j].toArray()), k, j});
                }
            }
            pairs.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : a[1] != b[1] ? Double.compare(a[1], b[1])
                    : Double.compare(a[2], b[2]));
            boolean[] taken = new boolean[oldCentres.length];
            for (double[] p : pairs) {
                int k = (int) p[1];
                int j = (int) p[2];
                if (labels[k] == null && !taken[j]) {
                    labels[k] = old.labels().get(j);
                    taken[j] = true;
                    used.add(labels[k]);
                }
            }
        }
        for (int k = 0; k < centres.length; k++) {
            if (labels[k] == null) {
                String base = describe(centres[k], s);
                String name = base;
                for (int n = 2; used.contains(name); n++) {
                    name = base + " #" + n;
                }
                labels[k] = name;
                used.add(name);
            }
        }
        return List.of(labels);
    }

    private static String describe(double[] centre, PersonaSettings s) {
        String persona = Personas.primary(centre, s);
        int strongest = 0;
        for (int i = 1; i < centre.length; i++) {
            if (Math.abs(centre[i]) > Math.abs(centre[strongest])) {
                strongest = i;
            }
        }
        return persona + ": " + (centre[strongest] >= 0 ? "high " : "low ") + s.featureNames().get(strongest);
    }

    private static double distance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(d);
    }
}
