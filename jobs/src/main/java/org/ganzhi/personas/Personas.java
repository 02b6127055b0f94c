package org.ganzhi.personas;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.*;

/**
 * Behaviour personas from standardised features: each persona's score is its bias plus the
 * weighted sum of the subscriber's standardised features (both from configuration), the affinities are the
 * scores' softmax shares, the primary persona is the highest score, and "why" lists the features
 * that raised the primary persona's score most, with the subscriber's value, its standard score
 * and its contribution.
 */
public final class Personas {
    private Personas() {
    }

    /** Optional input column: the subscriber's persona of the previous run with the same model. */
    public static final String PREVIOUS_PERSONA = "previous_persona";

    public static String affinityColumn(String persona) {
        return "affinity_" + persona.toLowerCase();
    }

    /** Adds score_*, affinity_*, persona, persona_affinity and why to rows with the model's {@value PersonaModel#Z}. */
    public static Dataset<Row> assign(Dataset<Row> scored, PersonaSettings s) {
        List<String> names = s.featureNames();
        Dataset<Row> rows = scored.withColumn("zs", vector_to_array(col(PersonaModel.Z), "float64"));
        for (PersonaSettings.Persona p : s.personas()) {
            Column score = lit(p.bias());
            for (Map.Entry<String, Double> w : p.weights().entrySet()) {
                score = score.plus(col("zs").getItem(names.indexOf(w.getKey())).multiply(w.getValue()));
            }
            rows = rows.withColumn(scoreColumn(p.code()), round(score, 4));
        }
        Column best = greatest(s.personas().stream().map(p -> col(scoreColumn(p.code()))).toArray(Column[]::new));
        Column denominator = lit(0.0);
        for (PersonaSettings.Persona p : s.personas()) {
            denominator = denominator.plus(exp(col(scoreColumn(p.code())).minus(best).divide(s.temperature())));
        }
        Column primary = null;
        for (PersonaSettings.Persona p : s.personas()) {
            rows = rows.withColumn(affinityColumn(p.code()),
                    round(exp(col(scoreColumn(p.code())).minus(best).divide(s.temperature())).divide(denominator), 4));
            // First persona in definition order wins a tie.
            Column isBest = col(scoreColumn(p.code())).equalTo(best);
            primary = primary == null ? when(isBest, p.code()) : primary.when(isBest, p.code());
        }
        // Yesterday's persona stays while its score is within persona-stickiness of the best, so a
        // subscriber on the border does not flip with each day's noise (column previous_persona).
        if (List.of(rows.columns()).contains(PREVIOUS_PERSONA)) {
            Column previousScore = null;
            for (PersonaSettings.Persona p : s.personas()) {
                Column is = col(PREVIOUS_PERSONA).equalTo(p.code());
                previousScore = previousScore == null ? when(is, col(scoreColumn(p.code())))
                        : previousScore.when(is, col(scoreColumn(p.code())));
            }
            Column keep = previousScore.geq(best.minus(s.personaStickiness()));
            rows = rows.withColumn("persona_kept", coalesce(keep, lit(false)))
                    .withColumn("persona", when(col("persona_kept"), col(PREVIOUS_PERSONA)).otherwise(primary));
        } else {
            rows = rows.withColumn("persona_kept", lit(false)).withColumn("persona", primary);
        }
        Column affinity = null;
        Column why = null;
        for (PersonaSettings.Persona p : s.personas()) {
            Column is = col("persona").equalTo(p.code());
            affinity = affinity == null ? when(is, col(affinityColumn(p.code()))) : affinity.when(is, col(affinityColumn(p.code())));
            why = why == null ? when(is, contributions(p, names)) : why.when(is, contributions(p, names));
        }
        return rows.withColumn("persona_affinity", affinity)
                .withColumn("why_all", why)
                .withColumn("why", expr("slice(transform(sort_array(filter(why_all, x -> x.contribution > 0), false), "
                        + "x -> named_struct('feature', x.feature, 'value', x.value, 'z', x.z, 'contribution', x.contribution)), 1, "
                        + s.whyCount() + ")"))
                .drop("why_all", "zs");
    }

    private static String scoreColumn(String persona) {
        return "score_" + persona.toLowerCase();
    }

    /** One struct per weighted feature, contribution first so that sort_array orders by it. */
    private static Column contributions(PersonaSettings.Persona p, List<String> names) {
        List<Column> items = new ArrayList<>();
        for (Map.Entry<String, Double> w : p.weights().entrySet()) {
            Column z = col("zs").getItem(names.indexOf(w.getKey()));
            items.add(struct(round(z.multiply(w.getValue()), 4).as("contribution"), lit(w.getKey()).as("feature"),
                    col(w.getKey()).cast("double").as("value"), round(z, 3).as("z")));
        }
        return array(items.toArray(Column[]::new));
    }

    /** The primary persona of one standardised vector (segment centroids): same rule as {@link #assign}. */
    static String primary(double[] z, PersonaSettings s) {
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (PersonaSettings.Persona p : s.personas()) {
            double score = p.bias();
            for (Map.Entry<String, Double> w : p.weights().entrySet()) {
                score += z[s.featureNames().indexOf(w.getKey())] * w.getValue();
            }
            if (score > bestScore) {
                best = p.code();
                bestScore = score;
            }
        }
        return best;
    }
}
