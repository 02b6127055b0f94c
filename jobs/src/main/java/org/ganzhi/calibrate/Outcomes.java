package org.ganzhi.calibrate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * What each subscriber did after a scoring date d, on the operator-local days d+1 .. d+h (h =
 * horizon-days): the labels calibration learns from. One row per (msisdn, date) of the population,
 * each label 1, 0 or null (unlabelled):
 * <ul>
 *   <li>{@code complaint_next_<h>d}: a complaint ticket of any category was opened on one of the
 *       horizon days. Never null: no ticket is a negative.</li>
 *   <li>{@code low_survey_next_<h>d}: 1 when a survey answered on a horizon day scored at most
 *       low-survey-score-max, 0 when every such survey scored above it, null when the subscriber
 *       answered none: not being asked says nothing about how they feel.</li>
 *   <li>{@code churn_next_<h>d}: the subscriber was not CHURNED at d (latest snapshot on or before
 *       d) and a snapshot of a horizon day says CHURNED (1), or a snapshot dated d+h or later says
 *       they are still not churned (0). Null where the snapshots cannot tell: no snapshot on or
 *       before d, already churned at d, or no snapshot from d+h on (the data ends, or the next
 *       one after a gap already says CHURNED, so the day it happened is unknown). CHURNED is taken
 *       as final: the first CHURNED snapshot is the churn.</li>
 * </ul>
 * Pure functions of their inputs; timestamps are instants, days are taken in the operator's zone.
 */
public final class Outcomes {
    public static final String COMPLAINT = "complaint";
    public static final String LOW_SURVEY = "low_survey";
    public static final String CHURN = "churn";
    /** In report order. */
    public static final List<String> ALL = List.of(COMPLAINT, LOW_SURVEY, CHURN);
    /** The outcomes whose risk models are saved and published in gold.subscriber_perception. */
    public static final List<String> PUBLISHED = List.of(COMPLAINT, CHURN);

    private Outcomes() {
    }

    /** The label column of an outcome, e.g. complaint_next_7d. */
    public static String column(String outcome, int horizonDays) {
        return outcome + "_next_" + horizonDays + "d";
    }

    /**
     * @param population msisdn, date: who was scored on which date
     * @param tickets    silver.complaint_ticket (msisdn, opened_at)
     * @param surveys    silver.survey (msisdn, ts, score)
     * @param snapshots  silver.subscriber (msisdn, snapshot_date, status)
     * @return the population with the three label columns (integers)
     */
    public static Dataset<Row> label(Dataset<Row> population, Dataset<Row> tickets, Dataset<Row> surveys,
                                     Dataset<Row> snapshots, CalibrateSettings s) {
        return churn(lowSurvey(complaint(population, tickets, s), surveys, s), snapshots, s);
    }

    /** Adds complaint_next_<h>d: any ticket opened on a horizon day. */
    public static Dataset<Row> complaint(Dataset<Row> population, Dataset<Row> tickets, CalibrateSettings s) {
        Dataset<Row> opened = tickets.where(col("msisdn").isNotNull().and(col("opened_at").isNotNull()))
                .select(col("msisdn").as("_t_msisdn"), localDay(col("opened_at"), s).as("_day"));
        Dataset<Row> keys = population.select("msisdn", "date");
        Dataset<Row> complained = keys.join(opened, keys.col("msisdn").equalTo(opened.col("_t_msisdn"))
                        .and(inHorizon(opened.col("_day"), keys.col("date"), s)))
                .select(keys.col("msisdn"), keys.col("date")).distinct().withColumn("_complained", lit(1));
        return population.join(complained, new String[]{"msisdn", "date"}, "left")
                .withColumn(column(COMPLAINT, s.horizonDays()), coalesce(col("_complained"), lit(0)))
                .drop("_complained");
    }

    /** Adds low_survey_next_<h>d: the lowest survey score of the horizon against the threshold. */
    public static Dataset<Row> lowSurvey(Dataset<Row> population, Dataset<Row> surveys, CalibrateSettings s) {
        Dataset<Row> answered = surveys.where(col("msisdn").isNotNull().and(col("ts").isNotNull()).and(col("score").isNotNull()))
                .select(col("msisdn").as("_s_msisdn"), localDay(col("ts"), s).as("_day"), col("score").as("_score"));
        Dataset<Row> keys = population.select("msisdn", "date");
        Dataset<Row> lowest = keys.join(answered, keys.col("msisdn").equalTo(answered.col("_s_msisdn"))
                        .and(inHorizon(answered.col("_day"), keys.col("date"), s)))
                .groupBy(keys.col("msisdn"), keys.col("date")).agg(min("_score").as("_lowest_score"));
        return population.join(lowest, new String[]{"msisdn", "date"}, "left")
                .withColumn(column(LOW_SURVEY, s.horizonDays()),
                        when(col("_lowest_score").isNull(), lit(null).cast("int"))
                                .when(col("_lowest_score").leq(s.lowSurveyScoreMax()), 1).otherwise(0))
                .drop("_lowest_score");
    }

    /** Adds churn_next_<h>d from each subscriber's first snapshot, first CHURNED snapshot and last other one. */
    public static Dataset<Row> churn(Dataset<Row> population, Dataset<Row> snapshots, CalibrateSettings s) {
        Column churned = col("status").equalTo("CHURNED");
        Dataset<Row> history = snapshots.where(col("msisdn").isNotNull().and(col("snapshot_date").isNotNull()))
                .groupBy("msisdn").agg(min("snapshot_date").as("_first_seen"),
                        min(when(churned, col("snapshot_date"))).as("_first_churned"),
                        max(when(not(churned), col("snapshot_date"))).as("_last_not_churned"));
        Column d = col("date");
        Column horizonEnd = date_add(d, s.horizonDays());
        Column label = when(col("_first_seen").isNull().or(col("_first_seen").gt(d)), lit(null).cast("int"))
                .when(col("_first_churned").leq(d), lit(null).cast("int"))
                .when(col("_first_churned").leq(horizonEnd), 1)
                .when(col("_last_not_churned").geq(horizonEnd), 0);
        return population.join(history, new String[]{"msisdn"}, "left")
                .withColumn(column(CHURN, s.horizonDays()), label.cast("int"))
                .drop("_first_seen", "_first_churned", "_last_not_churned");
    }

    private static Column localDay(Column instant, CalibrateSettings s) {
        return to_date(from_utc_timestamp(instant, s.timezone()));
    }

    private static Column inHorizon(Column day, Column scoringDate, CalibrateSettings s) {
        return day.gt(scoringDate).and(day.leq(date_add(scoringDate, s.horizonDays())));
    }
}
