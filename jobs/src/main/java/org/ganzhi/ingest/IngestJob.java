package org.ganzhi.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.tables.DeltaTable;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ganzhi.catalog.DeltaTables;
import org.ganzhi.catalog.TableCatalog;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.RunSummary;
import org.ganzhi.common.Tables;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SourceContract;
import org.ganzhi.privacy.Pseudonymizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.when;

/**
 * Ingests one delivery date: for every configured source, reads landing/&lt;source&gt;/dt=D, applies
 * its contract, pseudonymises phone numbers, quarantines rejected rows and drops duplicate copies,
 * then replaces delivery D's rows in silver.&lt;source&gt; (partitioned by event date, so late rows
 * land in their own day) and in quarantine.rejected_rows. Complaint state changes also update
 * silver.complaint_ticket. Counts reconcile per source: read = accepted + quarantined + duplicates.
 */
public final class IngestJob {
    public static final String DELIVERY_DATE = "delivery_date";
    public static final String SNAPSHOT_DATE = "snapshot_date";
    public static final String SOURCE_FILE = "source_file";
    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

    private final SparkSession spark;
    private final GanzhiConfig config;
    private final Lake lake;
    /** The deliveries of this run (one for a nightly run) and how to name them in messages and predicates. */
    private final List<LocalDate> dates;
    private final String deliveries;
    private final String deliveryPredicate;
    private final Pseudonymizer pseudonymizer;
    private final RunSummary summary;

    private IngestJob(SparkSession spark, GanzhiConfig config, IngestOptions options, Pseudonymizer pseudonymizer,
                      RunSummary summary) {
        this.spark = spark;
        this.config = config;
        this.lake = options.lake();
        this.dates = options.deliveryDates();
        this.deliveries = dates.size() == 1 ? "delivery " + options.first()
                : "deliveries " + options.first() + " to " + options.last();
        // Two comparisons, not BETWEEN: Spark 4.1 rewrites BETWEEN into a With expression that Delta's
        // partition pruning cannot resolve, so rerunning a range failed on the quarantine table
        // (partitioned by delivery date) with an internal error.
        this.deliveryPredicate = dates.size() == 1 ? DELIVERY_DATE + " = DATE'" + options.first() + "'"
                : DELIVERY_DATE + " >= DATE'" + options.first() + "' AND " + DELIVERY_DATE + " <= DATE'" + options.last() + "'";
        this.pseudonymizer = pseudonymizer;
        this.summary = summary;
    }

    public static void run(SparkSession spark, GanzhiConfig config, IngestOptions options, Pseudonymizer pseudonymizer,
                           RunSummary summary) {
        new IngestJob(spark, config, options, pseudonymizer, summary).run();
    }

    /**
     * Contract checks make very wide projections (a few expressions per column); whole-stage code
     * generation spends more time generating and compiling their Java than it saves. Measured on
     * 5 000 subscribers x 1 delivery, 5 sources: 213 s with it, 107 s without (without any code
     * generation: 143 s). Switched off for this stage only. Rechecked on Spark 4.1: on, one
     * 200 000-subscriber delivery took 9 % less CPU, but the 28-delivery catch-up of the test lake
     * 26 % more (386 against 306 CPU s), so it stays off.
     */
    private static final String WHOLE_STAGE_CODEGEN = "spark.sql.codegen.wholeStage";

    private void run() {
        String wholeStage = spark.conf().get(WHOLE_STAGE_CODEGEN, "true");
        spark.conf().set(WHOLE_STAGE_CODEGEN, "false");
        try {
            ingestAll();
        } finally {
            spark.conf().set(WHOLE_STAGE_CODEGEN, wholeStage);
        }
    }

    /** One source's delivery, read and checked but not yet written: the read's time goes into its report. */
    private record Prepared(SourceContract contract, Dataset<Row> cached, Dataset<Row> ranked, Row counts, Dataset<Row> rejected,
                            double readSeconds, double readCpuSeconds) {
        void release() {
            cached.unpersist();
        }
    }

