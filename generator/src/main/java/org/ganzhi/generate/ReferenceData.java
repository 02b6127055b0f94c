package org.ganzhi.generate;

import org.ganzhi.common.GanzhiException;
import org.ganzhi.config.OperatorSettings;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The planted world the subscribers live in, built once on the driver and shipped to every task:
 * the radio network (sites of cells around each region's centre, about 3 % of them BAD with high
 * drop and failure rates, poor MOS and long daily outages), the outage windows of every cell and
 * day, the tariff plans and device models, and the numbering plan that gives every subscriber
 * index its own phone number. Everything derives from the seed, so two runs with one seed build
 * the same world. Small: a few thousand cells.
 */
final class ReferenceData implements Serializable {
    static final List<String> NORMAL_OUTAGE_CAUSES = List.of("MAINTENANCE", "WEATHER", "POWER", "TRANSMISSION", "UNKNOWN");
    static final List<String> BAD_OUTAGE_CAUSES = List.of("POWER", "TRANSMISSION", "HARDWARE");

    final long seed;
    final long subscribers;
    final int days;
    final DayCalendar calendar;
    final GeneratorSettings settings;

    // Cells, indexed 0..cellCount-1.
    final int cellCount;
    final String[] cellId;
    final String[] siteId;
    final int[] cellRegion;
    final int[] cellSite;
    final double[] lat;
    final double[] lon;
    final int[] cellRat;          // index into Planted.CELL_RATS
    final String[] band;
    final boolean[] bad;
    final double[] dropRate;
    final double[] setupFailureRate;
    final double[] mos;
    final double[] dataFailureRate;
    final double[] throughputFactor;
    final double[] rttFactor;
    final double[] outageHoursPerDay;  // planted for bad cells, expected value for normal cells
    final int[][] regionCells;

    /**
     * Outage windows of day d (0..days-1): {@code outageCells[d]} are the cells with an outage,
     * sorted; {@code outageWindows[d][k]} = start, end (local seconds of the day), cause index,
     * open flag, repeated per window of cell {@code outageCells[d][k]}.
     */
    final int[][] outageCells;
    final int[][][] outageWindows;

    final List<PlanSpec> plans;
    final List<DeviceSpec> devices;

    // Numbering plan: national number = prefix + permuted index.
    private final String countryCode;
    private final List<String> mobilePrefixes;
    private final int nationalLength;
    private final String[] nonMobilePrefixes;

