package org.ganzhi.calibrate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.catalog.StageInputs;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.RunSummary;
import org.ganzhi.common.Tables;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

/**
 * The lake's records of what subscribers did, read for the scoring dates {@code from} .. the last
 * outcome day {@code to}, for {@link Outcomes#label}: complaint tickets, surveys, subscriber
 * snapshots and the operator's outcome feed. Only the snapshots are required (the subscriber feed
 * is); a missing optional feed is a warning and labels without it.
 */
public final class OutcomeFeeds {
    private OutcomeFeeds() {
    }

    /**
     * The population labelled by {@link #label}: msisdn, date. The feeds are read as inputs of the
     * calling stage (calibrate or validate), whose name a missing feed's message gives.
     */
    public static Dataset<Row> label(SparkSession spark, StageInputs inputs, Dataset<Row> population, LocalDate from,
                                     LocalDate to, CalibrateSettings s, RunSummary summary) {
        requireSnapshotsUpTo(inputs, to);
        return Outcomes.label(population, tickets(spark, inputs, from, to, s, summary),
                surveys(spark, inputs, from, to, s, summary), snapshots(inputs, from, to, s), reported(inputs, from, to, s, summary), s);
    }

    /** Outcomes up to {@code to} must be in the lake: the subscriber feed, a daily required source, shows how far ingest got. */
    static void requireSnapshotsUpTo(StageInputs inputs, LocalDate to) {
        Row latest = inputs.read(Tables.silver("subscriber")).agg(max("snapshot_date")).first();
        if (latest.isNullAt(0) || latest.getDate(0).toLocalDate().isBefore(to)) {
            throw new GanzhiException("outcomes up to " + to + " must be in the lake, but the latest subscriber snapshot is "
                    + (latest.isNullAt(0) ? "missing" : latest.getDate(0).toString()) + ". Ingest up to " + to
                    + " or choose an earlier --date.");
        }
    }

    private static Dataset<Row> tickets(SparkSession spark, StageInputs inputs, LocalDate from, LocalDate to, CalibrateSettings s,
                                        RunSummary summary) {
        Optional<Dataset<Row>> tickets = inputs.optional(Tables.COMPLAINT_TICKET);
        if (tickets.isEmpty()) {
            summary.warn("no " + Tables.COMPLAINT_TICKET + ": " + Outcomes.column(Outcomes.COMPLAINT, s.horizonDays())
                    + " comes from the outcome feed alone, if there is one");
            return spark.createDataFrame(List.of(), StructType.fromDDL("msisdn STRING, opened_at TIMESTAMP"));
        }
        // A day's margin either side: the labels take each opening's day in the operator's zone.
        return tickets.get()
                .where(col("opened_at").geq(lit(Timestamp.valueOf(from.atStartOfDay())))
                        .and(col("opened_at").lt(lit(Timestamp.valueOf(to.plusDays(2).atStartOfDay())))))
                .select("msisdn", "opened_at");
    }

    private static Dataset<Row> surveys(SparkSession spark, StageInputs inputs, LocalDate from, LocalDate to, CalibrateSettings s,
                                        RunSummary summary) {
        Optional<Dataset<Row>> surveys = inputs.optional(Tables.silver("survey"));
        if (surveys.isEmpty()) {
            summary.warn("no silver.survey: " + Outcomes.column(Outcomes.LOW_SURVEY, s.horizonDays())
                    + " comes from the outcome feed alone, if there is one");
            return spark.createDataFrame(List.of(), StructType.fromDDL("msisdn STRING, ts TIMESTAMP, score INT"));
        }
        return surveys.get().where(col("event_date").between(Date.valueOf(from), Date.valueOf(to))).select("msisdn", "ts", "score");
    }

    private static Optional<Dataset<Row>> reported(StageInputs inputs, LocalDate from, LocalDate to, CalibrateSettings s,
                                                   RunSummary summary) {
        Optional<Dataset<Row>> reported = inputs.optional(Tables.silver("outcome"));
        summary.root().put("outcome_feed", reported.isPresent());
        return reported.map(r -> r.where(col("outcome_date").between(Date.valueOf(from.minusDays(s.snapshotLookbackDays())),
                Date.valueOf(to))).select("msisdn", "outcome_date", "outcome_type"));
    }

    private static Dataset<Row> snapshots(StageInputs inputs, LocalDate from, LocalDate to, CalibrateSettings s) {
        return inputs.read(Tables.silver("subscriber"))
                .where(col("snapshot_date").between(Date.valueOf(from.minusDays(s.snapshotLookbackDays())), Date.valueOf(to)))
                .select("msisdn", "snapshot_date", "status");
    }
}