    /**
     * A delivery is all or nothing. Every delivered source is read and checked before any table
     * is replaced, so an unreadable file in any source leaves the lake as it was; a failure while
     * writing restores every table this run touched to its version before the run.
     */
    private void ingestAll() {
        summary.startStage("ingest");
        List<SourceContract> delivered = checkDeliveries();
        List<Prepared> prepared = new ArrayList<>();
        try {
            for (SourceContract contract : delivered) {
                prepared.add(prepare(contract));
            }
            DeliveryRollback rollback = DeliveryRollback.record(spark, touchedTables());
            try {
                writeAll(prepared);
            } catch (Throwable e) {
                List<String> restored = rollback.restore();
                String message = "writing " + deliveries + " failed; restored " + restored + " to their versions before this run";
                summary.warn(message);
                LOG.warn(message);
                throw e;
            }
        } finally {
            prepared.forEach(Prepared::release);
        }
        summary.endStage("ingest");
    }

    /** Every table a delivery may replace rows of. */
    private List<String> touchedTables() {
        List<String> paths = new ArrayList<>();
        for (SourceContract contract : config.sources().values()) {
            paths.add(lake.table(Tables.silver(contract.name())));
            if (contract.name().equals("complaint")) {
                paths.add(lake.table(Tables.COMPLAINT_TICKET));
            }
        }
        paths.add(lake.table(Tables.QUARANTINE));
        return paths;
    }

    private void writeAll(List<Prepared> prepared) {
        long quarantinedTotal = 0;
        for (SourceContract contract : config.sources().values()) {
            Optional<Prepared> source = prepared.stream().filter(p -> p.contract().equals(contract)).findFirst();
            if (source.isPresent()) {
                write(source.get());
                quarantinedTotal += summary.source(contract.name()).get("quarantined").asLong();
            } else {
                forgetDelivery(contract);
            }
        }
        writeQuarantine(prepared.stream().map(Prepared::rejected).toList(), quarantinedTotal);
    }

    /**
     * All sources' rejected rows of this delivery in one commit, replacing the delivery's earlier
     * quarantine (also of sources that delivered nothing this time).
     */
    private void writeQuarantine(List<Dataset<Row>> rejected, long expectedRows) {
        // Coalesced: the union has every source's partitions (96 for twelve sources), and each of its
        // tasks would deserialise the lineage of all twelve parses, 10 s of a 300-subscriber night.
        Dataset<Row> all = rejected.stream().reduce(Dataset::unionByName)
                .orElseGet(() -> spark.createDataFrame(List.of(), Quarantine.SCHEMA))
                .coalesce(spark.sparkContext().defaultParallelism());
        DeltaTables.Commit commit = DeltaTables.replace(spark, all, lake.table(Tables.QUARANTINE),
                deliveryPredicate, List.of(DELIVERY_DATE));
        if (commit.rowsWritten() != expectedRows) {
            throw new IllegalStateException("quarantine of " + deliveries + " wrote " + commit.rowsWritten()
                    + " rows, the sources rejected " + expectedRows);
        }
        summary.table(Tables.QUARANTINE, commit.version());
        summary.rows(Tables.QUARANTINE, commit.rowsWritten());
    }

    /**
     * Which sources delivered anything for D. Checked for every source before anything is
     * written, so a missing required source fails the run without touching a table.
     */
    private List<SourceContract> checkDeliveries() {
        List<SourceContract> delivered = new ArrayList<>();
        List<String> missingRequired = new ArrayList<>();
        for (SourceContract contract : config.sources().values()) {
            List<String> missing = dates.stream().map(d -> lake.landingPartition(contract.name(), d))
                    .filter(p -> !hasDataFiles(p)).toList();
            if (missing.size() < dates.size()) {
                delivered.add(contract);
            }
            if (!missing.isEmpty() && contract.required()) {
                missingRequired.add(contract.name() + " (" + String.join(", ", missing) + ")");
            } else if (!missing.isEmpty()) {
                String warning = "optional source " + contract.name() + " has no data in " + (dates.size() == 1
                        ? missing.get(0) : missing.size() + " of " + dates.size() + " deliveries (" + missingDates(contract, missing) + ")");
                summary.warn(warning);
                LOG.warn(warning);
                if (missing.size() == dates.size()) {
                    summary.source(contract.name()).put("delivered", false);
                }
            }
        }
        if (!missingRequired.isEmpty()) {
            throw new GanzhiException("required source" + (missingRequired.size() > 1 ? "s" : "") + " missing or empty for "
                    + deliveries + ": " + String.join(", ", missingRequired) + ". Nothing was written. Check that the feed "
                    + "arrived (landing/<source>/dt=<date>/ with data files), or mark the source "
                    + "required = false in the configuration if it may be absent.");
        }
        return delivered;
    }

