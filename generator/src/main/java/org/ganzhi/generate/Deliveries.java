package org.ganzhi.generate;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.ganzhi.generate.LandingLines.Defect;

import java.util.List;

/**
 * Delivers simulated rows into landing partitions, for one Spark task. For every row it decides
 * the delivery date (a share arrives one to three days late; a row whose delivery date falls
 * outside the generated range is never delivered, and none is delivered before its event date),
 * plants a defect or a duplicate, renders the line and counts what landed per (source, delivery
 * date, event date, kind). Those counts leave the task as rows of the pseudo-source
 * {@value #COUNTS} next to the lines themselves, so the truth tables describe exactly the lines
 * that were written, from the same pass.
 */
final class Deliveries {
    /** Pseudo-sources of the staging output that carry truth instead of landing lines. */
    static final String COUNTS = "_truth_counts";
    static final String TRUTH_SUBSCRIBER = "_truth_subscriber";
    static final String TRUTH_COMPLAINT = "_truth_complaint";
    static final String TRUTH_FEEDBACK = "_truth_feedback";
    static final String TRUTH_HOME_CELLS = "_truth_home_cells";
    static final String ALL = "all";
    static final String CLEAN = "CLEAN";

    private final int days;
    private final DayCalendar calendar;
    private final double lateShare;
    private final int maxLateDays;
    private final List<String> sourceNames;
    private final List<Row> out;
    private final Counter counts = new Counter();

    /** @param out where rows go: (source, dt, value) */
    Deliveries(int days, DayCalendar calendar, double lateShare, int maxLateDays, List<String> sourceNames, List<Row> out) {
        this.days = days;
        this.calendar = calendar;
        this.lateShare = lateShare;
        this.maxLateDays = maxLateDays;
        this.sourceNames = sourceNames;
        this.out = out;
    }

    /**
     * Delivers one row on {@code deliveryDay} (or later, when it may be late). Returns true when a
     * clean copy landed, false when the row was dirty or fell outside the range.
     */
    boolean deliver(LandingLines lines, String[] row, int eventDay, int deliveryDay, boolean mayBeLate, Rng rng) {
        if (mayBeLate && rng.chance(lateShare)) {
            deliveryDay += rng.between(1, maxLateDays);
        }
        Defect defect = lines.drawDefect(rng);
        if (defect == Defect.BAD_MSISDN && row[lines.msisdnSlot] == null) {
            // A row without a subscriber number (an anonymous review) has no number to garble: it lands clean.
            defect = null;
        }
        if (deliveryDay < 0 || deliveryDay >= days || deliveryDay < eventDay) {
            return false;
        }
        String dt = calendar.date(deliveryDay);
        if (defect == null || defect == Defect.DUPLICATE) {
            String line = lines.render(row, null, rng);
            out.add(RowFactory.create(lines.source, dt, line));
            counts.add(key(lines.sourceIndex, 0, deliveryDay, eventDay), 1);
            if (defect == Defect.DUPLICATE) {
                out.add(RowFactory.create(lines.source, dt, line));
                counts.add(key(lines.sourceIndex, 1 + Defect.DUPLICATE.ordinal(), deliveryDay, eventDay), 1);
            }
            return true;
        }
        out.add(RowFactory.create(lines.source, dt, lines.render(row, defect, rng)));
        counts.add(key(lines.sourceIndex, 1 + defect.ordinal(), deliveryDay, eventDay), 1);
        return false;
    }

    /** A truth record (JSON) of one of the truth pseudo-sources. */
    void truth(String pseudoSource, String json) {
        out.add(RowFactory.create(pseudoSource, ALL, json));
    }

    /** Emits this task's counts as CSV lines: source, delivery date, event date, kind, rows. */
    void flushCounts() {
        counts.forEach((key, rows) -> {
            int source = (int) (key >>> 40);
            int kind = (int) ((key >>> 32) & 0xFF);
            int delivery = (int) ((key >>> 16) & 0xFFFF) - 32768;
            int event = (int) (key & 0xFFFF) - 32768;
            String kindName = kind == 0 ? CLEAN : Defect.values()[kind - 1].name();
            out.add(RowFactory.create(COUNTS, ALL, sourceNames.get(source) + "," + calendar.date(delivery) + ","
                    + calendar.date(event) + "," + kindName + "," + rows));
        });
        counts.clear();
    }

    private static long key(int source, int kind, int deliveryDay, int eventDay) {
        return ((long) source << 40) | ((long) kind << 32) | ((long) (deliveryDay + 32768) << 16) | (eventDay + 32768);
    }

    /** A small open-addressing map of long keys to counts: no boxing on the per-row path. */
    private static final class Counter {
        private long[] keys = new long[256];
        private long[] values = new long[256];
        private boolean[] used = new boolean[256];
        private int size;

        void add(long key, long delta) {
            if (size * 2 >= keys.length) {
                grow();
            }
            int i = slot(key, keys.length);
            while (used[i] && keys[i] != key) {
                i = (i + 1) & (keys.length - 1);
            }
            if (!used[i]) {
                used[i] = true;
                keys[i] = key;
                size++;
            }
            values[i] += delta;
        }

        void forEach(java.util.function.BiConsumer<Long, Long> action) {
            for (int i = 0; i < keys.length; i++) {
                if (used[i]) {
                    action.accept(keys[i], values[i]);
                }
            }
        }

        void clear() {
            keys = new long[256];
            values = new long[256];
            used = new boolean[256];
            size = 0;
        }

        private void grow() {
            long[] oldKeys = keys;
            long[] oldValues = values;
            boolean[] oldUsed = used;
            keys = new long[oldKeys.length * 2];
            values = new long[oldKeys.length * 2];
            used = new boolean[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldUsed[i]) {
                    add(oldKeys[i], oldValues[i]);
                }
            }
        }

        private static int slot(long key, int capacity) {
            return (int) (Rng.mix(key) & (capacity - 1));
        }
    }
}