    private ReferenceData(GeneratorSettings s, OperatorSettings operator, long seed, long subscribers, DayCalendar calendar,
                          int days) {
        this.seed = seed;
        this.subscribers = subscribers;
        this.days = days;
        this.calendar = calendar;
        this.settings = s;
        this.plans = List.copyOf(s.plans);
        this.devices = List.copyOf(s.devices);
        this.countryCode = operator.countryCode();
        this.mobilePrefixes = operator.mobilePrefixes();
        this.nationalLength = operator.nationalNumberLength();
        this.nonMobilePrefixes = nonMobilePrefixes(operator);
        checkNumberingPlan(subscribers);

        int sites = (int) Math.max(Math.ceil((double) s.network.minCells / s.network.cellsPerSite),
                Math.ceil((double) subscribers / s.network.subscribersPerCell / s.network.cellsPerSite));
        sites = Math.max(sites, s.regions.size());
        cellCount = sites * s.network.cellsPerSite;
        cellId = new String[cellCount];
        siteId = new String[cellCount];
        cellRegion = new int[cellCount];
        cellSite = new int[cellCount];
        lat = new double[cellCount];
        lon = new double[cellCount];
        cellRat = new int[cellCount];
        band = new String[cellCount];
        bad = new boolean[cellCount];
        dropRate = new double[cellCount];
        setupFailureRate = new double[cellCount];
        mos = new double[cellCount];
        dataFailureRate = new double[cellCount];
        throughputFactor = new double[cellCount];
        rttFactor = new double[cellCount];
        outageHoursPerDay = new double[cellCount];

        int[] siteRegion = allocateSites(sites, s);
        Rng rng = new Rng();
        List<List<Integer>> byRegion = new ArrayList<>();
        for (int r = 0; r < s.regions.size(); r++) {
            byRegion.add(new ArrayList<>());
        }
        for (int site = 0; site < sites; site++) {
            rng.reseed(seed, Rng.CELL, site, -1);
            Region region = s.regions.get(siteRegion[site]);
            double siteLat = clamp(region.lat() + s.network.siteSpreadDegrees * rng.gaussian(), -89.9, 89.9);
            double siteLon = clamp(region.lon() + s.network.siteSpreadDegrees * rng.gaussian(), -179.9, 179.9);
            for (int sector = 0; sector < s.network.cellsPerSite; sector++) {
                int c = site * s.network.cellsPerSite + sector;
                cellSite[c] = site;
                cellRegion[c] = siteRegion[site];
                siteId[c] = String.format("ST%05d", site + 1);
                cellId[c] = String.format("CL%05d%d", site + 1, sector + 1);
                lat[c] = Math.round((siteLat + 0.002 * rng.gaussian()) * 1e6) / 1e6;
                lon[c] = Math.round((siteLon + 0.002 * rng.gaussian()) * 1e6) / 1e6;
                cellRat[c] = rng.pick(s.network.cellRatCumulative);
                List<String> bands = s.network.bands.get(cellRat[c]);
                band[c] = bands.get(rng.nextInt(bands.size()));
                byRegion.get(cellRegion[c]).add(c);
            }
        }
        regionCells = new int[s.regions.size()][];
        for (int r = 0; r < regionCells.length; r++) {
            regionCells[r] = byRegion.get(r).stream().mapToInt(Integer::intValue).toArray();
        }

        // Bad cells: a seeded shuffle picks them, at least min-bad-cells, never more than half.
        int badCount = (int) Math.min(cellCount / 2,
                Math.max(s.network.minBadCells, Math.round(cellCount * s.network.badCellShare)));
        int[] order = new int[cellCount];
        for (int i = 0; i < cellCount; i++) {
            order[i] = i;
        }
        rng.reseed(seed, Rng.CELL, -1, -2);
        for (int i = cellCount - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < badCount; i++) {
            bad[order[i]] = true;
        }
        for (int c = 0; c < cellCount; c++) {
            rng.reseed(seed, Rng.CELL, c, -3);
            CellQuality q = bad[c] ? s.network.badCells : s.network.normalCells;
            dropRate[c] = round4(rng.uniform(q.dropRate[0], q.dropRate[1]));
            setupFailureRate[c] = round4(rng.uniform(q.setupFailureRate[0], q.setupFailureRate[1]));
            mos[c] = Math.round(rng.uniform(q.mos[0], q.mos[1]) * 100) / 100.0;
            dataFailureRate[c] = round4(rng.uniform(q.dataFailureRate[0], q.dataFailureRate[1]));
            throughputFactor[c] = round4(rng.uniform(q.throughputFactor[0], q.throughputFactor[1]));
            rttFactor[c] = round4(rng.uniform(q.rttFactor[0], q.rttFactor[1]));
            outageHoursPerDay[c] = bad[c]
                    ? Math.round(rng.uniform(q.outageHoursPerDay[0], q.outageHoursPerDay[1]) * 100) / 100.0
                    : Math.round(q.outageProbabilityPerDay * (q.outageMinutes[0] + q.outageMinutes[1]) / 2 / 60 * 1000) / 1000.0;
        }

        outageCells = new int[days][];
        outageWindows = new int[days][][];
        for (int d = 0; d < days; d++) {
            planOutages(d, rng);
        }
    }

    static ReferenceData build(GeneratorSettings settings, OperatorSettings operator, long seed, long subscribers,
                               DayCalendar calendar, int days) {
        return new ReferenceData(settings, operator, seed, subscribers, calendar, days);
    }

