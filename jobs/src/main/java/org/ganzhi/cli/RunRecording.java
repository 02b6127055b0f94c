package org.ganzhi.cli;

import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.Lake;
import org.ganzhi.common.RunSummary;
import org.ganzhi.ops.RunLog;

import java.time.Instant;
import java.time.LocalDate;

/** How a run ended, in its summary and in ops.run_log: shared by single commands and each night of a backfill. */
final class RunRecording {
    private RunRecording() {
    }

    /**
     * Runs one piece of work and records how it ended in its summary (status, seconds) and, if
     * {@code appendToLog}, as a row of ops.run_log (the only use of {@code spark}, which may
     * otherwise be null) — also when it fails, which it then rethrows.
     */
    static void logged(SparkSession spark, Lake lake, String runId, LocalDate runDate, Instant started,
                       RunSummary summary, boolean appendToLog, Runnable work) {
        String status = "SUCCEEDED";
        String error = null;
        try {
            work.run();
        } catch (Throwable e) {
            // Throwable: Spark throws checked exceptions (AnalysisException) from Scala, and a failed run must never log SUCCEEDED.
            status = "FAILED";
            error = firstLine(e);
            throw e;
        } finally {
            Instant finished = Instant.now();
            summary.put("status", status);
            summary.root().put("seconds", seconds(started, finished));
            if (appendToLog) {
                try {
                    RunLog.append(spark, lake, runId, summary.root().get("command").asText(), runDate,
                            status, started, finished, error, summary.toJson());
                } catch (RuntimeException logFailure) {
                    summary.warn("could not append to ops.run_log: " + logFailure.getMessage());
                }
            }
        }
    }

    static String firstLine(Throwable e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getName());
    }

    private static double seconds(Instant started, Instant finished) {
        return Math.round((finished.toEpochMilli() - started.toEpochMilli()) / 10.0) / 100.0;
    }
}
