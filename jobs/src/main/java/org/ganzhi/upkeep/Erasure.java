package org.ganzhi.upkeep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.catalog.TableCatalog;
import org.ganzhi.common.Lake;
import org.ganzhi.common.LakeTables;
import org.ganzhi.common.RunSummary;
import org.ganzhi.common.Tables;
import org.ganzhi.config.ColumnSpec;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SourceContract;
import org.ganzhi.privacy.Pseudonymizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * ganzhi erase: removes subscribers from every Delta table of the lake on request (the right to
 * erasure). Their numbers are pseudonymised with the lake's key exactly as ingest does; every row
 * that holds one of the pseudonyms in a number column (each column a source contract types msisdn
 * or phone, e.g. msisdn and voice_cdr's other_party) is deleted, and so is every quarantined row
 * whose masked raw record names them. The touched tables are then vacuumed with retention 0, so
 * no older version can bring the rows back; ops.erasure_log records what was done (pseudonyms,
 * never numbers); and every table is queried again: a remaining row fails the run.
 * <p>
 * Not touched: the landing zone, the raw layer of files as delivered, which holds the numbers in
 * clear; its files are the operator's to delete (or to age out with ganzhi.maintain.retention-days.landing).
 * Rows of the erased subscribers that a nightly run derives again from landing files still there
 * would come back: erase after the landing files are gone, or erase again.
 */
public final class Erasure {
    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);

    /** The audit trail of erasures: who (pseudonym), when, which tables, how many rows. */
    public static final StructType LOG_SCHEMA = StructType.fromDDL("erasure_id STRING NOT NULL, erased_at TIMESTAMP NOT NULL, "
            + "pseudonym STRING NOT NULL, tables_touched ARRAY<STRING>, rows_deleted MAP<STRING, BIGINT>");

    /**
     * Columns holding free text in which ingest masked numbers: quarantine.rejected_rows.raw_record
     * carries a number column as its full pseudonym (JSON of a rejected, well-formed row) or, in a
     * malformed line, as [phone:&lt;first 16 hex of the pseudonym&gt;].
     */
    static final Set<String> MASKED_TEXT_COLUMNS = Set.of("raw_record");

    static final String LANDING_NOT_ERASED = "the landing zone (raw files as delivered) is outside erase: delete the "
            + "subscriber's lines there by the operator's own process, or let ganzhi.maintain.retention-days.landing age them out";

    private Erasure() {
    }

    /** Rows deleted from one table: in total and per erased subscriber (a row naming two counts for both). */
    record TableErasure(String table, long rows, Map<String, Long> rowsBySubscriber) {
    }

    public static void run(SparkSession spark, GanzhiConfig config, Lake lake, ErasureRequest request,
                           Pseudonymizer pseudonymizer, RunSummary summary) {
        String erasureId = UUID.randomUUID().toString();
        Instant erasedAt = Instant.now();
        List<String> pseudonyms = request.pseudonyms(pseudonymizer);
        Set<String> numberColumns = numberColumns(config);
        summary.put("erasure_id", erasureId);
        summary.root().put("subscribers", pseudonyms.size());

        List<String> tables = tablesToSearch(spark, lake);
        int atOnce = MaintainSettings.from(config).tablesAtOnce();
        List<TableErasure> erased = PerTable.run(tables, atOnce,
                        table -> eraseFrom(spark, lake.table(table), table, numberColumns, pseudonyms))
                .stream().flatMap(Optional::stream).toList();
        DeltaUpkeep.withSessionConf(spark, DeltaUpkeep.vacuumEverythingSettings(spark), () -> PerTable.run(
                erased.stream().map(TableErasure::table).toList(), atOnce, table -> {
                    DeltaUpkeep.vacuumEverythingUnreferenced(spark, lake.table(table));
                    return table;
                }));
        appendToLog(spark, lake, erasureId, erasedAt, pseudonyms, erased);
        report(summary, erased);
        List<String> remaining = tablesStillHolding(spark, lake, tables, numberColumns, pseudonyms, atOnce);
        if (!remaining.isEmpty()) {
            // Not the user's to fix: the deletes committed yet rows remain, so erase is wrong somewhere.
            throw new IllegalStateException("erasure " + erasureId + " left rows of the erased subscribers in "
                    + remaining + "; the erasure is NOT complete");
        }
        summary.root().put("tables_searched", tables.size());
        summary.put("proof", "no row of the erased subscribers remains in any of the " + tables.size() + " tables searched");
    }

    /** Every Delta table of the lake except the erasure log itself, whose pseudonyms are the audit trail. */
    static List<String> tablesToSearch(SparkSession spark, Lake lake) {
        return LakeTables.deltaTables(spark, lake).stream().filter(t -> !t.equals(Tables.ERASURE_LOG)).toList();
    }

    /** Names of the columns that hold pseudonymised numbers: every msisdn or phone column of any source contract. */
    static Set<String> numberColumns(GanzhiConfig config) {
        Set<String> names = new TreeSet<>();
        for (SourceContract contract : config.sources().values()) {
            for (ColumnSpec column : contract.columns()) {
                if (column.type().isPhoneNumber()) {
                    names.add(column.name());
                }
            }
        }
        return names;
    }

    /** Deletes the subscribers' rows from one table; empty when the table holds none (or no number at all). */
    private static Optional<TableErasure> eraseFrom(SparkSession spark, String path, String table, Set<String> numberColumns,
                                                    List<String> pseudonyms) {
        Dataset<Row> rows = spark.read().format("delta").load(path);
        Optional<Column> any = anySubscriber(rows.schema(), numberColumns, pseudonyms);
        if (any.isEmpty()) {
            return Optional.empty();
        }
        long count = rows.filter(any.get()).count();
        if (count == 0) {
            return Optional.empty();
        }
        Map<String, Long> bySubscriber = rowsBySubscriber(rows, numberColumns, pseudonyms);
        DeltaTable.forPath(spark, path).delete(any.get());
        LOG.info("erase: {} rows deleted from {}", count, table);
        return Optional.of(new TableErasure(table, count, bySubscriber));
    }

    /** True for a row that names any of the subscribers; empty for a table without number columns. */
    static Optional<Column> anySubscriber(StructType schema, Set<String> numberColumns, List<String> pseudonyms) {
        Column any = null;
        for (StructField field : schema.fields()) {
            if (!field.dataType().equals(DataTypes.StringType)) {
                continue;
            }
            Column matches = null;
            if (numberColumns.contains(field.name())) {
                matches = col("`" + field.name() + "`").isin(pseudonyms.toArray());
            } else if (MASKED_TEXT_COLUMNS.contains(field.name())) {
                for (String pseudonym : pseudonyms) {
                    Column named = mentions(field.name(), pseudonym);
                    matches = matches == null ? named : matches.or(named);
                }
            }
            if (matches != null) {
                any = any == null ? matches : any.or(matches);
            }
        }
        return Optional.ofNullable(any);
    }

    /** True for a row naming this one subscriber in any number or masked-text column. */
    static Column namesSubscriber(StructType schema, Set<String> numberColumns, String pseudonym) {
        return anySubscriber(schema, numberColumns, List.of(pseudonym)).orElse(lit(false));
    }

    /** Masked text naming the subscriber: the full pseudonym, or the short form ingest writes into a malformed line. */
    private static Column mentions(String column, String pseudonym) {
        Column text = col("`" + column + "`");
        return text.contains(pseudonym).or(text.contains("[phone:" + pseudonym.substring(0, 16) + "]"));
    }

    private static Map<String, Long> rowsBySubscriber(Dataset<Row> rows, Set<String> numberColumns, List<String> pseudonyms) {
        Column[] named = pseudonyms.stream()
                .map(p -> when(namesSubscriber(rows.schema(), numberColumns, p), lit(p)))
                .toArray(Column[]::new);
        Map<String, Long> counts = new TreeMap<>();
        for (Row row : rows.select(explode(array(named)).as("pseudonym")).filter(col("pseudonym").isNotNull())
                .groupBy("pseudonym").count().collectAsList()) {
            counts.put(row.getString(0), row.getLong(1));
        }
        return counts;
    }

    /** One ops.erasure_log row per subscriber, also for one found nowhere: the request was carried out. */
    private static void appendToLog(SparkSession spark, Lake lake, String erasureId, Instant erasedAt, List<String> pseudonyms,
                                    List<TableErasure> erased) {
        List<Row> rows = new ArrayList<>();
        for (String pseudonym : pseudonyms) {
            Map<String, Long> deleted = new LinkedHashMap<>();
            for (TableErasure table : erased) {
                long n = table.rowsBySubscriber().getOrDefault(pseudonym, 0L);
                if (n > 0) {
                    deleted.put(table.table(), n);
                }
            }
            rows.add(RowFactory.create(erasureId, Timestamp.from(erasedAt), pseudonym,
                    new ArrayList<>(deleted.keySet()), deleted));
        }
        String path = lake.table(Tables.ERASURE_LOG);
        TableCatalog.withComments(spark.createDataFrame(rows, LOG_SCHEMA), Tables.ERASURE_LOG)
                .write().format("delta").mode("append").save(path);
        TableCatalog.afterWrite(spark, path);
    }

    /** The proof: every searched table queried again; the ones still naming an erased subscriber. */
    static List<String> tablesStillHolding(SparkSession spark, Lake lake, List<String> tables, Set<String> numberColumns,
                                           List<String> pseudonyms, int atOnce) {
        return PerTable.run(tables, atOnce, table -> {
            Dataset<Row> rows = spark.read().format("delta").load(lake.table(table));
            Optional<Column> any = anySubscriber(rows.schema(), numberColumns, pseudonyms);
            return any.isPresent() && rows.filter(any.get()).limit(1).count() > 0 ? Optional.of(table) : Optional.<String>empty();
        }).stream().flatMap(Optional::stream).toList();
    }

    private static void report(RunSummary summary, List<TableErasure> erased) {
        ObjectNode deleted = summary.root().putObject("rows_deleted");
        ArrayNode vacuumed = summary.root().putArray("tables_vacuumed");
        for (TableErasure table : erased) {
            deleted.put(table.table(), table.rows());
            vacuumed.add(table.table());
        }
        summary.put("landing", LANDING_NOT_ERASED);
    }
}
