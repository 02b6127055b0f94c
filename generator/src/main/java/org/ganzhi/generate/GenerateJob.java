package org.ganzhi.generate;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.RunSummary;
import org.ganzhi.config.ColumnSpec;
import org.ganzhi.config.ColumnType;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SourceContract;
import org.ganzhi.privacy.Pseudonymizer;
import org.ganzhi.sample.GenerateOptions;
import org.ganzhi.sample.LakeGenerator;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.GZIPOutputStream;

/**
 * {@code ganzhi generate}: writes a synthetic lake — every source of the data contract as
 * delivered files under {@code <lake>/landing/<source>/dt=<delivery date>/} (with a
 * {@code _SUCCESS} marker in every partition, also on empty days) and the planted truth under
 * {@code <lake>/truth/} (see {@link Truth}).
 * <p>
 * How: the subscribers are simulated in parallel ({@code spark.range} of subscriber indices,
 * {@link SubscriberSimulator} per task) and the feeds that are not per subscriber (network,
 * catalogue, product evaluations) per day ({@link ReferenceFeeds}); both emit (source, delivery
 * date, line) rows plus truth records into one partitioned staging write. The staged files are then moved into landing under the
 * contract's names and compression (Parquet sources are typed by Spark from staged JSON), and
 * the truth is aggregated from the staged truth records. The staging directory
 * {@code <lake>/_generate_staging} is removed at the end. Same seed, same landing content.
 * <p>
 * Side effects: with {@code overwrite}, deletes {@code landing/} and {@code truth/} of the lake
 * (nothing else) first; refuses to write into a lake that has either.
 */
