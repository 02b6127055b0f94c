package org.ganzhi.personas;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.*;

/**
 * Value tier by ARPU (article 001): HIGH at or above the high threshold, LOW below the low one,
 * MID between. ARPU is the mean bill of the last three months; without a bill, the plan's monthly
 * fee (arpu_source says which). Thresholds are fixed amounts or quantiles of the day's
 * subscribers, computed once per run and written on every row.
 */
public final class ValueTier {
    private ValueTier() {
    }

    /** The ARPU the tier uses and where it comes from. */
    public static Dataset<Row> withArpu(Dataset<Row> rows) {
        return rows.withColumn("arpu_source", when(col("arpu").isNotNull(), "BILLING")
                        .when(col("plan_monthly_fee").isNotNull(), "PLAN_FEE"))
                .withColumn("tier_arpu", coalesce(col("arpu"), col("plan_monthly_fee")));
    }

    /** [low, high] thresholds for the rows (with {@link #withArpu} applied). */
    public static double[] thresholds(Dataset<Row> rows, PersonaSettings s) {
        if (s.tierMethod().equals("absolute")) {
            return new double[]{s.lowArpu(), s.highArpu()};
        }
        double[] q = rows.where(col("tier_arpu").isNotNull()).stat()
                .approxQuantile("tier_arpu", new double[]{s.lowQuantile(), s.highQuantile()}, 0.001);
        return q.length == 2 ? q : new double[]{s.lowArpu(), s.highArpu()};
    }

    public static Dataset<Row> assign(Dataset<Row> rows, double[] thresholds) {
        Column arpu = col("tier_arpu");
        return rows.withColumn("tier_low_arpu", lit(thresholds[0]))
                .withColumn("tier_high_arpu", lit(thresholds[1]))
                .withColumn("value_tier", when(arpu.isNull(), lit(null).cast("string"))
                        .when(arpu.geq(thresholds[1]), "HIGH")
                        .when(arpu.lt(thresholds[0]), "LOW")
                        .otherwise("MID"));
    }
}