    /** Windows of one day: bad cells are out for hours in one to three windows, normal cells rarely and briefly. */
    private void planOutages(int day, Rng rng) {
        List<Integer> cells = new ArrayList<>();
        List<int[]> windows = new ArrayList<>();
        for (int c = 0; c < cellCount; c++) {
            rng.reseed(seed, Rng.OUTAGE, c, day);
            int[] w;
            if (bad[c]) {
                double hours = outageHoursPerDay[c] * rng.uniform(0.7, 1.3);
                int pieces = rng.between(1, 3);
                int slot = DayCalendar.SECONDS_PER_DAY / pieces;
                w = new int[pieces * 4];
                for (int k = 0; k < pieces; k++) {
                    int length = (int) Math.min(slot - 120, hours * 3600 / pieces);
                    int begin = k * slot + rng.nextInt(Math.max(1, slot - length - 60));
                    w[k * 4] = begin;
                    w[k * 4 + 1] = begin + length;
                    w[k * 4 + 2] = rng.nextInt(BAD_OUTAGE_CAUSES.size());
                    w[k * 4 + 3] = rng.chance(settings.network.openOutageShare) ? 1 : 0;
                }
            } else if (rng.chance(settings.network.normalCells.outageProbabilityPerDay)) {
                double[] minutes = settings.network.normalCells.outageMinutes;
                int length = (int) (60 * rng.uniform(minutes[0], minutes[1]));
                int cause = rng.nextInt(NORMAL_OUTAGE_CAUSES.size());
                // Maintenance happens at night; the other causes strike at any time.
                int begin = cause == 0 ? rng.between(3600, 4 * 3600) : rng.nextInt(DayCalendar.SECONDS_PER_DAY - length - 60);
                w = new int[]{begin, begin + length, cause, rng.chance(settings.network.openOutageShare) ? 1 : 0};
            } else {
                continue;
            }
            cells.add(c);
            windows.add(w);
        }
        outageCells[day] = cells.stream().mapToInt(Integer::intValue).toArray();
        outageWindows[day] = windows.toArray(new int[0][]);
    }

    int badCellCount() {
        int count = 0;
        for (boolean b : bad) {
            count += b ? 1 : 0;
        }
        return count;
    }

