package org.ganzhi.personas;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.*;

/**
 * Lifecycle stage (article 001), first rule that holds:
 * SERVICE_REQUEST — an open complaint or an overdue service order as of the date;
 * REQUEST_RESOLVED — a complaint resolved or an order completed in the last
 * {@code resolved-within-days} (the columns {@code recently_resolved_complaints} and
 * {@code recently_completed_orders});
 * DORMANT — no call, session or interaction in the persona window;
 * ONBOARDING — tenure below {@code onboarding-days};
 * IN_NETWORK — otherwise. The reason says which inputs decided it.
 */
public final class Lifecycle {
    private Lifecycle() {
    }

    public static Dataset<Row> stage(Dataset<Row> rows, PersonaSettings s) {
        Column open = coalesce(col("complaints_open"), lit(0L));
        Column overdue = coalesce(col("orders_overdue_open"), lit(0L));
        Column resolved = coalesce(col("recently_resolved_complaints"), lit(0L));
        Column completed = coalesce(col("recently_completed_orders"), lit(0L));
        Column active = coalesce(col("active_days"), lit(0L));
        Column tenure = col("tenure_days");
        return rows
                .withColumn("lifecycle_stage",
                        when(open.plus(overdue).gt(0), "SERVICE_REQUEST")
                                .when(resolved.plus(completed).gt(0), "REQUEST_RESOLVED")
                                .when(active.equalTo(0), "DORMANT")
                                .when(tenure.isNotNull().and(tenure.lt(s.onboardingDays())), "ONBOARDING")
                                .otherwise("IN_NETWORK"))
                .withColumn("lifecycle_reason",
                        when(open.plus(overdue).gt(0), format_string("%d open complaint(s), %d overdue order(s)", open, overdue))
                                .when(resolved.plus(completed).gt(0), format_string(
                                        "%d complaint(s) resolved, %d order(s) completed in the last %d days", resolved, completed,
                                        lit(s.resolvedWithinDays())))
                                .when(active.equalTo(0), format_string("no activity in the last %d days", lit(s.windowDays())))
                                .when(tenure.isNotNull().and(tenure.lt(s.onboardingDays())), format_string(
                                        "tenure %d days < %d", tenure, lit(s.onboardingDays())))
                                .otherwise(format_string("tenure %d days, no open or recent request", coalesce(tenure, lit(-1)))));
    }
}
