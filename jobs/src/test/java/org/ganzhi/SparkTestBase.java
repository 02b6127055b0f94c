package org.ganzhi;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.JavaLocalFileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.List;

/**
 * One small local SparkSession per test class: two threads, four shuffle partitions, UTC,
 * Delta enabled, a fresh temporary directory for warehouse and lakes, stopped after the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SparkTestBase {
    protected SparkSession spark;

    /** A fresh directory for this class's lakes and warehouse, deleted afterwards. */
    protected Path tmp;

    @BeforeAll
    void startSpark() throws IOException {
        tmp = Files.createTempDirectory("ganzhi-test-");
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        SparkSession.Builder builder = SparkSession.builder()
                .master("local[2]")
                .appName(getClass().getSimpleName())
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "4")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.warehouse.dir", tmp.resolve("warehouse").toString())
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.databricks.delta.snapshotPartitions", "2");
        JavaLocalFileSystem.sparkSettings().forEach(builder::config);
        spark = builder.getOrCreate();
    }

    @AfterAll
    void stopSpark() throws IOException {
        if (spark != null) {
            spark.stop();
        }
        if (tmp != null) {
            try (Stream<Path> paths = Files.walk(tmp)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    protected List<Row> rows(Dataset<Row> df) {
        return df.collectAsList();
    }

    protected List<Row> sql(String query) {
        return spark.sql(query).collectAsList();
    }

    protected long scalarLong(String query) {
        Object value = spark.sql(query).first().get(0);
        return value == null ? 0L : ((Number) value).longValue();
    }
}
