package org.ganzhi.common;

import java.util.List;
import java.util.Set;

/** Aligned columns for a terminal: a header line, then one line per row. */
public final class TextTable {
    private TextTable() {
    }

    /**
     * The rows (the first is the header) as text. Columns in {@code rightAligned} are padded on the
     * left, so numbers compare at a glance; no line ends in spaces.
     */
    public static String render(List<List<String>> rows, Set<Integer> rightAligned) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String padding = " ".repeat(widths[c] - row.get(c).length());
                line.append(c > 0 ? "  " : "").append(rightAligned.contains(c) ? padding + row.get(c) : row.get(c) + padding);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
