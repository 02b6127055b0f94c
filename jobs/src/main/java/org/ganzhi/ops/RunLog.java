package org.ganzhi.ops;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.catalog.TableCatalog;
import org.ganzhi.common.Lake;
import org.ganzhi.common.Tables;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * ops.run_log: one row per command run (not the readers sql and status) — what ran, for which
 * date, how it ended and its full JSON summary. Append-only: it is the history of runs, so reruns
 * add rows rather than replace them. Here in ops, next to {@link RunStatus} which reads it, and
 * not in common: the write carries the catalog's comments, and common sits below the catalog.
 */
public final class RunLog {
    public static final StructType SCHEMA = StructType.fromDDL(
            "run_id STRING NOT NULL, command STRING NOT NULL, run_date DATE, status STRING NOT NULL, "
                    + "started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP NOT NULL, seconds DOUBLE, error STRING, summary STRING");

    private RunLog() {
    }

    public static void append(SparkSession spark, Lake lake, String runId, String command, LocalDate runDate, String status,
                              Instant started, Instant finished, String error, String summaryJson) {
        Row row = RowFactory.create(runId, command, runDate == null ? null : Date.valueOf(runDate), status,
                Timestamp.from(started), Timestamp.from(finished),
                Math.round((finished.toEpochMilli() - started.toEpochMilli()) / 10.0) / 100.0, error, summaryJson);
        String path = lake.table(Tables.RUN_LOG);
        TableCatalog.withComments(spark.createDataFrame(List.of(row), SCHEMA), Tables.RUN_LOG)
                .write().format("delta").mode("append").save(path);
        TableCatalog.afterWrite(spark, path);
    }
}
