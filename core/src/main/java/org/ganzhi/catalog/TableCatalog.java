package org.ganzhi.catalog;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.LakeTables;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * Keeps the catalog in step with the lake. The comments of {@link TableDocs} are written into the
 * Delta log itself (column comments in the schema, the table comment as its description), so every
 * catalog that points at a table shows them; the table is then registered as an external table
 * {@code layer.table} at its lake path in the session's catalog (the persistent Hive metastore
 * when {@link Sparks} enabled it).
 */
public final class TableCatalog {
    /** Runtime setting: register every written table in the session catalog. */
    public static final String REGISTER = "spark.ganzhi.catalog.register";
    /** Runtime setting: bring the comments of every written table up to date with {@link TableDocs}. */
    public static final String DESCRIBE = "spark.ganzhi.catalog.describe";

    private TableCatalog() {
    }

    /** The name {@code layer.table} of the Delta table at {@code <lake>/<layer>/<table>}. */
    public static String nameOf(String tablePath) {
        Path table = new Path(tablePath);
        return table.getParent().getName() + "." + table.getName();
    }

    /**
     * The rows with each documented column's comment in its schema metadata: a table created from
     * them is born with its column comments (an existing table keeps its own, see {@link #afterWrite}).
     */
    public static Dataset<Row> withComments(Dataset<Row> rows, String tableName) {
        Optional<TableDoc> doc = TableDocs.find(tableName);
        if (doc.isEmpty()) {
            return rows;
        }
        List<Column> columns = new ArrayList<>();
        for (StructField field : rows.schema().fields()) {
            Column column = col("`" + field.name() + "`");
            columns.add(doc.get().column(field.name())
                    .map(c -> column.as(field.name(), withComment(field.metadata(), c.comment())))
                    .orElse(column));
        }
        return rows.select(columns.toArray(Column[]::new));
    }

    private static Metadata withComment(Metadata metadata, String comment) {
        return new MetadataBuilder().withMetadata(metadata).putString("comment", comment).build();
    }

    /** After a command wrote the Delta table at {@code tablePath}: comments up to date, table registered. */
    public static void afterWrite(SparkSession spark, String tablePath) {
        String name = nameOf(tablePath);
        if (setting(spark, DESCRIBE)) {
            TableDocs.find(name).ifPresent(doc -> describe(spark, tablePath, doc));
        }
        if (setting(spark, REGISTER)) {
            register(spark, name, tablePath, "delta");
        }
    }

    private static boolean setting(SparkSession spark, String key) {
        return Boolean.parseBoolean(spark.conf().get(key, "false"));
    }

    /**
     * Writes the documented comments that the table's Delta log lacks or has in an older wording:
     * a no-op (no commit) once they match, so a table is annotated once, not on every run. Delta
     * keeps an existing column's comment when a write merges schemas, hence this step.
     */
    static void describe(SparkSession spark, String tablePath, TableDoc doc) {
        String table = "delta.`" + tablePath.replace("`", "``") + "`";
        // The snapshot the write just committed, from the Delta log this process already holds:
        // no query, where DESCRIBE DETAIL and a schema read cost a Spark job each on every write.
        Snapshot snapshot = DeltaLog.forTable(spark, tablePath).update(false, Option.empty(), Option.empty());
        if (!Objects.equals(snapshot.metadata().description(), doc.comment())) {
            spark.sql("ALTER TABLE " + table + " SET TBLPROPERTIES ('comment' = " + literal(doc.comment()) + ")");
        }
        for (StructField field : snapshot.schema().fields()) {
            Optional<String> wanted = doc.column(field.name()).map(TableDoc.ColumnDoc::comment);
            Optional<String> present = field.getComment().isDefined() ? Optional.of(field.getComment().get()) : Optional.empty();
            if (wanted.isPresent() && !wanted.equals(present)) {
                spark.sql("ALTER TABLE " + table + " ALTER COLUMN `" + field.name() + "` COMMENT " + literal(wanted.get()));
            }
        }
    }

