package org.ganzhi.catalog;

import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.JavaLocalFileSystem;
import org.ganzhi.common.Lake;
import org.ganzhi.config.GanzhiConfig;

import java.io.File;
import java.nio.file.Paths;

/**
 * Builds the SparkSession a command runs in. Only what correctness needs is set here (Delta,
 * UTC session time, the table catalog); sizing is spark-submit's business. When nothing chose a
 * master (a local run from scripts/ganzhi), Ganzhi runs in local mode with the configured local
 * settings. Here in catalog rather than common because most of it sets up the table catalog
 * (the metastore, {@link TableCatalog}'s settings), and the catalog itself builds on common.
 */
public final class Sparks {
    private Sparks() {
    }

    public static SparkSession session(GanzhiConfig config, String appName, Lake lake) {
        SparkConf conf = new SparkConf();
        boolean local = !conf.contains("spark.master");
        boolean catalog = config.raw().getBoolean("ganzhi.catalog.enabled");
        String metastoreUri = config.raw().getString("ganzhi.catalog.metastore-uri").strip();
        SparkSession.Builder builder = SparkSession.builder().appName(appName)
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                // Every timestamp is stored as an instant; UTC keeps displayed values zone-free.
                .config("spark.sql.session.timeZone", "UTC")
                // Ingest caches each parsed source; by default adaptive execution may not shrink a cached
                // plan's partitions, so every later job over a small source ran the shuffle's 8 tasks, each
                // deserialising the whole parse. Allowed: 7 % less CPU for a 300-subscriber night (231 ->
                // 215 CPU s). Correctness does not depend on a cached plan's partitioning.
                .config("spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", true)
                // Runtime settings, so they also reach a session that already exists (tests).
                .config(TableCatalog.REGISTER, catalog)
                .config(TableCatalog.DESCRIBE, true);
        if (local) {
            builder.master(config.raw().getString("ganzhi.local.master"))
                    .config("spark.sql.shuffle.partitions", config.raw().getInt("ganzhi.local.shuffle-partitions"))
                    .config("spark.ui.enabled", "false")
                    // Delta's default of 50 partitions for log replay is meant for large clusters.
                    .config("spark.databricks.delta.snapshotPartitions", 4)
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    // Catalog scratch space inside the lake rather than ./spark-warehouse wherever the user stands.
                    .config("spark.sql.warehouse.dir", lake.root() + "/_catalog/warehouse");
            // One JVM, so the class is there for every task; on a cluster, file: paths are scratch space.
            JavaLocalFileSystem.sparkSettings().forEach(builder::config);
        }
        if (catalog) {
            withHiveMetastore(builder, lake, local, metastoreUri);
        }
        return builder.getOrCreate();
    }

    /**
     * A configured metastore service wins; a local run without one keeps an embedded Derby
     * metastore inside the lake, so the catalog travels with the lake it describes; a cluster run
     * without one uses the cluster's own Hive configuration.
     */
    private static void withHiveMetastore(SparkSession.Builder builder, Lake lake, boolean local, String metastoreUri) {
        try {
            builder.enableHiveSupport();
        } catch (IllegalArgumentException e) {
            throw new GanzhiException("the table catalog needs Spark's Hive support, which this Spark lacks (" + e.getMessage()
                    + "). Add spark-hive to the classpath or set ganzhi.catalog.enabled = false.", e);
        }
        if (!metastoreUri.isEmpty()) {
            builder.config("spark.hadoop.hive.metastore.uris", metastoreUri);
        } else if (local) {
            File catalogDir = embeddedCatalogDir(lake);
            if (!catalogDir.isDirectory() && !catalogDir.mkdirs()) {
                throw new GanzhiException("cannot create the lake's catalog folder " + catalogDir);
            }
            builder.config("spark.hadoop.javax.jdo.option.ConnectionURL",
                    "jdbc:derby:;databaseName=" + new File(catalogDir, "metastore_db") + ";create=true");
            if (SparkSession.getDefaultSession().isEmpty()) {
                // Derby writes derby.log into the working directory unless told otherwise.
                System.setProperty("derby.stream.error.file", new File(catalogDir, "derby.log").toString());
            }
        }
    }

    /** The embedded metastore lives in a local lake only: Derby cannot open a database on HDFS or S3. */
    static File embeddedCatalogDir(Lake lake) {
        String scheme = new Path(lake.root()).toUri().getScheme();
        if (scheme != null && !scheme.equals("file")) {
            throw new GanzhiException("the lake " + lake.root() + " is not on the local file system, so it cannot hold an "
                    + "embedded metastore: set ganzhi.catalog.metastore-uri (or GANZHI_METASTORE_URI) to a metastore service, "
                    + "or ganzhi.catalog.enabled = false");
        }
        String localPath = scheme == null ? lake.root() : new Path(lake.root()).toUri().getPath();
        return Paths.get(localPath, "_catalog").toAbsolutePath().normalize().toFile();
    }
}
