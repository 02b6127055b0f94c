package org.ganzhi.catalog;

import org.ganzhi.calibrate.CalibrateJob;
import org.ganzhi.common.Tables;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** docs/tables.md is what TableDocs says today, and TableDocs says something about every column. */
class TablesMarkdownTest {
    /** Surefire runs in the jobs module; the docs live at the repository root. */
    private static final Path DOCS = Paths.get("..", TablesMarkdown.DEFAULT_FILE);
    static final String REGENERATE = "mvn -B -q test -Dtest=TablesMarkdownTest -Dsurefire.failIfNoSpecifiedTests=false -Dganzhi.docs.write=true";

    @Test
    void committedDocsMatchTheCode() throws IOException {
        String expected = TablesMarkdown.render();
        if (Boolean.getBoolean("ganzhi.docs.write")) {
            Files.createDirectories(DOCS.getParent());
            Files.writeString(DOCS, expected, StandardCharsets.UTF_8);
        }
        if (!Files.exists(DOCS)) {
            fail("docs/tables.md is missing: run `" + REGENERATE + "` and commit it");
        }
        String committed = Files.readString(DOCS, StandardCharsets.UTF_8);
        if (!committed.equals(expected)) {
            fail("docs/tables.md is out of date: run `" + REGENERATE + "` and commit it (first difference at line "
                    + firstDifferentLine(committed, expected) + ")");
        }
    }

    @Test
    void everyColumnOfEveryDocumentedTableHasAComment() {
        List<String> missing = new ArrayList<>();
        for (TableDoc table : TableDocs.all()) {
            assertFalse(table.description().isBlank(), table.name());
            assertFalse(table.grain().isBlank(), table.name());
            table.columns().stream().filter(c -> c.comment().isBlank()).forEach(c -> missing.add(table.name() + "." + c.name()));
            assertTrue(table.partitionedBy().stream().allMatch(p -> table.column(p).isPresent()),
                    table.name() + " is partitioned by a column it does not have");
        }
        assertEquals(List.of(), missing, "columns without a comment in ColumnGlossary");
    }

    @Test
    void everyNamedTableIsDocumented() throws IllegalAccessException {
        List<String> undocumented = new ArrayList<>();
        for (Field field : Tables.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String table = (String) field.get(null);
                if (TableDocs.find(table).isEmpty()) {
                    undocumented.add(table);
                }
            }
        }
        assertEquals(List.of(), undocumented, "tables named in code without a TableDocs entry");
    }

    /** calibrate is not part of nightly, so CatalogLakeTest never sees its table: compare with the schema it writes. */
    @Test
    void theCalibrationReportIsDocumentedAsWritten() {
        String written = Arrays.stream(CalibrateJob.REPORT.fields()).map(f -> f.name() + " " + f.dataType().simpleString())
                .collect(Collectors.joining(", "));
        TableDoc doc = TableDocs.find(Tables.CALIBRATION_REPORT).orElseThrow();
        assertEquals(written, doc.columns().stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", ")));
        assertEquals(List.of("run_date"), doc.partitionedBy());
    }

    @Test
    void aCommentQuotesSafelyIntoSql() {
        assertEquals("'it\\'s 0..1 \\\\ share'", TableCatalog.literal("it's 0..1 \\ share"));
    }

    private static int firstDifferentLine(String a, String b) {
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            if (!x.get(i).equals(y.get(i))) {
                return i + 1;
            }
        }
        return Math.min(x.size(), y.size()) + 1;
    }
}
