package org.ganzhi.generate;

import java.util.Arrays;

/**
 * The reusable row buffer of one landing source, filled by the position of a column in the
 * simulation's own column list: a column the source's contract does not have is skipped, and a
 * source switched off (no landing lines) writes nothing.
 */
final class SourceRow {
    private final LandingLines lines;
    private final Deliveries out;
    private final int[] slots;
    private final String[] row;

    SourceRow(LandingLines lines, String[] columns, Deliveries out) {
        this.lines = lines;
        this.out = out;
        this.slots = slots(lines, columns);
        this.row = lines == null ? null : lines.newRow();
    }

    /** Where each of the columns sits in the source's landing row; -1 for a column it does not have. */
    static int[] slots(LandingLines lines, String[] columns) {
        int[] slots = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            slots[i] = lines == null ? -1 : lines.slot(columns[i]);
        }
        return slots;
    }

    /** False when the source is switched off. */
    boolean on() {
        return lines != null;
    }

    /** Starts a new row: every column empty. */
    void clear() {
        Arrays.fill(row, null);
    }

    /** Sets the value of {@code column}, an index into the simulation's column list. */
    void set(int column, String value) {
        int slot = slots[column];
        if (slot >= 0) {
            row[slot] = value;
        }
    }

    /** Hands the row to the deliveries (see {@link Deliveries#deliver}). */
    boolean deliver(int eventDay, int deliveryDay, boolean mayBeLate, Rng deliveryRng) {
        return out.deliver(lines, row, eventDay, deliveryDay, mayBeLate, deliveryRng);
    }
}
