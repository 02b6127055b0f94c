package org.ganzhi.personas;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.features.FeatureSettings;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * What the persona model sees of each subscriber: one features.subscriber_window row (the persona
 * window), a few indicators derived from the attributes, and each configured feature transformed
 * into a double column {@code t_<feature>} (null stays null: the model imputes it).
 */
public final class PersonaInputs {
    private PersonaInputs() {
    }

    public static String transformed(String feature) {
        return "t_" + feature;
    }

    /** Adds the derived indicators and the transformed features to the window rows. */
    public static Dataset<Row> prepare(Dataset<Row> window, PersonaSettings s) {
        Dataset<Row> rows = window
                .withColumn("device_5g", when(col("device_type").isNull(), lit(null))
                        .otherwise(when(col("device_type").equalTo("SMARTPHONE_5G"), 1.0).otherwise(0.0)))
                .withColumn("feature_phone", when(col("device_type").isNull(), lit(null))
                        .otherwise(when(col("device_type").equalTo("FEATURE_PHONE"), 1.0).otherwise(0.0)))
                .withColumn("prepaid", when(col("plan_type").isNull(), lit(null))
                        .otherwise(when(col("plan_type").equalTo("PREPAID"), 1.0).otherwise(0.0)))
                .withColumn("age_years", ageYears(col("age_band")));
        List<String> columns = List.of(rows.columns());
        for (PersonaSettings.Feature f : s.features()) {
            if (!columns.contains(f.name()) && isGroupCount(f.name())) {
                rows = rows.withColumn(f.name(), lit(0L));
            }
        }
        List<Column> transformed = new ArrayList<>();
        for (PersonaSettings.Feature f : s.features()) {
            Column x = col(f.name()).cast("double").multiply(f.scale());
            // greatest() would turn a missing value into 0; missing must stay missing for the Imputer.
            transformed.add((f.log() ? when(x.isNotNull(), log1p(greatest(x, lit(0.0)))) : x).as(transformed(f.name())));
        }
        List<Column> all = new ArrayList<>();
        all.add(col("*"));
        all.addAll(transformed);
        return rows.select(all.toArray(Column[]::new));
    }

    /**
     * A count of a group of service items or complaint categories: its window column exists only
     * when the feed does, and a lake without service interactions or complaints has none of
     * them, which is 0 contacts, not a failed stage.
     */
    static boolean isGroupCount(String column) {
        return column.startsWith(FeatureSettings.ITEM_GROUP_PREFIX) || column.startsWith(FeatureSettings.COMPLAINT_GROUP_PREFIX);
    }

    /** The middle of an age band such as "25-34" ("65+" reads as 70), null when unknown. */
    static Column ageYears(Column band) {
        Column low = regexp_extract(band, "^(\\d+)", 1);
        Column high = regexp_extract(band, "-(\\d+)$", 1);
        return when(band.isNull().or(low.equalTo("")), lit(null).cast("double"))
                .when(high.equalTo(""), low.cast("double").plus(5))
                .otherwise(low.cast("double").plus(high.cast("double")).divide(2));
    }
}
