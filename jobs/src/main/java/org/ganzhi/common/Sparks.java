package org.ganzhi.common;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.config.GanzhiConfig;

/**
 * Builds the SparkSession a command runs in. Only what correctness needs is set here (Delta,
 * UTC session time); sizing is spark-submit's business. When nothing chose a master (a local
 * run from scripts/ganzhi), Ganzhi runs in local mode with the configured local settings.
 */
public final class Sparks {
    private Sparks() {
    }

    public static SparkSession session(GanzhiConfig config, String appName, Lake lake) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName(appName)
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                // Every timestamp is stored as an instant; UTC keeps displayed values zone-free.
                .config("spark.sql.session.timeZone", "UTC");
        if (!conf.contains("spark.master")) {
            builder.master(config.raw().getString("ganzhi.local.master"))
                    .config("spark.sql.shuffle.partitions", config.raw().getInt("ganzhi.local.shuffle-partitions"))
                    .config("spark.ui.enabled", "false")
                    // Delta's default of 50 partitions for log replay is meant for large clusters.
                    .config("spark.databricks.delta.snapshotPartitions", 4)
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    // Catalog scratch space inside the lake rather than ./spark-warehouse wherever the user stands.
                    .config("spark.sql.warehouse.dir", lake.root() + "/_catalog/warehouse");
        }
        return builder.getOrCreate();
    }
}
