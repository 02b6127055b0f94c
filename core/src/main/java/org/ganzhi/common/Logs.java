package org.ganzhi.common;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;

/**
 * Quiet by default: Spark's and Hadoop's INFO lines bury Ganzhi's progress lines, and none of them
 * is something an operator acts on. scripts/ganzhi passes conf/log4j2.properties; spark-submit
 * on a cluster starts with Spark's own log configuration, so the same levels are set here.
 */
public final class Logs {
    private Logs() {
    }

    /**
     * Warnings and errors from everyone, progress from Ganzhi — unless --verbose asked for Spark's
     * own levels, or a log configuration file was chosen explicitly (that file then decides).
     */
    public static void quietUnlessVerbose(boolean verbose) {
        if (verbose || System.getProperty("log4j2.configurationFile") != null) {
            return;
        }
        try {
            // log4j's fallback configuration logs to stdout, where our CSV and JSON go: leave it
            // alone until Spark has installed its own (to stderr) when the session starts.
            if (((LoggerContext) LogManager.getContext(false)).getConfiguration() instanceof DefaultConfiguration) {
                return;
            }
            Configurator.setRootLevel(Level.WARN);
            Configurator.setLevel("org.ganzhi", Level.INFO);
            // Warnings users cannot act on: Parquet's and Hadoop's about their own internals.
            Configurator.setLevel("org.apache.parquet", Level.ERROR);
            Configurator.setLevel("org.apache.hadoop", Level.ERROR);
            // "Broadcasting large task binary": wide feature plans, nothing to act on.
            Configurator.setLevel("org.apache.spark.scheduler.DAGScheduler", Level.ERROR);
            // "No Hive SerDe for provider delta": Delta tables are read by Delta readers, never by Hive's SerDes.
            Configurator.setLevel("org.apache.spark.sql.hive.HiveExternalCatalog", Level.ERROR);
            // A failed task's stack trace, logged by the executor and again by the scheduler: the
            // run's own one-paragraph error says which file or stage failed and what to do.
            Configurator.setLevel("org.apache.spark.executor.Executor", Level.OFF);
            Configurator.setLevel("org.apache.spark.scheduler.TaskSetManager", Level.OFF);
            // MLlib falls back from native BLAS to Java; the answer is the same.
            Configurator.setLevel("dev.ludovic.netlib", Level.ERROR);
            // Delta Kernel ('status') notes that a short log has no checkpoint yet: nothing to act on.
            Configurator.setLevel("io.delta.kernel", Level.ERROR);
        } catch (LinkageError | ClassCastException noLog4jCore) {
            // A cluster that logs through another backend keeps its own levels.
        }
    }
}