    /** True when the cell is out of service at that second of day {@code day} (0..days-1). */
    boolean inOutage(int cell, int day, int secondOfDay) {
        if (day < 0 || day >= days) {
            return false;
        }
        int k = Arrays.binarySearch(outageCells[day], cell);
        if (k < 0) {
            return false;
        }
        int[] w = outageWindows[day][k];
        for (int i = 0; i < w.length; i += 4) {
            if (secondOfDay >= w[i] && secondOfDay < w[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Another cell of the same site, else of the region: who carries traffic while a cell is out. */
    int neighbour(int cell, Rng rng) {
        int perSite = settings.network.cellsPerSite;
        if (perSite > 1) {
            int site = cellSite[cell];
            int other = site * perSite + (cell - site * perSite + 1 + rng.nextInt(perSite - 1)) % perSite;
            return other;
        }
        return otherCellInRegion(cell, rng);
    }

    int otherCellInRegion(int cell, Rng rng) {
        int[] cells = regionCells[cellRegion[cell]];
        if (cells.length < 2) {
            return cell;
        }
        int other = cells[rng.nextInt(cells.length)];
        return other == cell ? cells[(Arrays.binarySearch(cells, cell) + 1) % cells.length] : other;
    }

    // ---- numbering plan -------------------------------------------------------------------

    /**
     * The national number of subscriber {@code index}: a configured mobile prefix followed by an
     * affine permutation of the index, so numbers are unique, look random and need no lookup.
     */
    String nationalNumber(long index) {
        String prefix = mobilePrefixes.get((int) Long.remainderUnsigned(Rng.mix(seed ^ index ^ 0x51ED2701L), mobilePrefixes.size()));
        int digits = nationalLength - prefix.length();
        int permuted = Math.min(digits, 9);
        long modulus = pow10(permuted);
        long multiplier = Long.remainderUnsigned(Rng.mix(seed + 17), modulus / 10) * 10 + 7;
        long offset = Long.remainderUnsigned(Rng.mix(seed + 29), modulus);
        long value = (multiplier % modulus * (index % modulus) + offset) % modulus;
        StringBuilder sb = new StringBuilder(nationalLength).append(prefix);
        for (int i = permuted; i < digits; i++) {
            sb.append((char) ('0' + Long.remainderUnsigned(Rng.mix(seed ^ (index * 31 + i)), 10)));
        }
        String tail = Long.toString(value);
        for (int i = tail.length(); i < permuted; i++) {
            sb.append('0');
        }
        return sb.append(tail).toString();
    }

    String e164(String national) {
        return countryCode + national;
    }

    String countryCode() {
        return countryCode;
    }

    /** A mobile number that is not one of ours (it may rarely coincide; that is a call to a subscriber). */
    String outsideMobile(Rng rng) {
        String prefix = mobilePrefixes.get(rng.nextInt(mobilePrefixes.size()));
        StringBuilder sb = new StringBuilder(nationalLength).append(prefix);
        while (sb.length() < nationalLength) {
            sb.append((char) ('0' + rng.nextInt(10)));
        }
        return sb.toString();
    }

    /** A two-digit national prefix no mobile number starts with, for BAD_MSISDN rows. */
    String nonMobilePrefix(Rng rng) {
        return nonMobilePrefixes[rng.nextInt(nonMobilePrefixes.length)];
    }

    private static String[] nonMobilePrefixes(OperatorSettings operator) {
        List<String> free = new ArrayList<>();
        for (int p = 10; p < 100; p++) {
            String candidate = Integer.toString(p);
            if (operator.mobilePrefixes().stream().noneMatch(m -> candidate.startsWith(m) || m.startsWith(candidate))
                    && !candidate.startsWith(operator.countryCode())) {
                free.add(candidate);
            }
        }
        if (free.isEmpty()) {
            free.add("00");
        }
        return free.subList(0, Math.min(4, free.size())).toArray(new String[0]);
    }

    private void checkNumberingPlan(long subscribers) {
        for (String prefix : mobilePrefixes) {
            int digits = nationalLength - prefix.length();
            if (digits < 1 || pow10(Math.min(digits, 9)) < subscribers) {
                throw new GanzhiException("cannot number " + subscribers + " subscribers with mobile prefix " + prefix
                        + " and national numbers of " + nationalLength + " digits: use fewer subscribers");
            }
        }
        if (mobilePrefixes.isEmpty()) {
            throw new GanzhiException("ganzhi.operator.mobile-prefixes is empty: the generator cannot number subscribers");
        }
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }

    /** Sites per region proportional to weight (largest remainder), at least one per region. */
    private static int[] allocateSites(int sites, GeneratorSettings s) {
        int regions = s.regions.size();
        double total = s.regions.stream().mapToDouble(Region::weight).sum();
        int[] count = new int[regions];
        double[] remainder = new double[regions];
        int assigned = 0;
        for (int r = 0; r < regions; r++) {
            double exact = (sites - regions) * s.regions.get(r).weight() / total;
            count[r] = 1 + (int) exact;
            remainder[r] = exact - (int) exact;
            assigned += count[r];
        }
        while (assigned < sites) {
            int best = 0;
            for (int r = 1; r < regions; r++) {
                if (remainder[r] > remainder[best]) {
                    best = r;
                }
            }
            count[best]++;
            remainder[best] = -1;
            assigned++;
        }
        int[] siteRegion = new int[sites];
        int site = 0;
        for (int r = 0; r < regions; r++) {
            for (int k = 0; k < count[r] && site < sites; k++) {
                siteRegion[site++] = r;
            }
        }
        return siteRegion;
    }

    private static double clamp(double v, double low, double high) {
        return Math.max(low, Math.min(high, v));
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