public final class GenerateJob implements LakeGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);
    private static final String STAGING = "_generate_staging";
    private static final StructType STAGED_ROW = new StructType()
            .add("source", DataTypes.StringType)
            .add("dt", DataTypes.StringType)
            .add("value", DataTypes.StringType);
    private static final String MAX_WRITERS = "spark.sql.maxConcurrentOutputFileWriters";
    /** How CSV feeds spell booleans, by index into the ingest settings' lists (true/1/y/yes). */
    private static final Map<String, Integer> CSV_BOOLEAN_STYLE = Map.of("voice_cdr", 1, "billing", 2);

    /** For {@link LakeGenerator#onClassPath()}; 'ganzhi generate' runs {@link #run}. */
    public GenerateJob() {
    }

    @Override
    public void generate(SparkSession spark, GanzhiConfig config, GenerateOptions options, Pseudonymizer pseudonymizer,
                         RunSummary summary) {
        run(spark, config, options, pseudonymizer, summary);
    }

    public static void run(SparkSession spark, GanzhiConfig config, GenerateOptions options, Pseudonymizer pseudonymizer,
                           RunSummary summary) {
        validate(config, options);
        GeneratorSettings settings = GeneratorSettings.from(config);
        checkContracts(config, settings);
        summary.startStage("generate");
        Lake lake = options.lake();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        FileSystem fs = fileSystem(lake.root(), hadoop);
        prepareLake(fs, lake, options.overwrite());

        DayCalendar calendar = new DayCalendar(options.start(), options.days(), config.operator().timezone());
        ReferenceData ref = ReferenceData.build(settings, config.operator(), options.seed(), options.subscribers(), calendar,
                options.days());
        List<String> sources = new ArrayList<>(config.sources().keySet());
        Map<String, LandingLines> lines = landingLines(config, settings, ref, calendar, sources);
        int badCells = ref.badCellCount();
        LOG.info("Generating {} subscribers x {} days from {} (seed {}): {} cells ({} bad)",
                options.subscribers(), options.days(), options.start(), options.seed(), ref.cellCount, badCells);

        String staging = lake.root() + "/" + STAGING;
        delete(fs, new Path(staging));
        simulateIntoStaging(spark, options, settings,
                new TaskContext(ref, lines, sources, pseudonymizer, settings.lateShare, settings.maxLateDays), staging);
        LOG.info("Simulation staged; publishing landing files");

        Truth.Counts counts = Truth.readCounts(spark, staged(staging, Deliveries.COUNTS));
        publish(spark, config, fs, hadoop, lake, staging, settings.landingGzipLevel);
        for (String source : sources) {
            markDeliveries(fs, lake, source, calendar, options.days());
            long written = counts.rowsWritten(source);
            summary.source(source).put("rows_written", written);
            if (!lines.containsKey(source)) {
                summary.warn("the generator knows no source '" + source + "': its landing partitions are empty");
            }
            summary.source(source).put("dirty_or_duplicate_rows", counts.dirtyRows(source));
            summary.rows("landing/" + source, written);
        }

        Truth.writeCounts(spark, lake, counts);
        Truth.writeRecords(spark, lake, staged(staging, Deliveries.TRUTH_SUBSCRIBER), staged(staging, Deliveries.TRUTH_COMPLAINT),
                exists(fs, new Path(staged(staging, Deliveries.TRUTH_COMPLAINT))), ref.subscribers);
        Truth.writeCells(spark, lake, ref, Truth.readHomeCells(spark, staged(staging, Deliveries.TRUTH_HOME_CELLS), ref.cellCount));
        if (lines.containsKey("product_event")) {
            Truth.writeProductFunnel(spark, lake, settings);
        }
        if (lines.containsKey("feedback")) {
            String stagedFeedback = staged(staging, Deliveries.TRUTH_FEEDBACK);
            Truth.writeFeedback(spark, lake, stagedFeedback, exists(fs, new Path(stagedFeedback)));
        }
        if (lines.containsKey("product_validation")) {
            Truth.writeProductValidation(spark, lake, settings.productValidation);
        }
        Truth.writeGeneration(spark, lake, options, ref);
        delete(fs, new Path(staging));

        summary.root().put("subscribers", options.subscribers());
        summary.root().put("days", options.days());
        summary.put("start", options.start().toString());
        summary.root().put("seed", options.seed());
        summary.root().put("cells", ref.cellCount);
        summary.root().put("bad_cells", badCells);
        double seconds = summary.endStage("generate");
        LOG.info("Generated lake {} in {} s: landing/ and truth/", lake.root(), seconds);
    }

    /** How each known source's rows become lines: format, boolean spelling, dirty share. */
    private static Map<String, LandingLines> landingLines(GanzhiConfig config, GeneratorSettings settings, ReferenceData ref,
                                                          DayCalendar calendar, List<String> sources) {
        String[] nonMobile = new String[4];
        Rng prefixRng = new Rng(ref.seed, Rng.NUMBERING, 0, 0);
        for (int i = 0; i < nonMobile.length; i++) {
            nonMobile[i] = ref.nonMobilePrefix(prefixRng);
        }
        Map<String, LandingLines> lines = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            SourceContract contract = config.source(sources.get(i));
            if (!ProducedColumns.PRODUCED_COLUMNS.containsKey(contract.name())) {
                continue;
            }
            int style = contract.format().equals("csv") ? CSV_BOOLEAN_STYLE.getOrDefault(contract.name(), 0) : 0;
            List<String> trues = config.ingest().booleanTrue();
            List<String> falses = config.ingest().booleanFalse();
            String yes = trues.get(Math.min(style, trues.size() - 1));
            String no = falses.get(Math.min(style, falses.size() - 1));
            if (yes.length() == 1) {
                yes = yes.toUpperCase(Locale.ROOT);
                no = no.toUpperCase(Locale.ROOT);
            }
            lines.put(contract.name(), new LandingLines(contract, i, yes, no, settings.dirtyShare(contract.name()),
                    settings.msisdnSpellingCumulative, config.operator().countryCode(), nonMobile, calendar));
        }
        return lines;
    }

    /**
     * The simulation as one Spark write: subscribers in parallel tasks, the network feeds per day,
     * all rows partitioned by (source, delivery date) into uncompressed staging text files.
     */
    private static void simulateIntoStaging(SparkSession spark, GenerateOptions options, GeneratorSettings settings,
                                            TaskContext context, String staging) {
        int partitions = (int) Math.min(options.subscribers(), Math.max(spark.sparkContext().defaultParallelism(),
                (options.subscribers() + settings.subscribersPerPartition - 1) / settings.subscribersPerPartition));
        Dataset<Row> subscriberRows = spark.range(0, options.subscribers(), 1, partitions)
                .mapPartitions(new SubscriberTask(context), Encoders.row(STAGED_ROW));
        Dataset<Row> referenceRows = spark.range(0, options.days(), 1, Math.min(options.days(), partitions))
                .mapPartitions(new ReferenceTask(context), Encoders.row(STAGED_ROW));
        LOG.info("Simulating in {} tasks", partitions);
        scala.Option<String> configuredWriters = spark.conf().getOption(MAX_WRITERS);
        String previousWriters = configuredWriters.isDefined() ? configuredWriters.get() : null;
        // Without concurrent writers Spark would sort every line by (source, dt) before writing.
        spark.conf().set(MAX_WRITERS, Integer.toString(settings.maxOpenFilesPerTask));
        try {
            // Uncompressed: landing files are compressed in parallel when published, at the configured
            // gzip level (Spark's own codec always uses level 6, twice as slow).
            subscriberRows.union(referenceRows).write().mode(SaveMode.Overwrite).partitionBy("source", "dt")
                    .option("compression", "none").text(staging);
        } finally {
            if (previousWriters == null) {
                spark.conf().unset(MAX_WRITERS);
            } else {
                spark.conf().set(MAX_WRITERS, previousWriters);
            }
        }
    }

    /** Moves every source's staged files into landing under the contract's names, formats and compression. */
    private static void publish(SparkSession spark, GanzhiConfig config, FileSystem fs, Configuration hadoop, Lake lake,
                                String staging, int gzipLevel) {
        List<FileCopy> copies = new ArrayList<>();
        for (SourceContract contract : config.sources().values()) {
            String stagedSource = staged(staging, contract.name());
            if (contract.isText()) {
                copies.addAll(publishText(fs, contract, new Path(stagedSource), lake));
            } else {
                publishParquet(spark, fs, contract, stagedSource, staging, lake);
            }
        }
        copyInParallel(spark, hadoop, copies, gzipLevel);
    }

    private static void validate(GanzhiConfig config, GenerateOptions options) {
        if (options.subscribers() < 1) {
            throw new GanzhiException("--subscribers must be at least 1, got " + options.subscribers());
        }
        if (options.days() < 1 || options.days() > 3660) {
            throw new GanzhiException("--days must be between 1 and 3660, got " + options.days());
        }
        if (options.start() == null) {
            throw new GanzhiException("--start (the first delivery date, yyyy-MM-dd) is required");
        }
        for (SourceContract contract : config.sources().values()) {
            if (!contract.isSnapshot() && !contract.isText()) {
                throw new GanzhiException("source " + contract.name() + " is configured as " + contract.format()
                        + ", but the generator writes event sources only as text (csv or json) because it plants "
                        + "malformed lines and text values in them; configure csv or json for it to generate a lake");
            }
        }
    }

    /** The contract must ask only for columns and codes the simulation produces. */
    private static void checkContracts(GanzhiConfig config, GeneratorSettings settings) {
        Map<String, Map<String, List<String>>> emitted = ProducedColumns.emittedCodes(settings);
        for (SourceContract contract : config.sources().values()) {
            List<String> produced = ProducedColumns.PRODUCED_COLUMNS.get(contract.name());
            if (produced == null) {
                continue;
            }
            for (ColumnSpec column : contract.columns()) {
                if (column.required() && !produced.contains(column.name())) {
                    throw new GanzhiException("source " + contract.name() + " requires column " + column.name()
                            + ", which the generator does not produce (it fills " + produced + ")");
                }
                List<String> codes = emitted.getOrDefault(contract.name(), Map.of()).get(column.name());
                if (column.type() == ColumnType.CODE && codes != null) {
                    for (String code : codes) {
                        String upper = code.toUpperCase(Locale.ROOT);
                        boolean known = column.values().stream().anyMatch(v -> v.equalsIgnoreCase(code))
                                || column.aliases().containsKey(upper);
                        if (!known) {
                            throw new GanzhiException("source " + contract.name() + " column " + column.name()
                                    + " does not list the code " + code + ", which the generator writes; add it to "
                                    + "the code list (or an alias)");
                        }
                    }
                }
            }
        }
    }

    private static void prepareLake(FileSystem fs, Lake lake, boolean overwrite) {
        List<String> occupied = new ArrayList<>();
        for (String part : List.of("landing", "truth")) {
            Path path = new Path(lake.root(), part);
            try {
                if (fs.exists(path) && fs.listStatus(path).length > 0) {
                    occupied.add(part + "/");
                }
            } catch (IOException e) {
                throw new GanzhiException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        if (occupied.isEmpty()) {
            return;
        }
        if (!overwrite) {
            throw new GanzhiException("the lake " + lake.root() + " already has " + String.join(" and ", occupied)
                    + " content: generating into it would mix two synthetic lakes. Use an empty lake or --overwrite, "
                    + "which deletes landing/ and truth/ of this lake (and nothing else) before generating.");
        }
        for (String part : List.of("landing", "truth")) {
            delete(fs, new Path(lake.root(), part));
        }
        LOG.info("Overwrite: deleted landing/ and truth/ of {}", lake.root());
    }

    // ---- tasks ----------------------------------------------------------------------------

    /** What every task needs; shipped with the task closure. */
    private record TaskContext(ReferenceData ref, Map<String, LandingLines> lines, List<String> sources,
                               Pseudonymizer pseudonymizer, double lateShare, int maxLateDays) implements Serializable {
        Deliveries deliveries(List<Row> buffer) {
            return new Deliveries(ref.days, ref.calendar, lateShare, maxLateDays, sources, buffer);
        }
    }

    /** Simulates a range of subscribers, one at a time, streaming their rows; then the task's counts. */
    private static final class SubscriberTask implements MapPartitionsFunction<Long, Row> {
        private final TaskContext context;

        SubscriberTask(TaskContext context) {
            this.context = context;
        }

        @Override
        public Iterator<Row> call(Iterator<Long> indices) {
            List<Row> buffer = new ArrayList<>(512);
            Deliveries deliveries = context.deliveries(buffer);
            SubscriberSimulator simulator = new SubscriberSimulator(context.ref(), context.lines(), deliveries,
                    context.pseudonymizer());
            return new BufferedRows(buffer) {
                private boolean flushed;

                @Override
                boolean refill() {
                    if (indices.hasNext()) {
                        simulator.simulate(indices.next());
                        return true;
                    }
                    if (!flushed) {
                        flushed = true;
                        deliveries.flushCounts();
                        simulator.flushHomeCells();
                        return true;
                    }
                    return false;
                }
            };
        }
    }

    /** Plan, cell, outage and product evaluation feeds of a range of days. */
    private static final class ReferenceTask implements MapPartitionsFunction<Long, Row> {
        private final TaskContext context;

        ReferenceTask(TaskContext context) {
            this.context = context;
        }

        @Override
        public Iterator<Row> call(Iterator<Long> days) {
            List<Row> buffer = new ArrayList<>(1024);
            Deliveries deliveries = context.deliveries(buffer);
            ReferenceFeeds feeds = new ReferenceFeeds(context.ref(), context.lines(), deliveries);
            return new BufferedRows(buffer) {
                private boolean flushed;

                @Override
                boolean refill() {
                    if (days.hasNext()) {
                        feeds.deliverDay(days.next().intValue());
                        return true;
                    }
                    if (!flushed) {
                        flushed = true;
                        deliveries.flushCounts();
                        return true;
                    }
                    return false;
                }
            };
        }
    }

    /** Streams a buffer that {@link #refill} fills one unit of work at a time. */
    private abstract static class BufferedRows implements Iterator<Row> {
        private final List<Row> buffer;
        private int position;

        BufferedRows(List<Row> buffer) {
            this.buffer = buffer;
        }

        /** Adds the next unit's rows to the buffer; false when there is no more work. */
        abstract boolean refill();

        @Override
        public boolean hasNext() {
            while (position >= buffer.size()) {
                buffer.clear();
                position = 0;
                if (!refill()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.get(position++);
        }
    }

    // ---- publishing ---------------------------------------------------------------------------

    private static String staged(String staging, String source) {
        return staging + "/source=" + source;
    }

    /**
     * A staged text file to publish: copied into landing with the contract's compression and
     * header. Runs on an executor; the Hadoop configuration comes from a broadcast.
     */
    private record FileCopy(String from, String to, boolean gzip, String header, long size) implements Serializable {
        void run(Configuration hadoop, int gzipLevel) throws IOException {
            Path source = new Path(from);
            Path target = new Path(to);
            FileSystem fs = withoutChecksums(source.getFileSystem(hadoop));
            try (InputStream in = fs.open(source, 1 << 16);
                 OutputStream raw = fs.create(target, true);
                 OutputStream out = gzip ? new LevelledGzip(raw, gzipLevel) : raw) {
                if (header != null) {
                    out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
                }
                in.transferTo(out);
            }
            fs.delete(source, false);
        }
    }

    /** GZIP at a chosen level: level 1 is about twice as fast as the default 6, files ~15 % larger. */
    private static final class LevelledGzip extends GZIPOutputStream {
        LevelledGzip(OutputStream out, int level) throws IOException {
            super(out, 1 << 16);
            def.setLevel(level);
        }
    }

    /**
     * Plans the publication of a text source's staged files as landing/&lt;source&gt;/dt=.../part-NNNNN{ext}:
     * plain files without a header are renamed at once; the others are returned as copies to run in
     * parallel (compression, header).
     */
    private static List<FileCopy> publishText(FileSystem fs, SourceContract contract, Path stagedSource, Lake lake) {
        boolean gzipTarget = contract.compression().equals("gzip");
        String header = contract.header()
                ? String.join(contract.delimiter(), contract.columns().stream().map(ColumnSpec::landingName).toList())
                : null;
        List<FileCopy> copies = new ArrayList<>();
        for (Path partition : partitions(fs, stagedSource)) {
            Path target = new Path(lake.landing(contract.name()), partition.getName());
            mkdirs(fs, target);
            List<Path> files = dataFiles(fs, partition);
            for (int i = 0; i < files.size(); i++) {
                Path destination = new Path(target, String.format("part-%05d%s", i, contract.fileExtension()));
                if (!gzipTarget && header == null) {
                    rename(fs, files.get(i), destination);
                } else {
                    copies.add(new FileCopy(files.get(i).toString(), destination.toString(), gzipTarget, header,
                            length(fs, files.get(i))));
                }
            }
        }
        return copies;
    }

    /** Runs the copies as Spark tasks, largest first, one file per task. */
    private static void copyInParallel(SparkSession spark, Configuration hadoop, List<FileCopy> copies, int gzipLevel) {
        if (copies.isEmpty()) {
            return;
        }
        List<FileCopy> largestFirst = copies.stream()
                .sorted(java.util.Comparator.comparingLong(FileCopy::size).reversed()).toList();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoop));
        jsc.parallelize(largestFirst, largestFirst.size()).foreach(copy -> copy.run(conf.value().value(), gzipLevel));
        conf.destroy();
    }

    private static long length(FileSystem fs, Path file) {
        try {
            return fs.getFileStatus(file).getLen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Types a Parquet source's staged JSON records by the contract and writes one Parquet set per day. */
    private static void publishParquet(SparkSession spark, FileSystem fs, SourceContract contract, String stagedSource,
                                       String staging, Lake lake) {
        if (!exists(fs, new Path(stagedSource))) {
            return;
        }
        StructType schema = new StructType();
        for (ColumnSpec column : contract.columns()) {
            schema = schema.add(column.landingName(), column.type().sparkType());
        }
        schema = schema.add("dt", DataTypes.StringType);
        String typed = staging + "/_parquet/" + contract.name();
        spark.read().schema(schema).option("mode", "FAILFAST").option("basePath", stagedSource).json(stagedSource)
                .write().mode(SaveMode.Overwrite).partitionBy("dt").parquet(typed);
        for (Path partition : partitions(fs, new Path(typed))) {
            Path target = new Path(lake.landing(contract.name()), partition.getName());
            mkdirs(fs, target);
            List<Path> files = dataFiles(fs, partition);
            for (int i = 0; i < files.size(); i++) {
                rename(fs, files.get(i), new Path(target, String.format("part-%05d%s", i, contract.fileExtension())));
            }
        }
    }

    /** Every delivery day of the range gets its partition with an empty _SUCCESS marker. */
    private static void markDeliveries(FileSystem fs, Lake lake, String source, DayCalendar calendar, int days) {
        for (int day = 0; day < days; day++) {
            Path partition = new Path(lake.landingPartition(source, calendar.localDate(day)));
            mkdirs(fs, partition);
            try (FSDataOutputStream ignored = fs.create(new Path(partition, "_SUCCESS"), true)) {
                // empty marker
            } catch (IOException e) {
                throw new GanzhiException("cannot write " + partition + "/_SUCCESS: " + e.getMessage(), e);
            }
        }
    }

    /** Sub-directories named dt=..., sorted. */
    private static List<Path> partitions(FileSystem fs, Path dir) {
        if (!exists(fs, dir)) {
            return List.of();
        }
        try {
            return Arrays.stream(fs.listStatus(dir)).filter(FileStatus::isDirectory).map(FileStatus::getPath)
                    .filter(p -> p.getName().startsWith("dt=")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Data files of a written partition (Spark's part-* files), sorted. */
    private static List<Path> dataFiles(FileSystem fs, Path dir) {
        try {
            return Arrays.stream(fs.listStatus(dir)).filter(FileStatus::isFile).map(FileStatus::getPath)
                    .filter(p -> p.getName().startsWith("part-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileSystem fileSystem(String root, Configuration hadoop) {
        try {
            return withoutChecksums(new Path(root).getFileSystem(hadoop));
        } catch (IOException e) {
            throw new GanzhiException("cannot open the lake " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The local file system without Hadoop's hidden .crc side files: a landing zone holds the
     * delivered files and their markers only, as an operator's transfer would leave them.
     */
    private static FileSystem withoutChecksums(FileSystem fs) {
        return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
    }

    private static void rename(FileSystem fs, Path from, Path to) {
        try {
            if (!fs.rename(from, to)) {
                throw new GanzhiException("cannot move " + from + " to " + to);
            }
        } catch (IOException e) {
            throw new GanzhiException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static void mkdirs(FileSystem fs, Path dir) {
        try {
            fs.mkdirs(dir);
        } catch (IOException e) {
            throw new GanzhiException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(FileSystem fs, Path path) {
        try {
            return fs.exists(path);
        } catch (IOException e) {
            throw new GanzhiException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static void delete(FileSystem fs, Path path) {
        try {
            if (fs.exists(path)) {
                fs.delete(path, true);
            }
        } catch (IOException e) {
            throw new GanzhiException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }
}
