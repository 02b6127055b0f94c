package org.ganzhi.generate;

/**
 * The data sessions of one subscriber's day into data_session: the app follows the persona, the
 * radio technology the cell and device, throughput and round-trip time the cell's quality (far
 * worse in an outage). Failed sessions, and stalling video or lagging games on a poor cell, are
 * noted as the day's problems.
 */
final class DataSessions {
    /** Columns of data_session this simulation fills, in the order of the column indexes below. */
    static final String[] COLUMNS = {"record_id", "msisdn", "start_time", "duration_s", "bytes_up", "bytes_down",
            "cell_id", "rat", "app_category", "throughput_kbps", "rtt_ms", "failed"};

    private final SimulatedSubscriber sub;
    private final ReferenceData ref;
    private final GeneratorSettings s;
    private final DayCalendar calendar;
    private final Rng rng;
    private final SourceRow row;
    private int sequence;

    DataSessions(SimulatedSubscriber sub, LandingLines lines) {
        this.sub = sub;
        this.ref = sub.ref;
        this.s = sub.s;
        this.calendar = sub.calendar;
        this.rng = sub.rng;
        this.row = new SourceRow(lines, COLUMNS, sub.out);
    }

    /** A new subscriber: record ids start again. */
    void start() {
        sequence = 0;
    }

    void day(int day, NetworkProblems problems) {
        SubscriberProfile p = sub.p;
        if (!row.on() || p.dataSessionsPerDay <= 0) {
            return;
        }
        int sessions = sub.usageEventsOn(day, Rng.DATA, p.dataSessionsPerDay, s.usage.weekendData);
        for (int k = 0; k < sessions; k++) {
            session(p, day, problems);
        }
    }

    private void session(SubscriberProfile p, int day, NetworkProblems problems) {
        UsageSettings u = s.usage;
        int app = rng.pick(p.behaviour.appCumulative);
        int second = sub.secondOfDay(u.diurnalDataCumulative);
        int cell = sub.servingCell();
        boolean degraded = false;
        if (ref.inOutage(cell, day, second)) {
            cell = ref.neighbour(cell, rng);
            degraded = true;
        }
        int rat = dataRat(p, cell);
        double failureRate = degraded ? s.network.outageDataFailureRate : ref.dataFailureRate[cell] * (rat >= 2 ? 2 : 1);
        boolean failed = rng.chance(failureRate);
        double throughput = u.ratThroughputKbps[rat] * ref.throughputFactor[cell] * (degraded ? 0.3 : 1)
                * rng.lognormal(1, 0.5);
        double rtt = u.ratRttMs[rat] * ref.rttFactor[cell] * (degraded ? 2 : 1) * rng.lognormal(1, 0.3);
        int duration;
        long bytesUp;
        long bytesDown;
        if (failed) {
            duration = rng.between(1, 15);
            bytesDown = rng.nextInt(4000);
            bytesUp = rng.nextInt(1500);
            throughput *= 0.1;
            rtt *= 1.5;
        } else {
            duration = (int) Math.min(14_400, Math.max(1, Math.round(rng.lognormal(u.appDuration[app], u.sessionDurationSigma))));
            double rate = Math.min(u.appKbps[app] * rng.lognormal(1, u.sessionRateSigma), throughput * 0.8);
            long total = (long) (duration * rate * 125);
            bytesUp = (long) (total * u.appUpShare[app]);
            bytesDown = total - bytesUp;
        }
        if (failed) {
            problems.data += 1;
            problems.at(cell, second, p.homeCell);
        } else if ((ref.bad[cell] || degraded) && ((app == 0 && throughput < 3000) || (app == 2 && rtt > 150))) {
            // Stalling video or lagging games on a poor cell: felt, though the session did not fail.
            problems.data += 0.3;
            problems.at(cell, second, p.homeCell);
        }
        row.clear();
        row.set(0, sub.ids.id("ds", p.index, sequence++));
        row.set(1, p.national);
        row.set(2, calendar.timestamp((long) day * DayCalendar.SECONDS_PER_DAY + second));
        row.set(3, Integer.toString(duration));
        row.set(4, Long.toString(bytesUp));
        row.set(5, Long.toString(bytesDown));
        row.set(6, ref.cellId[cell]);
        row.set(7, Planted.CELL_RATS.get(rat));
        row.set(8, Planted.APPS.get(app));
        row.set(9, LandingFormat.oneDecimal(throughput));
        row.set(10, LandingFormat.oneDecimal(rtt));
        row.set(11, failed ? LandingLines.TRUE : LandingLines.FALSE);
        row.deliver(day, day, true, sub.deliveryRng);
    }

    /** Index into CELL_RATS (5G, 4G, 3G, 2G) of a data session on the cell. */
    private int dataRat(SubscriberProfile p, int cell) {
        int cellRat = ref.cellRat[cell];
        if (cellRat >= 2) {
            return cellRat;
        }
        double u = rng.nextDouble();
        if (p.deviceType == 2) {
            return u < 0.3 ? 3 : u < 0.6 ? 2 : 1;
        }
        if (p.device.fiveG() && cellRat == 0) {
            return u < 0.9 ? 0 : 1;
        }
        return u < 0.96 ? 1 : 2;
    }
}
