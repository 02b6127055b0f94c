package org.ganzhi.generate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.common.Lake;
import org.ganzhi.sample.GenerateOptions;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


/**
 * The planted truth of a generated lake, written as Parquet under {@code <lake>/truth/} for tests
 * and benchmarks (no job reads it):
 * <ul>
 *   <li>{@code subscriber}: each subscriber's planted persona, experience cause, plan, device,
 *       home cell, lifecycle and latent usage multipliers;</li>
 *   <li>{@code cell} (all cells, with {@code is_bad}) and {@code bad_cell} (the bad ones): planted
 *       quality parameters and the number of subscribers whose home cell it is;</li>
 *   <li>{@code complaint}: every ticket with at least one clean state row in landing, with the
 *       cause that made the subscriber complain (NONE for noise);</li>
 *   <li>{@code delivered_rows}: clean rows per source, delivery date and event date, exactly
 *       what ingestion should accept; {@code dirty_rows}: planted defects per source, delivery
 *       date and kind (a RejectReason name or DUPLICATE for an extra exact copy);</li>
 *   <li>{@code product_funnel}: the planted adoption funnel of each product (written from the
 *       settings when the product_event feed is generated);</li>
 *   <li>{@code feedback}: every feedback row with a clean copy in landing, with what its text is
 *       truly about (dimension, topic), its sentiment and true language, and what made the
 *       subscriber write (written when the feedback feed is generated);</li>
 *   <li>{@code product_validation}: each evaluated product's dimensions as planted, weak or
 *       healthy, the mean score they should show and whether the product is a risky launch
 *       candidate (written from the settings when the product_validation feed is generated);</li>
 *   <li>{@code generation}: the parameters of the run.</li>
 * </ul>
 * Counts and records come from the same pass that wrote the landing lines.
 */
final class Truth {
    static final StructType SUBSCRIBER = new StructType()
            .add("subscriber_index", DataTypes.LongType)
            .add("msisdn", DataTypes.StringType)
            .add("msisdn_pseudonym", DataTypes.StringType)
            .add("persona", DataTypes.StringType)
            .add("experience_cause", DataTypes.StringType)
            .add("activation_date", DataTypes.DateType)
            .add("tenure_days", DataTypes.IntegerType)
            .add("onboarding", DataTypes.BooleanType)
            .add("plan_id", DataTypes.StringType)
            .add("plan_type", DataTypes.StringType)
            .add("device_model", DataTypes.StringType)
            .add("device_type", DataTypes.StringType)
            .add("home_cell", DataTypes.StringType)
            .add("home_cell_bad", DataTypes.BooleanType)
            .add("region", DataTypes.StringType)
            .add("city", DataTypes.StringType)
            .add("age_band", DataTypes.StringType)
            .add("is_enterprise", DataTypes.BooleanType)
            .add("family_group_id", DataTypes.StringType)
            .add("bill_cycle_day", DataTypes.IntegerType)
            .add("churn_date", DataTypes.DateType)
            .add("suspended_from", DataTypes.DateType)
            .add("suspended_until", DataTypes.DateType)
            .add("voice_usage_multiplier", DataTypes.DoubleType)
            .add("data_usage_multiplier", DataTypes.DoubleType)
            .add("care_multiplier", DataTypes.DoubleType)
            .add("expected_voice_legs_per_day", DataTypes.DoubleType)
            .add("expected_data_sessions_per_day", DataTypes.DoubleType)
            .add("expected_data_mb_per_day", DataTypes.DoubleType)
            .add("plan_data_coverage", DataTypes.DoubleType);