    /**
     * Registers the table at {@code location} as {@code name} ({@code layer.table}) in the session
     * catalog, creating the layer's database on first use. A registration that points elsewhere (the
     * same name in another lake, or a lake that moved) is re-pointed; only external registrations
     * are ever dropped, which never deletes data. Returns whether anything changed.
     */
    public static boolean register(SparkSession spark, String name, String location, String format) {
        String layer = name.substring(0, name.indexOf('.'));
        String qualified = "`" + layer + "`.`" + name.substring(name.indexOf('.') + 1) + "`";
        String wanted = qualified(spark, location);
        // The metastore's own records: asking the session catalog would load each Delta table's log.
        ExternalCatalog metastore = spark.sharedState().externalCatalog();
        String table = name.substring(name.indexOf('.') + 1);
        try {
            if (!metastore.databaseExists(layer)) {
                spark.sql("CREATE DATABASE IF NOT EXISTS `" + layer + "` COMMENT " + literal(TableDocs.layerDescription(layer)));
            }
            if (metastore.tableExists(layer, table)) {
                CatalogTable present = metastore.getTable(layer, table);
                if (present.storage().locationUri().isDefined()
                        && qualified(spark, present.location().toString()).equals(wanted)) {
                    return false;
                }
                if (present.tableType() != CatalogTableType.EXTERNAL()) {
                    throw new GanzhiException("the catalog already has a managed table " + name + " (not written by Ganzhi); "
                            + "drop or rename it so Ganzhi can register its own table there");
                }
                spark.sql("DROP TABLE " + qualified);
            }
            spark.sql("CREATE TABLE " + qualified + " USING " + format + " LOCATION " + literal(wanted));
            return true;
        } catch (GanzhiException e) {
            throw e;
        } catch (Exception e) {
            // Exception: Spark's AnalysisException is a checked one.
            throw new GanzhiException("cannot register " + name + " in the table catalog: " + firstLine(catalogCause(e)), e);
        }
    }

    /**
     * {@link #register}s every table of a lake that the catalog lacks or has elsewhere; returns how
     * many changed. The metastore is asked once per layer, not three times per table: on a lake
     * that is registered already (every 'sql' after the first) that is the whole cost.
     */
    public static int registerAll(SparkSession spark, List<LakeTables.LakeTable> tables) {
        ExternalCatalog metastore = spark.sharedState().externalCatalog();
        Map<String, List<LakeTables.LakeTable>> byLayer = new TreeMap<>();
        tables.forEach(t -> byLayer.computeIfAbsent(t.name().substring(0, t.name().indexOf('.')), l -> new ArrayList<>()).add(t));
        int changed = 0;
        for (Map.Entry<String, List<LakeTables.LakeTable>> layer : byLayer.entrySet()) {
            Map<String, String> registeredAt = new HashMap<>();
            try {
                if (metastore.databaseExists(layer.getKey())) {
                    List<String> names = layer.getValue().stream().map(t -> t.name().substring(t.name().indexOf('.') + 1)).toList();
                    for (CatalogTable present : CollectionConverters.asJava(
                            metastore.getTablesByName(layer.getKey(), CollectionConverters.asScala(names).toList()))) {
                        if (present.storage().locationUri().isDefined()) {
                            registeredAt.put(layer.getKey() + "." + present.identifier().table(), qualified(spark, present.location().toString()));
                        }
                    }
                }
            } catch (Exception e) {
                // Exception: Spark's AnalysisException is a checked one.
                throw new GanzhiException("cannot read the table catalog of " + layer.getKey() + ": " + firstLine(catalogCause(e)), e);
            }
            for (LakeTables.LakeTable table : layer.getValue()) {
                if (!qualified(spark, table.path()).equals(registeredAt.get(table.name()))
                        && register(spark, table.name(), table.path(), table.format())) {
                    changed++;
                }
            }
        }
        return changed;
    }

    private static String qualified(SparkSession spark, String location) {
        Path path = new Path(location);
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path).toString();
        } catch (IOException e) {
            throw new GanzhiException("cannot reach " + location + ": " + e.getMessage(), e);
        }
    }

    /** Embedded Derby admits one JVM per database: say so instead of Derby's stack of causes. */
    private static Throwable catalogCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Another instance of Derby")) {
                return new IllegalStateException("the lake's embedded metastore is open in another Ganzhi process "
                        + "(embedded Derby admits one at a time); wait for it, or use a metastore service (ganzhi.catalog.metastore-uri)");
            }
        }
        return e;
    }

    private static String firstLine(Throwable e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getName());
    }

    /** A SQL string literal. */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
