package org.ganzhi.common;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a lake holds on its file system: its tables ({@code <lake>/<layer>/<table>/_delta_log}, and
 * the generator's Parquet answers under {@code truth/}) and its landing partitions
 * ({@code landing/<source>/dt=YYYY-MM-DD}). Found by listing, not from a fixed list, so a table a
 * later release adds is queried, exported, maintained and erased too. The one place that knows
 * the lake's folder layout beyond {@link Lake}.
 */
public final class LakeTables {
    private static final String NAME = "[a-z][a-z0-9_]*";
    /** Generated answers (Parquet, not Delta): readable with sql, never maintained or erased. */
    private static final String TRUTH = "truth";

    private LakeTables() {
    }

    /** One table of the lake: {@code layer.table}, its location and its format (delta, or parquet for truth). */
    public record LakeTable(String name, String path, String format) {
        public boolean isDelta() {
            return format.equals("delta");
        }
    }

    /** One landing partition: a source's delivery of one date. */
    public record LandingPartition(String source, LocalDate deliveryDate, Path path) {
    }

    /** Every table of the lake, sorted by name; layers and tables are lower_snake_case folders. */
    public static List<LakeTable> all(SparkSession spark, Lake lake) {
        List<LakeTable> tables = new ArrayList<>();
        try {
            FileSystem fs = fileSystem(spark, lake);
            Path root = new Path(lake.root());
            if (!fs.exists(root)) {
                return tables;
            }
            for (FileStatus layer : directories(fs, root)) {
                String layerName = layer.getPath().getName();
                if (!layerName.matches(NAME) || layerName.equals("landing")) {
                    continue;
                }
                for (FileStatus table : directories(fs, layer.getPath())) {
                    String tableName = table.getPath().getName();
                    if (!tableName.matches(NAME)) {
                        continue;
                    }
                    String name = layerName + "." + tableName;
                    if (fs.exists(new Path(table.getPath(), "_delta_log"))) {
                        tables.add(new LakeTable(name, table.getPath().toString(), "delta"));
                    } else if (layerName.equals(TRUTH)) {
                        tables.add(new LakeTable(name, table.getPath().toString(), "parquet"));
                    }
                }
            }
        } catch (IOException e) {
            throw new GanzhiException("cannot list the tables of the lake " + lake.root() + ": " + e.getMessage(), e);
        }
        tables.sort(Comparator.comparing(LakeTable::name));
        return tables;
    }

    /** Every Delta table of the lake as {@code layer.table}, sorted by name. */
    public static List<String> deltaTables(SparkSession spark, Lake lake) {
        return all(spark, lake).stream().filter(LakeTable::isDelta).map(LakeTable::name).toList();
    }

    /** Every dt= folder below landing/, by source; folders whose name is no date are left out. */
    public static List<LandingPartition> landingPartitions(SparkSession spark, Lake lake) {
        List<LandingPartition> partitions = new ArrayList<>();
        try {
            FileSystem fs = fileSystem(spark, lake);
            Path landing = new Path(lake.root(), "landing");
            if (!fs.exists(landing)) {
                return partitions;
            }
            for (FileStatus source : directories(fs, landing)) {
                for (FileStatus folder : directories(fs, source.getPath())) {
                    String name = folder.getPath().getName();
                    if (name.startsWith("dt=")) {
                        try {
                            partitions.add(new LandingPartition(source.getPath().getName(),
                                    LocalDate.parse(name.substring(3)), folder.getPath()));
                        } catch (DateTimeParseException notADate) {
                            // Not a delivery partition (a stray folder): not ours to age out.
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new GanzhiException("cannot list the landing zone of " + lake.root() + ": " + e.getMessage(), e);
        }
        partitions.sort(Comparator.comparing(LandingPartition::source).thenComparing(LandingPartition::deliveryDate));
        return partitions;
    }

    /**
     * Data files on disk below a Delta table (referenced or not; the Delta log left out): count and
     * bytes, and when the oldest file of any kind outside the log was last modified (Long.MAX_VALUE
     * for none): VACUUM deletes only files older than its retention.
     */
    public record DiskFiles(long files, long bytes, long oldestModified) {
    }

    public static DiskFiles dataFilesOnDisk(SparkSession spark, String tablePath) {
        Path table = new Path(tablePath);
        try {
            FileSystem fs = table.getFileSystem(spark.sparkContext().hadoopConfiguration());
            long files = 0;
            long bytes = 0;
            long oldest = Long.MAX_VALUE;
            RemoteIterator<LocatedFileStatus> all = fs.listFiles(table, true);
            while (all.hasNext()) {
                LocatedFileStatus file = all.next();
                if (isDataFile(table, file.getPath())) {
                    files++;
                    bytes += file.getLen();
                }
                if (!file.getPath().toUri().getPath().contains("/_delta_log/")) {
                    oldest = Math.min(oldest, file.getModificationTime());
                }
            }
            return new DiskFiles(files, bytes, oldest);
        } catch (IOException e) {
            throw new GanzhiException("cannot list the files of " + tablePath + ": " + e.getMessage(), e);
        }
    }

    /** A Parquet file of the table, not the log, a checksum or a hidden file. */
    private static boolean isDataFile(Path table, Path file) {
        String relative = file.toUri().getPath().substring(table.toUri().getPath().length());
        for (String part : relative.split("/")) {
            if (part.startsWith("_") || part.startsWith(".")) {
                return false;
            }
        }
        return file.getName().endsWith(".parquet");
    }

    private static FileSystem fileSystem(SparkSession spark, Lake lake) throws IOException {
        return new Path(lake.root()).getFileSystem(spark.sparkContext().hadoopConfiguration());
    }

    private static List<FileStatus> directories(FileSystem fs, Path parent) throws IOException {
        List<FileStatus> dirs = new ArrayList<>();
        for (FileStatus status : fs.listStatus(parent)) {
            if (status.isDirectory()) {
                dirs.add(status);
            }
        }
        return dirs;
    }
}
