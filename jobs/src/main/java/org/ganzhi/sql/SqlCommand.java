package org.ganzhi.sql;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.ganzhi.catalog.TableCatalog;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.LakeTables;
import org.ganzhi.common.RunSummary;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Runs Spark SQL statements against a lake and prints each result as CSV (header first; values
 * as Spark renders them in UTC; RFC-4180 quoting), the results of several statements (separated
 * by {@code ;}) one after another with a blank line between them: one JVM for a whole report.
 * Every Delta table under the lake is visible as
 * {@code layer.table} (silver.voice_cdr, quarantine.rejected_rows, ops.run_log, ...) and every
 * truth table of a generated lake as {@code truth.name}.
 */
public final class SqlCommand {
    private SqlCommand() {
    }

    public static void run(SparkSession spark, Lake lake, String statement, PrintStream out, RunSummary summary) {
        List<LakeTables.LakeTable> tables = LakeTables.all(spark, lake);
        List<String> registered = tables.stream().map(LakeTables.LakeTable::name).toList();
        summary.root().put("tables_visible", registered.size());
        summary.root().put("tables_registered", TableCatalog.registerAll(spark, tables));
        long rows = 0;
        List<String> statements = statements(statement);
        if (statements.isEmpty()) {
            throw new GanzhiException("'sql' got no statement, only blanks, comments or ';'");
        }
        for (int i = 0; i < statements.size(); i++) {
            if (i > 0) {
                out.println();
            }
            Dataset<Row> result;
            try {
                result = spark.sql(statements.get(i));
            } catch (Exception e) {
                // Exception: Spark's AnalysisException (unknown table or column) is a checked one.
                throw new GanzhiException("the SQL statement" + (statements.size() > 1 ? " " + (i + 1) : "") + " failed: "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                        + " (tables: " + String.join(", ", registered) + ")", e);
            }
            rows += printCsv(result, out);
        }
        summary.root().put("statements", statements.size());
        summary.root().put("rows_returned", rows);
    }

    /**
     * The statements of a text, split at each {@code ;} outside quotes ('...', "...", `...`) and
     * comments; blank statements are dropped, so a trailing {@code ;} is harmless.
     */
    static List<String> statements(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`' && i + 1 < text.length()) {
                    current.append(c).append(text.charAt(++i));
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '-' && text.startsWith("--", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
                current.append('\n');
                continue;
            } else if (c == ';') {
                statements.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        statements.add(current.toString());
        return statements.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Prints rows as CSV, header first, every value as Spark renders it as text; returns the row count. */
    static long printCsv(Dataset<Row> result, PrintStream out) {
        Column[] asText = java.util.Arrays.stream(result.columns())
                .map(c -> col("`" + c.replace("`", "``") + "`").cast(DataTypes.StringType)).toArray(Column[]::new);
        out.println(csvLine(List.of(result.columns())));
        long rows = 0;
        Iterator<Row> it = result.select(asText).toLocalIterator();
        while (it.hasNext()) {
            Row row = it.next();
            List<String> values = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                values.add(row.isNullAt(i) ? null : row.getString(i));
            }
            out.println(csvLine(values));
            rows++;
        }
        return rows;
    }

    static String csvLine(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String v = values.get(i);
            if (v == null) {
                continue;
            }
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                line.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                line.append(v);
            }
        }
        return line.toString();
    }
}
