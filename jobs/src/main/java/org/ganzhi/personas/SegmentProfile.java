package org.ganzhi.personas;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * personas.segment_profile: per behaviour segment of the day, its size and share, the persona most
 * of its members have, and the mean of every persona feature in the features' own units — the
 * centroid profile an analyst reads to name a segment.
 */
public final class SegmentProfile {
    private SegmentProfile() {
    }

    public static Dataset<Row> of(Dataset<Row> profiles, PersonaSettings s, PersonaModel model) {
        long total = profiles.count();
        List<Column> aggs = new ArrayList<>();
        aggs.add(round(avg("arpu"), 2).as("arpu_mean"));
        for (String f : s.featureNames()) {
            aggs.add(round(avg("feature_" + f), 4).as("mean_" + f));
        }
        Dataset<Row> bySegment = profiles.groupBy("date", "segment_id", "segment")
                .agg(count(lit(1)).as("subscribers"), aggs.toArray(Column[]::new))
                .withColumn("share", round(col("subscribers").divide(total), 4));
        Dataset<Row> personaMix = profiles.groupBy("segment_id", "persona").agg(count(lit(1)).as("n"))
                .groupBy("segment_id").agg(max(struct(col("n"), col("persona"))).as("top"));
        return bySegment.join(personaMix, new String[]{"segment_id"}, "left")
                .withColumn("main_persona", col("top.persona"))
                .withColumn("main_persona_share", round(col("top.n").divide(col("subscribers")), 4))
                .drop("top")
                .withColumn("model_version", lit(model.versionName()));
    }
}
