package org.ganzhi.common;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Compiled or interpreted expressions, chosen by the size of a run's input.
 * <p>
 * Spark turns each query's expressions into Java source and compiles it (code generation). That
 * pays per row but costs per query and per task: writing the source, Janino, class loading and
 * the JIT warming the new classes. On a 300-subscriber night interpreting them took features
 * from 33 to 19 s, personas from 11 to 7 s and perception from 8 to 5 s (the night 12 % less wall
 * and CPU time; ingest, which runs without whole-stage code generation, gained nothing); at
 * 20 000 subscribers × 3 days (45 MB of deliveries) the two cost the same, and beyond it
 * compiling wins.
 * The switch is Spark's own {@value #FACTORY_MODE}; both paths compute the same values (Spark's
 * expression tests run every expression both ways).
 */
public final class ExpressionMode {
    static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";

    private ExpressionMode() {
    }

    /** The bytes a run reads: the deliveries it ingests (every source's dt=D folder) and the silver layer. */
    public static long inputBytes(Configuration hadoop, Lake lake, List<LocalDate> deliveries) {
        long bytes = bytesUnder(hadoop, new Path(lake.root() + "/silver"));
        for (LocalDate date : deliveries) {
            bytes += bytesUnder(hadoop, new Path(lake.landingPartition("*", date)));
        }
        return bytes;
    }

    /**
     * Sets this session's expressions for an input of {@code inputBytes}: interpreted below
     * {@code interpretBelowBytes} (0: never), compiled otherwise. Returns how it chose, for the
     * run's summary.
     */
    public static String choose(SparkSession spark, long inputBytes, long interpretBelowBytes) {
        boolean interpret = inputBytes < interpretBelowBytes;
        spark.conf().set(FACTORY_MODE, interpret ? "NO_CODEGEN" : "FALLBACK");
        return (interpret ? "interpreted: input " : "compiled: input ") + megabytes(inputBytes)
                + (interpret ? " < " : " >= ") + megabytes(interpretBelowBytes)
                + " (ganzhi.execution.interpret-expressions-below)";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static long bytesUnder(Configuration hadoop, Path pattern) {
        try {
            FileSystem fs = pattern.getFileSystem(hadoop);
            FileStatus[] matches = fs.globStatus(pattern);
            long bytes = 0;
            for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
                bytes += fs.getContentSummary(match.getPath()).getLength();
            }
            return bytes;
        } catch (IOException e) {
            throw new GanzhiException("cannot measure the input under " + pattern + ": " + e.getMessage(), e);
        }
    }
}
