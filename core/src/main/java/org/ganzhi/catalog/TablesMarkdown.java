package org.ganzhi.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders {@link TableDocs} as docs/tables.md: one section per layer, one table of columns per
 * table. TablesMarkdownTest fails while the committed file differs, and rewrites it when run with
 * {@code -Dganzhi.docs.write=true} (see the README's Catalog section); {@code main} writes it too.
 */
public final class TablesMarkdown {
    public static final String DEFAULT_FILE = "docs/tables.md";

    private TablesMarkdown() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args.length > 0 ? args[0] : DEFAULT_FILE);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Tables\n\n")
                .append("<!-- Generated from org.ganzhi.catalog.TableDocs by org.ganzhi.catalog.TablesMarkdown; do not edit by hand. -->\n\n")
                .append("Every table Ganzhi writes is a Delta table at `<lake>/<layer>/<table>` and is registered in the catalog ")
                .append("as `layer.table` with these comments (see the README's Catalog section). Types are Spark SQL types; ")
                .append("times are UTC instants; dates are operator-local days.\n\n");
        for (String layer : TableDocs.layers()) {
            List<TableDoc> tables = TableDocs.all().stream().filter(t -> t.layer().equals(layer)).toList();
            if (tables.isEmpty()) {
                continue;
            }
            md.append("## ").append(layer).append("\n\n").append(TableDocs.layerDescription(layer)).append("\n\n");
            md.append(tables.stream().map(t -> "- [`" + t.name() + "`](#" + t.name().replace(".", "") + ")")
                    .collect(Collectors.joining("\n"))).append("\n\n");
            for (TableDoc table : tables) {
                md.append("### ").append(table.name()).append("\n\n")
                        .append(table.description()).append("\n\n")
                        .append("- Grain: one row per ").append(table.grain()).append("\n")
                        .append("- Partitioned by: ").append(table.partitionedBy().isEmpty() ? "(none)"
                                : table.partitionedBy().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")))
                        .append("\n\n")
                        .append("| column | type | meaning |\n|---|---|---|\n");
                for (TableDoc.ColumnDoc column : table.columns()) {
                    md.append("| `").append(column.name()).append("` | `").append(column.type()).append("` | ")
                            .append(column.comment().replace("|", "\\|")).append(" |\n");
                }
                md.append("\n");
            }
        }
        return md.toString();
    }
}
