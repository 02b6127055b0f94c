package org.ganzhi.calibrate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.*;

/**
 * What each subscriber did after a scoring date d, on the operator-local days d+1 .. d+h (h =
 * horizon-days): the labels calibration and validation learn from. The lake's own records (complaint
 * tickets, surveys, subscriber snapshots) and, where the operator supplies it, the outcome feed
 * (silver.outcome: msisdn, outcome_date, outcome_type) both count. One row per (msisdn, date) of
 * the population, each label 1, 0 or null (unlabelled):
 * <ul>
 *   <li>{@code complaint_next_<h>d}: a complaint ticket of any category was opened, or a COMPLAINT
 *       outcome reported, on one of the horizon days. Never null: no complaint is a negative.</li>
 *   <li>{@code low_survey_next_<h>d}: 1 when a survey answered on a horizon day scored at most
 *       low-survey-score-max or a LOW_SURVEY outcome was reported on one, 0 when every such survey
 *       scored above it, null when the subscriber answered none: not being asked says nothing
 *       about how they feel.</li>
 *   <li>{@code churn_next_<h>d}: the subscriber had not churned at d and churned on a horizon day
 *       (1), or is known not to have churned by d+h (0). The churn day is the first CHURNED
 *       snapshot or the first CHURN or PORT_OUT outcome, whichever is earlier. Known not churned:
 *       a snapshot dated d+h or later that is not CHURNED, or, with the outcome feed, no churn
 *       reported up to d+h (the feed lists every leaver). Null where nothing tells: no snapshot on
 *       or before d, already churned at d, or no snapshot from d+h on and no outcome feed (the
 *       data ends, or the next snapshot after a gap already says CHURNED, so the day it happened
 *       is unknown). A churn is taken as final.</li>
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

    /** The outcome types of silver.outcome that are a churn. */
    public static final List<String> CHURN_TYPES = List.of("CHURN", "PORT_OUT");

    /**
     * @param population msisdn, date: who was scored on which date
     * @param tickets    silver.complaint_ticket (msisdn, opened_at)
     * @param surveys    silver.survey (msisdn, ts, score)
     * @param snapshots  silver.subscriber (msisdn, snapshot_date, status)
     * @param reported   silver.outcome (msisdn, outcome_date, outcome_type), when the operator supplies it
     * @return the population with the three label columns (integers)
     */
    public static Dataset<Row> label(Dataset<Row> population, Dataset<Row> tickets, Dataset<Row> surveys,
                                     Dataset<Row> snapshots, Optional<Dataset<Row>> reported, CalibrateSettings s) {
        return churn(lowSurvey(complaint(population, tickets, reported, s), surveys, reported, s), snapshots, reported, s);
    }

    private static Dataset<Row> reportedDays(Optional<Dataset<Row>> reported, List<String> types) {
        return reported.map(r -> r.where(col("msisdn").isNotNull().and(col("outcome_date").isNotNull())
                .and(col("outcome_type").isin(types.toArray()))).select(col("msisdn"), col("outcome_date").as("_day")))
                .orElse(null);
    }

    /** Adds complaint_next_<h>d: any ticket opened, or COMPLAINT reported, on a horizon day. */
    public static Dataset<Row> complaint(Dataset<Row> population, Dataset<Row> tickets, Optional<Dataset<Row>> reported,
                                         CalibrateSettings s) {
        Dataset<Row> days = tickets.where(col("msisdn").isNotNull().and(col("opened_at").isNotNull()))
                .select(col("msisdn"), localDay(col("opened_at"), s).as("_day"));
        Dataset<Row> complaints = reportedDays(reported, List.of(COMPLAINT.toUpperCase()));
        if (complaints != null) {
            days = days.unionByName(complaints);
        }
        Dataset<Row> opened = days.select(col("msisdn").as("_t_msisdn"), col("_day"));
        Dataset<Row> keys = population.select("msisdn", "date");
        Dataset<Row> complained = keys.join(opened, keys.col("msisdn").equalTo(opened.col("_t_msisdn"))
                        .and(inHorizon(opened.col("_day"), keys.col("date"), s)))
                .select(keys.col("msisdn"), keys.col("date")).distinct().withColumn("_complained", lit(1));
        return population.join(complained, new String[]{"msisdn", "date"}, "left")
                .withColumn(column(COMPLAINT, s.horizonDays()), coalesce(col("_complained"), lit(0)))
                .drop("_complained");
    }

    /**
     * Adds low_survey_next_<h>d: the lowest survey score of the horizon against the threshold; a
     * reported LOW_SURVEY counts as an answer at the lowest score (0).
     */
    public static Dataset<Row> lowSurvey(Dataset<Row> population, Dataset<Row> surveys, Optional<Dataset<Row>> reported,
                                         CalibrateSettings s) {
        Dataset<Row> scores = surveys.where(col("msisdn").isNotNull().and(col("ts").isNotNull()).and(col("score").isNotNull()))
                .select(col("msisdn"), localDay(col("ts"), s).as("_day"), col("score").cast("int").as("_score"));
        Dataset<Row> low = reportedDays(reported, List.of(LOW_SURVEY.toUpperCase()));
        if (low != null) {
            scores = scores.unionByName(low.withColumn("_score", lit(0)));
        }
        Dataset<Row> answered = scores.select(col("msisdn").as("_s_msisdn"), col("_day"), col("_score"));
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

    /**
     * Adds churn_next_<h>d from each subscriber's first snapshot, first CHURNED snapshot, last other
     * one and, with the outcome feed, first reported churn.
     */
    public static Dataset<Row> churn(Dataset<Row> population, Dataset<Row> snapshots, Optional<Dataset<Row>> reported,
                                     CalibrateSettings s) {
        Column churned = col("status").equalTo("CHURNED");
        Dataset<Row> history = snapshots.where(col("msisdn").isNotNull().and(col("snapshot_date").isNotNull()))
                .groupBy("msisdn").agg(min("snapshot_date").as("_first_seen"),
                        min(when(churned, col("snapshot_date"))).as("_first_churned"),
                        max(when(not(churned), col("snapshot_date"))).as("_last_not_churned"));
        Dataset<Row> leavers = reportedDays(reported, CHURN_TYPES);
        Dataset<Row> withHistory = population.join(history, new String[]{"msisdn"}, "left");
        Column firstChurned = col("_first_churned");
        if (leavers != null) {
            withHistory = withHistory.join(leavers.groupBy("msisdn").agg(min("_day").as("_first_reported")),
                    new String[]{"msisdn"}, "left");
            firstChurned = least(col("_first_churned"), col("_first_reported"));
        }
        Column d = col("date");
        Column horizonEnd = date_add(d, s.horizonDays());
        // The outcome feed lists every leaver, so without a reported churn the subscriber stayed.
        Column knownStaying = leavers != null ? lit(true) : col("_last_not_churned").geq(horizonEnd);
        Column label = when(col("_first_seen").isNull().or(col("_first_seen").gt(d)), lit(null).cast("int"))
                .when(firstChurned.leq(d), lit(null).cast("int"))
                .when(firstChurned.leq(horizonEnd), 1)
                .when(knownStaying, 0);
        return withHistory.withColumn(column(CHURN, s.horizonDays()), label.cast("int"))
                .drop("_first_seen", "_first_churned", "_last_not_churned", "_first_reported");
    }

    private static Column localDay(Column instant, CalibrateSettings s) {
        return to_date(from_utc_timestamp(instant, s.timezone()));
    }

    private static Column inHorizon(Column day, Column scoringDate, CalibrateSettings s) {
        return day.gt(scoringDate).and(day.leq(date_add(scoringDate, s.horizonDays())));
    }
}