    /** The delivery dates of missing landing partitions, as ranges: "2026-10-25 to 2026-11-03, 2026-11-05". */
    private String missingDates(SourceContract contract, List<String> missing) {
        List<LocalDate> days = dates.stream().filter(d -> missing.contains(lake.landingPartition(contract.name(), d))).toList();
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < days.size(); ) {
            int j = i;
            while (j + 1 < days.size() && days.get(j + 1).equals(days.get(j).plusDays(1))) {
                j++;
            }
            ranges.add(i == j ? days.get(i).toString() : days.get(i) + " to " + days.get(j));
            i = j + 1;
        }
        return String.join(", ", ranges);
    }

    private boolean hasDataFiles(String partition) {
        return !dataFiles(partition).isEmpty();
    }

    /** A partition's non-empty data files; names starting with _ or . (markers, checksums) are not data, as for Spark. */
    private List<Path> dataFiles(String partition) {
        Path path = new Path(partition);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                return List.of();
            }
            return Arrays.stream(fs.listStatus(path)).filter(FileStatus::isFile)
                    .filter(f -> f.getLen() > 0 && !f.getPath().getName().startsWith("_") && !f.getPath().getName().startsWith("."))
                    .map(FileStatus::getPath).toList();
        } catch (IOException e) {
            throw new GanzhiException("cannot list the landing partition " + partition + ": " + e.getMessage(), e);
        }
    }

    /** Reads, checks and counts one source's delivery, keeping it (cached) for the write. */
    private Prepared prepare(SourceContract contract) {
        String source = contract.name();
        RunSummary.Clock clock = RunSummary.Clock.start();
        // Copies are duplicates within one delivery: the key is the record key and the delivery date.
        List<String> deliveryKey = new ArrayList<>(contract.key());
        deliveryKey.add(DELIVERY_DATE);
        // Reading a source with a header already looks into its files.
        Dataset<Row> landing = readFailing(contract, () -> LandingReader.read(spark, contract, deliveredPartitions(source)));
        Dataset<Row> copies = Deduplicator.numberCopies(
                        new ContractParser(contract, config.operator(), config.ingest(), pseudonymizer)
                                .parse(landing)
                                .withColumn(DELIVERY_DATE, LandingReader.deliveryDate()),
                        deliveryKey, contract.columnNames())
                .withColumn(SOURCE_FILE, concat(lit("landing/"), substring_index(col(LandingReader.FILE), "/landing/", -1)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> ranked = readFailing(contract, () -> withResentCopies(copies, contract));
            Column[] countColumns = countsColumns(contract);
            Row counts = readFailing(contract, () -> ranked.agg(countColumns[0], Arrays.copyOfRange(countColumns, 1, countColumns.length)).first());
            // Read from the cached rows by the run's one quarantine commit: a rejected row is never
            // a resent copy, so the rows before that marking are enough.
            Dataset<Row> rejected = Quarantine.rejectedRows(copies, source);
            return new Prepared(contract, copies, ranked, counts, rejected, clock.seconds(), clock.cpuSeconds());
        } catch (RuntimeException e) {
            copies.unpersist();
            throw e;
        }
    }

    /** Marks the rows an earlier delivery already brought (see {@link ResentRecords}); a snapshot is sent whole every time. */
    private Dataset<Row> withResentCopies(Dataset<Row> copies, SourceContract contract) {
        if (contract.isSnapshot()) {
            return copies.withColumn(ResentRecords.RESENT, lit(false));
        }
        int window = config.ingest().resendWindowDays();
        String silverPath = lake.table(Tables.silver(contract.name()));
        LocalDate first = dates.get(0);
        Optional<Dataset<Row>> earlierDeliveries = !DeltaTables.exists(spark, silverPath) ? Optional.empty()
                : Optional.of(spark.read().format("delta").load(silverPath)
                .where(col(DELIVERY_DATE).lt(lit(java.sql.Date.valueOf(first)))
                        .and(col(ContractParser.EVENT_DATE).geq(lit(java.sql.Date.valueOf(first.minusDays(window)))))));
        return ResentRecords.mark(copies, earlierDeliveries, contract.key(), window);
    }

    /** Replaces the delivery's rows of one source in silver (and merges complaint tickets). */
    private void write(Prepared prepared) {
        SourceContract contract = prepared.contract();
        RunSummary.Clock clock = RunSummary.Clock.start();
        String silverPath = lake.table(Tables.silver(contract.name()));
        long historyVersionBefore = DeltaTables.version(spark, silverPath);
        DeltaTables.Commit accepted = DeltaTables.replace(spark, silverRows(prepared.ranked(), contract), silverPath,
                deliveryPredicate,
                List.of(contract.isSnapshot() ? SNAPSHOT_DATE : ContractParser.EVENT_DATE));
        if (contract.name().equals("complaint")) {
            mergeTicketStates(silverPath, historyVersionBefore);
        }
        report(contract, prepared.counts(), accepted, prepared.readSeconds() + clock.seconds(),
                prepared.readCpuSeconds() + clock.cpuSeconds());
    }

    /** One pass over the parsed delivery: rows read, rejected per reason, duplicate copies, late rows, accepted rows flagged. */
    private Column[] countsColumns(SourceContract contract) {
        List<Column> columns = new ArrayList<>();
        columns.add(count(lit(1)).as("read"));
        columns.add(count(col(ContractParser.REASON)).as("quarantined"));
        columns.add(count(when(col(Deduplicator.COPY).gt(1), 1)).as("duplicates"));
        columns.add(count(when(col(ResentRecords.RESENT), 1)).as("resent"));
        columns.add(count(when(col(ContractParser.REASON).isNull().and(col(Deduplicator.COPY).equalTo(1))
                .and(col(ContractParser.EVENT_DATE).lt(col(DELIVERY_DATE))), 1)).as("late"));
        columns.add(count(when(col(ContractParser.REASON).isNull().and(col(Deduplicator.COPY).equalTo(1))
                .and(col(ContractParser.EVENT_DATE).gt(col(DELIVERY_DATE))), 1)).as("future"));
        for (RejectReason reason : RejectReason.values()) {
            columns.add(count(when(col(ContractParser.REASON).equalTo(reason.name()), 1)).as(reason.name()));
        }
        for (String flag : contract.flagNames()) {
            columns.add(count(when(col(ContractParser.REASON).isNull().and(col(Deduplicator.COPY).equalTo(1))
                    .and(col(flag)), 1)).as(flag));
        }
        return columns.toArray(Column[]::new);
    }

    private Dataset<Row> silverRows(Dataset<Row> ranked, SourceContract contract) {
        List<Column> columns = new ArrayList<>();
        contract.columnNames().forEach(c -> columns.add(col(c)));
        contract.flagNames().forEach(c -> columns.add(col(c)));
        columns.add(contract.isSnapshot()
                ? col(DELIVERY_DATE).as(SNAPSHOT_DATE)
                : col(ContractParser.EVENT_DATE));
        columns.add(col(DELIVERY_DATE));
        columns.add(col(SOURCE_FILE));
        return ranked.filter(col(ContractParser.REASON).isNull().and(col(Deduplicator.COPY).equalTo(1)))
                .select(columns.toArray(Column[]::new));
    }

    /**
     * Recomputes the current state of every ticket this delivery touches now or touched before
     * (a rerun may have dropped a state) from the full history, and MERGEs it into
     * silver.complaint_ticket: a ticket with no state left is deleted.
     */
    private void mergeTicketStates(String historyPath, long historyVersionBefore) {
        Dataset<Row> history = spark.read().format("delta").load(historyPath);
        Dataset<Row> touched = history.filter(deliveryPredicate).select("ticket_id");
        if (historyVersionBefore >= 0) {
            touched = touched.union(spark.read().format("delta").option("versionAsOf", historyVersionBefore).load(historyPath)
                    .filter(deliveryPredicate).select("ticket_id"));
        }
        Dataset<Row> states = ComplaintTickets.currentStates(history, touched.distinct());
        String ticketPath = lake.table(Tables.COMPLAINT_TICKET);
        if (!DeltaTables.exists(spark, ticketPath)) {
            DeltaTable.createIfNotExists(spark).location(ticketPath)
                    .addColumns(TableCatalog.withComments(states, Tables.COMPLAINT_TICKET).schema()).execute();
        }
        DeltaTable.forPath(spark, ticketPath).as("t")
                .merge(states.as("s"), "t.ticket_id = s.ticket_id")
                .whenMatched("s.updated_at IS NULL").delete()
                .whenMatched().updateAll()
                .whenNotMatched("s.updated_at IS NOT NULL").insertAll()
                .execute();
        TableCatalog.afterWrite(spark, ticketPath);
        summary.table(Tables.COMPLAINT_TICKET, DeltaTables.version(spark, ticketPath));
    }

    /** A source that delivered nothing this time keeps nothing from an earlier run of the same delivery. */
    private void forgetDelivery(SourceContract contract) {
        String silverPath = lake.table(Tables.silver(contract.name()));
        if (DeltaTables.exists(spark, silverPath)) {
            DeltaTable.forPath(spark, silverPath).delete(deliveryPredicate);
        }
    }

    /**
     * Checks that the rows written reconcile with the rows read and records the source's counts.
     * Silver's count comes from its Delta commit, so the check also covers the write.
     */
    private void report(SourceContract contract, Row counts, DeltaTables.Commit accepted, double seconds, double cpuSeconds) {
        long read = counts.getAs("read");
        long quarantined = counts.getAs("quarantined");
        long duplicates = counts.getAs("duplicates");
        if (read != accepted.rowsWritten() + quarantined + duplicates) {
            throw new IllegalStateException("counts do not reconcile for " + contract.name() + ", " + deliveries + ": read "
                    + read + " != accepted " + accepted.rowsWritten() + " + quarantined " + quarantined
                    + " + duplicates " + duplicates);
        }
        ObjectNode node = summary.source(contract.name());
        node.put("delivered", true);
        node.put("rows_read", read);
        node.put("accepted", accepted.rowsWritten());
        node.put("quarantined", quarantined);
        node.put("duplicates_dropped", duplicates);
        node.put("resent_by_a_later_delivery", (long) counts.getAs("resent"));
        node.put("late_rows", (long) counts.getAs("late"));
        node.put("future_rows", (long) counts.getAs("future"));
        if (!contract.flagNames().isEmpty()) {
            ObjectNode flagged = node.putObject("accepted_flagged");
            contract.flagNames().forEach(flag -> flagged.put(flag, (long) counts.getAs(flag)));
        }
        ObjectNode reasons = node.putObject("quarantined_by_reason");
        for (RejectReason reason : RejectReason.values()) {
            long n = counts.getAs(reason.name());
            if (n > 0) {
                reasons.put(reason.name(), n);
            }
        }
        node.put("seconds", seconds);
        node.put("cpu_seconds", cpuSeconds);
        node.put("rows_per_second", seconds > 0 ? Math.round(read / seconds) : read);
        summary.table(Tables.silver(contract.name()), accepted.version());
        summary.rows(Tables.silver(contract.name()), accepted.rowsWritten());
        LOG.info(String.format("%-20s %,12d read  %,12d accepted  %,8d quarantined  %,8d duplicates  %,8d late  %6.1f s  %,10.0f rows/s",
                contract.name(), read, accepted.rowsWritten(), quarantined, duplicates,
                (long) counts.getAs("late"), seconds, read / Math.max(seconds, 1e-9)));
    }

    private String[] deliveredPartitions(String source) {
        return dates.stream().map(d -> lake.landingPartition(source, d)).filter(this::hasDataFiles).toArray(String[]::new);
    }

    /**
     * Runs the first action over a source's landing files; a file Spark cannot read becomes one
     * clear error naming it. Nothing has been written when this runs (see {@link #ingestAll}).
     */
    private <T> T readFailing(SourceContract contract, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (GanzhiException e) {
            throw e;
        } catch (Exception e) { // Spark's read failures are checked SparkExceptions thrown through Scala
            List<String> files = unreadableFiles(contract);
            String why = files.isEmpty() ? rootCause(e) + " (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")"
                    : String.join("; ", files);
            throw new GanzhiException("cannot read the landing files of source " + contract.name() + " for " + deliveries
                    + ": " + why + ". Nothing was written: every table is as it was before this run. Replace or remove "
                    + "the unreadable file and rerun the date.", e);
        }
    }

    /**
     * Which of a source's landing files fail when read alone, each with its reason (on the failure
     * path only: one small job per file). Empty when the files fail only together, such as
     * Parquet files whose column types disagree.
     */
    private List<String> unreadableFiles(SourceContract contract) {
        List<String> failing = new ArrayList<>();
        for (String partition : deliveredPartitions(contract.name())) {
            for (Path file : dataFiles(partition)) {
                try {
                    LandingReader.read(spark, contract, file.toString())
                            .agg(org.apache.spark.sql.functions.max(org.apache.spark.sql.functions.length(col(LandingReader.LINE))))
                            .first();
                } catch (Exception e) {
                    String name = file.toString();
                    failing.add("file " + name.substring(Math.max(0, name.indexOf("/landing/") + 1)) + ": " + rootCause(e));
                }
            }
        }
        return failing;
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
