package org.ganzhi.generate;


import java.util.Arrays;
import java.util.Map;

/**
 * The feeds that are not about one subscriber, for one delivery day: the full plan and cell
 * snapshots (delivered every day), the cell outage windows that started that day (a bad cell's
 * several hours, a normal cell's rare short outage), all from {@link ReferenceData}, and the
 * day's product evaluations ({@link ProductValidations}).
 */
final class ReferenceFeeds {
    static final String[] PLAN = {"plan_id", "plan_name", "plan_type", "monthly_fee", "data_allowance_mb",
            "voice_allowance_min", "family_share"};
    static final String[] CELL = {"cell_id", "site_id", "region", "lat", "lon", "rat", "band"};
    static final String[] OUTAGE = {"cell_id", "start_time", "end_time", "cause"};

    private final ReferenceData ref;
    private final Deliveries out;
    private final LandingLines plan;
    private final LandingLines cell;
    private final LandingLines outage;
    private final ProductValidations validations;
    private final Rng rng = new Rng();

    ReferenceFeeds(ReferenceData ref, Map<String, LandingLines> lines, Deliveries out) {
        this.ref = ref;
        this.out = out;
        this.plan = lines.get("plan");
        this.cell = lines.get("cell");
        this.outage = lines.get("cell_outage");
        this.validations = new ProductValidations(ref, lines.get("product_validation"), out);
    }

    void deliverDay(int day) {
        if (plan != null) {
            rng.reseed(ref.seed, Rng.REFERENCE_DELIVERY, plan.sourceIndex, day);
            int[] slots = SourceRow.slots(plan, PLAN);
            String[] row = plan.newRow();
            for (PlanSpec p : ref.plans) {
                Arrays.fill(row, null);
                set(row, slots, 0, p.id());
                set(row, slots, 1, p.name());
                set(row, slots, 2, p.type());
                set(row, slots, 3, LandingFormat.money(p.fee()));
                set(row, slots, 4, Long.toString(p.dataMb()));
                set(row, slots, 5, Integer.toString(p.voiceMin()));
                set(row, slots, 6, p.familyShare() ? LandingLines.TRUE : LandingLines.FALSE);
                out.deliver(plan, row, day, day, false, rng);
            }
        }
        if (cell != null) {
            rng.reseed(ref.seed, Rng.REFERENCE_DELIVERY, cell.sourceIndex, day);
            int[] slots = SourceRow.slots(cell, CELL);
            String[] row = cell.newRow();
            for (int c = 0; c < ref.cellCount; c++) {
                Arrays.fill(row, null);
                set(row, slots, 0, ref.cellId[c]);
                set(row, slots, 1, ref.siteId[c]);
                set(row, slots, 2, ref.settings.regions.get(ref.cellRegion[c]).name());
                set(row, slots, 3, Double.toString(ref.lat[c]));
                set(row, slots, 4, Double.toString(ref.lon[c]));
                set(row, slots, 5, Planted.CELL_RATS.get(ref.cellRat[c]));
                set(row, slots, 6, ref.band[c]);
                out.deliver(cell, row, day, day, false, rng);
            }
        }
        if (outage != null) {
            rng.reseed(ref.seed, Rng.REFERENCE_DELIVERY, outage.sourceIndex, day);
            int[] slots = SourceRow.slots(outage, OUTAGE);
            String[] row = outage.newRow();
            long dayStart = (long) day * DayCalendar.SECONDS_PER_DAY;
            int[] cells = ref.outageCells[day];
            for (int k = 0; k < cells.length; k++) {
                int c = cells[k];
                int[] w = ref.outageWindows[day][k];
                for (int i = 0; i < w.length; i += 4) {
                    Arrays.fill(row, null);
                    set(row, slots, 0, ref.cellId[c]);
                    set(row, slots, 1, ref.calendar.timestamp(dayStart + w[i]));
                    // An outage still open when the alarm feed was exported has no end yet.
                    set(row, slots, 2, w[i + 3] == 1 ? null : ref.calendar.timestamp(dayStart + w[i + 1]));
                    set(row, slots, 3, (ref.bad[c] ? ReferenceData.BAD_OUTAGE_CAUSES : ReferenceData.NORMAL_OUTAGE_CAUSES)
                            .get(w[i + 2]));
                    out.deliver(outage, row, day, day, true, rng);
                }
            }
        }
        validations.deliverDay(day);
    }

    private static void set(String[] row, int[] slots, int column, String value) {
        int slot = slots[column];
        if (slot >= 0) {
            row[slot] = value;
        }
    }
}
