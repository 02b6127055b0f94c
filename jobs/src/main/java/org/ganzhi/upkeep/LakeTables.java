package org.ganzhi.upkeep;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What a lake holds on its file system: its Delta tables ({@code <lake>/<layer>/<table>/_delta_log})
 * and its landing partitions ({@code landing/<source>/dt=YYYY-MM-DD}). Found by listing, not from a
 * fixed list, so a table a later release adds is maintained and erased too.
 */
public final class LakeTables {
    /** Folders of the lake that are not layers of Delta tables. */
    private static final Set<String> NOT_LAYERS = Set.of("landing", "truth");

    private LakeTables() {
    }

    /** One landing partition: a source's delivery of one date. */
    public record LandingPartition(String source, LocalDate deliveryDate, Path path) {
    }

    /** Every Delta table of the lake as {@code layer.table}, sorted by name. */
    public static List<String> deltaTables(SparkSession spark, Lake lake) {
        List<String> tables = new ArrayList<>();
        try {
            FileSystem fs = fileSystem(spark, lake);
            for (FileStatus layer : directories(fs, new Path(lake.root()))) {
                String layerName = layer.getPath().getName();
                if (NOT_LAYERS.contains(layerName) || layerName.startsWith("_") || layerName.startsWith(".")) {
                    continue;
                }
                for (FileStatus table : directories(fs, layer.getPath())) {
                    if (fs.exists(new Path(table.getPath(), "_delta_log"))) {
                        tables.add(layerName + "." + table.getPath().getName());
                    }
                }
            }
        } catch (IOException e) {
            throw new GanzhiException("cannot list the tables of the lake " + lake.root() + ": " + e.getMessage(), e);
        }
        tables.sort(Comparator.naturalOrder());
        return tables;
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

    /** Data files on disk below a Delta table (referenced or not; the Delta log left out): count and bytes. */
    public record DiskFiles(long files, long bytes) {
    }

    public static DiskFiles dataFilesOnDisk(SparkSession spark, String tablePath) {
        Path table = new Path(tablePath);
        try {
            FileSystem fs = table.getFileSystem(spark.sparkContext().hadoopConfiguration());
            long files = 0;
            long bytes = 0;
            RemoteIterator<LocatedFileStatus> all = fs.listFiles(table, true);
            while (all.hasNext()) {
                LocatedFileStatus file = all.next();
                if (isDataFile(table, file.getPath())) {
                    files++;
                    bytes += file.getLen();
                }
            }
            return new DiskFiles(files, bytes);
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