    static final StructType COMPLAINT = new StructType()
            .add("ticket_id", DataTypes.StringType)
            .add("msisdn_pseudonym", DataTypes.StringType)
            .add("opened_date", DataTypes.DateType)
            .add("opened_at", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("cell_id", DataTypes.StringType)
            .add("cause", DataTypes.StringType)
            .add("promised_hours", DataTypes.IntegerType)
            .add("resolution_hours", DataTypes.DoubleType)
            .add("escalated", DataTypes.BooleanType)
            .add("breached_promise", DataTypes.BooleanType)
            .add("satisfaction", DataTypes.IntegerType);

    /**
     * One row per clean feedback row in landing. msisdn_pseudonym: the writer's, null for an
     * anonymous row (as in landing); category and topic: what the text is about; sentiment:
     * NEGATIVE, NEUTRAL or POSITIVE; language: the true one (ZH, EN or MIXED), declared_language:
     * what the channel declared (canonical, null when it declared none, sometimes wrong);
     * agent_category: the agent's label of a transcript as delivered (sometimes wrong);
     * experience_cause: the writer's planted cause; trigger: CAUSE (the cause voiced),
     * NETWORK_DAY (a day of network problems) or EVERYDAY; contains_*: the privacy test material
     * in the text (a phone number, an e-mail address, a self-introduced name).
     */
    static final StructType FEEDBACK = new StructType()
            .add("feedback_id", DataTypes.StringType)
            .add("msisdn_pseudonym", DataTypes.StringType)
            .add("anonymous", DataTypes.BooleanType)
            .add("feedback_date", DataTypes.DateType)
            .add("ts", DataTypes.StringType)
            .add("channel", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("topic", DataTypes.StringType)
            .add("sentiment", DataTypes.StringType)
            .add("language", DataTypes.StringType)
            .add("declared_language", DataTypes.StringType)
            .add("agent_category", DataTypes.StringType)
            .add("rating", DataTypes.IntegerType)
            .add("product_id", DataTypes.StringType)
            .add("service_item", DataTypes.StringType)
            .add("experience_cause", DataTypes.StringType)
            .add("trigger", DataTypes.StringType)
            .add("contains_phone", DataTypes.BooleanType)
            .add("contains_email", DataTypes.BooleanType)
            .add("contains_name", DataTypes.BooleanType);

    static final StructType CELL = new StructType()
            .add("cell_id", DataTypes.StringType)
            .add("site_id", DataTypes.StringType)
            .add("region", DataTypes.StringType)
            .add("lat", DataTypes.DoubleType)
            .add("lon", DataTypes.DoubleType)
            .add("rat", DataTypes.StringType)
            .add("band", DataTypes.StringType)
            .add("is_bad", DataTypes.BooleanType)
            .add("drop_rate", DataTypes.DoubleType)
            .add("setup_failure_rate", DataTypes.DoubleType)
            .add("mos", DataTypes.DoubleType)
            .add("data_failure_rate", DataTypes.DoubleType)
            .add("throughput_factor", DataTypes.DoubleType)
            .add("rtt_factor", DataTypes.DoubleType)
            .add("outage_hours_per_day", DataTypes.DoubleType)
            .add("home_subscribers", DataTypes.LongType);

    static final StructType COUNTS = new StructType()
            .add("source", DataTypes.StringType)
            .add("delivery_date", DataTypes.StringType)
            .add("event_date", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("rows", DataTypes.LongType);

    static final StructType DELIVERED_ROWS = new StructType()
            .add("source", DataTypes.StringType)
            .add("delivery_date", DataTypes.DateType)
            .add("event_date", DataTypes.DateType)
            .add("rows", DataTypes.LongType);

    static final StructType DIRTY_ROWS = new StructType()
            .add("source", DataTypes.StringType)
            .add("delivery_date", DataTypes.DateType)
            .add("kind", DataTypes.StringType)
            .add("rows", DataTypes.LongType);

    /**
     * One row per product and funnel stage. contacts_per_day: campaign contacts per subscriber and
     * day (AWARENESS only); conversion_from_previous: P(stage | stage before) over all
     * subscribers, the persona factors included (the expected conversion a funnel should
     * measure); conversion_base: the configured rate, for personas without a factor; null at
     * AWARENESS.
     */
    static final StructType PRODUCT_FUNNEL = new StructType()
            .add("product_id", DataTypes.StringType)
            .add("stage", DataTypes.StringType)
            .add("stage_order", DataTypes.IntegerType)
            .add("contacts_per_day", DataTypes.DoubleType)
            .add("conversion_from_previous", DataTypes.DoubleType)
            .add("conversion_base", DataTypes.DoubleType);

    /**
     * One row per evaluated product and validation dimension. phase: PRE_LAUNCH for a product in
     * validation, POST_LAUNCH for a launched one; weak: a planted weak dimension; score_centre:
     * the configured centre of its scores (healthy-mean or weak-mean); planted_mean: the mean
     * score that centre gives once the spread is added and scores are rounded and clipped to 1-5
     * (what a measurement over many evaluations should find); risky: per product, true for a
     * product in validation with at least risky-min-weak-dimensions weak dimensions (never for a
     * launched one).
     */
    static final StructType PRODUCT_VALIDATION = new StructType()
            .add("product_id", DataTypes.StringType)
            .add("phase", DataTypes.StringType)
            .add("dimension", DataTypes.StringType)
            .add("weak", DataTypes.BooleanType)
            .add("score_centre", DataTypes.DoubleType)
            .add("planted_mean", DataTypes.DoubleType)
            .add("risky", DataTypes.BooleanType);

    static final StructType GENERATION = new StructType()
            .add("subscribers", DataTypes.LongType)
            .add("days", DataTypes.IntegerType)
            .add("start_date", DataTypes.DateType)
            .add("seed", DataTypes.LongType)
            .add("cells", DataTypes.IntegerType)
            .add("bad_cells", DataTypes.IntegerType);

    /** Landing rows per source: clean (delivered) and dirty (by kind), summed over a run's tasks. */
    record Counts(Map<String, Map<List<LocalDate>, Long>> delivered, Map<String, Map<LocalDate, Map<String, Long>>> dirty) {
        long rowsWritten(String source) {
            long total = delivered.getOrDefault(source, Map.of()).values().stream().mapToLong(Long::longValue).sum();
            for (Map<String, Long> kinds : dirty.getOrDefault(source, Map.of()).values()) {
                total += kinds.values().stream().mapToLong(Long::longValue).sum();
            }
            return total;
        }

        long dirtyRows(String source) {
            return dirty.getOrDefault(source, Map.of()).values().stream()
                    .flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        }
    }

    private Truth() {
    }

    /** Reads the count lines all tasks staged and sums them. */
    static Counts readCounts(SparkSession spark, String stagedCounts) {
        Map<String, Map<List<LocalDate>, Long>> delivered = new TreeMap<>();
        Map<String, Map<LocalDate, Map<String, Long>>> dirty = new TreeMap<>();
        for (Row r : spark.read().schema(COUNTS).option("mode", "FAILFAST").csv(stagedCounts).collectAsList()) {
            String source = r.getString(0);
            LocalDate delivery = LocalDate.parse(r.getString(1));
            LocalDate event = LocalDate.parse(r.getString(2));
            String kind = r.getString(3);
            long rows = r.getLong(4);
            if (kind.equals(Deliveries.CLEAN)) {
                delivered.computeIfAbsent(source, k -> new TreeMap<>(
                                (a, b) -> a.get(0).equals(b.get(0)) ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0))))
                        .merge(List.of(delivery, event), rows, Long::sum);
            } else {
                dirty.computeIfAbsent(source, k -> new TreeMap<>()).computeIfAbsent(delivery, k -> new TreeMap<>())
                        .merge(kind, rows, Long::sum);
            }
        }
        return new Counts(delivered, dirty);
    }

    static void writeCounts(SparkSession spark, Lake lake, Counts counts) {
        List<Row> delivered = new ArrayList<>();
        counts.delivered().forEach((source, byDates) -> byDates.forEach((dates, rows) ->
                delivered.add(RowFactory.create(source, Date.valueOf(dates.get(0)), Date.valueOf(dates.get(1)), rows))));
        List<Row> dirty = new ArrayList<>();
        counts.dirty().forEach((source, byDay) -> byDay.forEach((day, kinds) -> kinds.forEach((kind, rows) ->
                dirty.add(RowFactory.create(source, Date.valueOf(day), kind, rows)))));
        write(spark.createDataFrame(delivered, DELIVERED_ROWS).coalesce(1), lake.truth("delivered_rows"));
        write(spark.createDataFrame(dirty, DIRTY_ROWS).coalesce(1), lake.truth("dirty_rows"));
    }

    /** Subscriber and complaint truth from the staged JSON records. */
    static void writeRecords(SparkSession spark, Lake lake, String stagedSubscribers, String stagedComplaints,
                             boolean complaintsStaged, long subscribers) {
        Dataset<Row> subscriberTruth = spark.read().schema(SUBSCRIBER).option("mode", "FAILFAST").json(stagedSubscribers)
                .select(SUBSCRIBER.names()[0], Arrays.copyOfRange(SUBSCRIBER.names(), 1, SUBSCRIBER.size()));
        write(subscriberTruth.coalesce((int) Math.max(1, Math.min(16, subscribers / 500_000))), lake.truth("subscriber"));

        Dataset<Row> complaints = complaintsStaged
                ? spark.read().schema(COMPLAINT).option("mode", "FAILFAST").json(stagedComplaints)
                .select(COMPLAINT.names()[0], Arrays.copyOfRange(COMPLAINT.names(), 1, COMPLAINT.size()))
                : spark.createDataFrame(List.of(), COMPLAINT);
        write(complaints.coalesce(1), lake.truth("complaint"));
    }

    /** Feedback truth from the staged JSON records (an empty table when no feedback row landed clean). */
    static void writeFeedback(SparkSession spark, Lake lake, String stagedFeedback, boolean feedbackStaged) {
        Dataset<Row> feedback = feedbackStaged
                ? spark.read().schema(FEEDBACK).option("mode", "FAILFAST").json(stagedFeedback)
                .select(FEEDBACK.names()[0], Arrays.copyOfRange(FEEDBACK.names(), 1, FEEDBACK.size()))
                : spark.createDataFrame(List.of(), FEEDBACK);
        write(feedback.coalesce(1), lake.truth("feedback"));
    }

    /** Home subscribers per cell index, summed over the tasks' staged tallies. */
    static long[] readHomeCells(SparkSession spark, String stagedTallies, int cells) {
        long[] home = new long[cells];
        StructType schema = new StructType().add("cell", DataTypes.IntegerType).add("subscribers", DataTypes.LongType);
        for (Row r : spark.read().schema(schema).option("mode", "FAILFAST").csv(stagedTallies).collectAsList()) {
            home[r.getInt(0)] += r.getLong(1);
        }
        return home;
    }

    /** All cells with their planted quality ({@code cell}) and the bad ones ({@code bad_cell}). */
    static void writeCells(SparkSession spark, Lake lake, ReferenceData ref, long[] homeSubscribers) {
        List<Row> cells = new ArrayList<>();
        List<Row> badCells = new ArrayList<>();
        for (int c = 0; c < ref.cellCount; c++) {
            Row row = RowFactory.create(ref.cellId[c], ref.siteId[c], ref.settings.regions.get(ref.cellRegion[c]).name(),
                    ref.lat[c], ref.lon[c], Planted.CELL_RATS.get(ref.cellRat[c]), ref.band[c], ref.bad[c], ref.dropRate[c],
                    ref.setupFailureRate[c], ref.mos[c], ref.dataFailureRate[c], ref.throughputFactor[c], ref.rttFactor[c],
                    ref.outageHoursPerDay[c], homeSubscribers[c]);
            cells.add(row);
            if (ref.bad[c]) {
                badCells.add(row);
            }
        }
        write(spark.createDataFrame(cells, CELL).coalesce(1), lake.truth("cell"));
        write(spark.createDataFrame(badCells, CELL).coalesce(1), lake.truth("bad_cell"));
    }

    /** The planted funnel rates of the settings (see {@link #PRODUCT_FUNNEL}). */
    static void writeProductFunnel(SparkSession spark, Lake lake, GeneratorSettings settings) {
        double[][] expected = settings.expectedProductConversion();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < settings.productFunnel.products.size(); i++) {
            for (int stage = 0; stage < Planted.FUNNEL_STAGES.size(); stage++) {
                boolean first = stage == 0;
                rows.add(RowFactory.create(settings.productFunnel.products.get(i), Planted.FUNNEL_STAGES.get(stage), stage + 1,
                        first ? settings.productFunnel.productContactsPerDay[i] : null, first ? null : expected[i][stage],
                        first ? null : settings.productFunnel.productConversion[i][stage]));
            }
        }
        write(spark.createDataFrame(rows, PRODUCT_FUNNEL).coalesce(1), lake.truth("product_funnel"));
    }

    /** The planted product evaluations of the settings (see {@link #PRODUCT_VALIDATION}). */
    static void writeProductValidation(SparkSession spark, Lake lake, ProductValidationSettings settings) {
        List<Row> rows = new ArrayList<>();
        for (ProductValidationSettings.TruthRow t : settings.truth()) {
            rows.add(RowFactory.create(t.productId(), t.phase(), t.dimension(), t.weak(), t.scoreCentre(), t.plantedMean(),
                    t.risky()));
        }
        write(spark.createDataFrame(rows, PRODUCT_VALIDATION).coalesce(1), lake.truth("product_validation"));
    }

    static void writeGeneration(SparkSession spark, Lake lake, GenerateOptions options, ReferenceData ref) {
        Row row = RowFactory.create(options.subscribers(), options.days(), Date.valueOf(options.start()), options.seed(),
                ref.cellCount, ref.badCellCount());
        write(spark.createDataFrame(List.of(row), GENERATION).coalesce(1), lake.truth("generation"));
    }

    private static void write(Dataset<Row> data, String path) {
        data.write().mode(SaveMode.Overwrite).parquet(path);
    }
}
