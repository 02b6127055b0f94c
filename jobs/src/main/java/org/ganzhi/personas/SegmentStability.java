package org.ganzhi.personas;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.*;

/**
 * Segments that stay put: a subscriber keeps yesterday's segment (column
 * {@code previous_segment_id}, from the same model) while their distance to its centroid is
 * within {@code segments.stickiness} of the distance to the nearest centroid. K-means borders cut
 * through dense regions, so without this a few per cent of subscribers would change segment every
 * night on unchanged behaviour.
 */
public final class SegmentStability {
    public static final String PREVIOUS_SEGMENT = "previous_segment_id";

    private SegmentStability() {
    }

    /** Replaces {@value PersonaModel#CLUSTER} by the kept segment where the rule holds; adds segment_kept. */
    public static Dataset<Row> apply(Dataset<Row> rows, PersonaModel model, PersonaSettings s) {
        Column zs = vector_to_array(col(PersonaModel.Z), "float64");
        List<Column> distances = new ArrayList<>();
        for (JsonNode segment : model.info().get("segments")) {
            JsonNode centre = segment.get("centroid");
            Column squares = lit(0.0);
            for (int i = 0; i < centre.size(); i++) {
                Column d = zs.getItem(i).minus(centre.get(i).asDouble());
                squares = squares.plus(d.multiply(d));
            }
            distances.add(sqrt(squares));
        }
        Column nearest = least(distances.toArray(Column[]::new));
        Column previous = null;
        for (int k = 0; k < distances.size(); k++) {
            Column is = col(PREVIOUS_SEGMENT).equalTo(k);
            previous = previous == null ? when(is, distances.get(k)) : previous.when(is, distances.get(k));
        }
        Column keep = coalesce(previous.leq(nearest.multiply(1 + s.segmentStickiness())), lit(false));
        return rows.withColumn("segment_kept", keep.and(col(PREVIOUS_SEGMENT).notEqual(col(PersonaModel.CLUSTER))))
                .withColumn(PersonaModel.CLUSTER, when(keep, col(PREVIOUS_SEGMENT)).otherwise(col(PersonaModel.CLUSTER)));
    }
}
