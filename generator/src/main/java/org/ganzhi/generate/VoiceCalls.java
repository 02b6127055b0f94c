package org.ganzhi.generate;

/**
 * The call legs of one subscriber's day into voice_cdr: how many follows the expected legs, the
 * weekend, day-to-day spread and a leaver's fading use; when, the diurnal curve; where, the
 * serving cell (a neighbour when it is down). Whether a call fails or drops, and its voice
 * quality, follow the cell's quality; failed and dropped calls are noted as the day's problems.
 */
final class VoiceCalls {
    /** Columns of voice_cdr this simulation fills, in the order of the column indexes below. */
    static final String[] COLUMNS = {"record_id", "msisdn", "other_party", "direction", "start_time", "duration_s",
            "cell_id", "rat", "end_cause", "mos", "roaming"};
    private static final int SETUP_FAILED = 0;
    private static final int DROPPED = 1;
    private static final int BUSY = 2;
    private static final int NO_ANSWER = 3;
    private static final int NORMAL = 4;
    private static final String[] END_CAUSES = {"SETUP_FAILED", "DROPPED", "BUSY", "NO_ANSWER", "NORMAL"};

    private final SimulatedSubscriber sub;
    private final ReferenceData ref;
    private final GeneratorSettings s;
    private final DayCalendar calendar;
    private final Rng rng;
    private final SourceRow row;
    private int sequence;

    VoiceCalls(SimulatedSubscriber sub, LandingLines lines) {
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
        if (!row.on() || p.voiceLegsPerDay <= 0) {
            return;
        }
        int legs = sub.usageEventsOn(day, Rng.VOICE, p.voiceLegsPerDay, s.usage.weekendVoice);
        for (int k = 0; k < legs; k++) {
            leg(p, day, problems);
        }
    }

    private void leg(SubscriberProfile p, int day, NetworkProblems problems) {
        UsageSettings u = s.usage;
        int second = sub.secondOfDay(u.diurnalVoiceCumulative);
        int cell = sub.servingCell();
        boolean degraded = false;
        if (ref.inOutage(cell, day, second)) {
            cell = ref.neighbour(cell, rng);
            degraded = true;
        }
        boolean mo = rng.chance(u.moShare);
        String otherParty = otherParty(p);
        String rat = voiceRat(p, cell);
        int endCause;
        int duration = 0;
        String mos = null;
        if (rng.chance(degraded ? s.network.outageSetupFailureRate : ref.setupFailureRate[cell])) {
            endCause = SETUP_FAILED;
        } else {
            double x = rng.nextDouble();
            if (x < u.busyShare) {
                endCause = BUSY;
            } else if (x < u.busyShare + u.noAnswerShare) {
                endCause = NO_ANSWER;
            } else {
                duration = (int) Math.min(u.maxCallDuration,
                        Math.max(1, Math.round(rng.lognormal(u.callDurationMedian * p.behaviour.callLength, u.callDurationSigma))));
                double dropRate = degraded ? Math.max(s.network.outageDropRate, ref.dropRate[cell]) : ref.dropRate[cell];
                endCause = rng.chance(dropRate) ? DROPPED : NORMAL;
                if (endCause == DROPPED) {
                    duration = Math.max(1, (int) (duration * rng.uniform(0.05, 0.9)));
                }
                if (!rng.chance(u.mosMissingShare)) {
                    double m = ref.mos[cell] + u.mosSigma * rng.gaussian() - (endCause == DROPPED ? 0.3 : 0)
                            - (degraded ? 0.8 : 0) - (rat.equals("2G") ? 0.4 : 0);
                    mos = LandingFormat.oneDecimal(Math.max(1.0, Math.min(5.0, m)));
                }
            }
        }
        if (endCause == SETUP_FAILED || endCause == DROPPED) {
            problems.voice++;
            problems.at(cell, second, p.homeCell);
        }
        row.clear();
        row.set(0, sub.ids.id("vc", p.index, sequence++));
        row.set(1, p.national);
        row.set(2, otherParty);
        row.set(3, mo ? "MO" : "MT");
        row.set(4, calendar.timestamp((long) day * DayCalendar.SECONDS_PER_DAY + second));
        row.set(5, Integer.toString(duration));
        row.set(6, ref.cellId[cell]);
        row.set(7, rat);
        row.set(8, END_CAUSES[endCause]);
        row.set(9, mos);
        row.set(10, rng.chance(u.roamingShare) ? LandingLines.TRUE : LandingLines.FALSE);
        row.deliver(day, day, true, sub.deliveryRng);
    }

    private String voiceRat(SubscriberProfile p, int cell) {
        int cellRat = ref.cellRat[cell];
        if (cellRat == 3) {
            return "2G";
        }
        if (cellRat == 2) {
            return "3G";
        }
        double u = rng.nextDouble();
        return switch (p.deviceType) {
            case 2 -> u < 0.4 ? "2G" : u < 0.6 ? "3G" : "VoLTE";
            case 0 -> cellRat == 0 && u < 0.4 ? "VoNR" : u < 0.985 ? "VoLTE" : "3G";
            default -> u < 0.92 ? "VoLTE" : u < 0.98 ? "3G" : "2G";
        };
    }

    /** Who is on the other end: mostly our own subscribers, else other mobiles, fixed lines, short codes. */
    private String otherParty(SubscriberProfile p) {
        switch (rng.pick(s.usage.otherPartyCumulative)) {
            case 0 -> {
                long other = (long) (rng.nextDouble() * ref.subscribers);
                String national = ref.nationalNumber(other == p.index ? (other + 1) % ref.subscribers : other);
                return rng.chance(0.5) ? national : ref.countryCode() + national;
            }
            case 1 -> {
                return ref.countryCode() + ref.outsideMobile(rng);
            }
            case 2 -> {
                String area = s.usage.fixedLineAreaCodes.get(rng.nextInt(s.usage.fixedLineAreaCodes.size()));
                StringBuilder number = new StringBuilder(ref.countryCode()).append(area);
                int digits = area.length() == 2 ? 8 : 7;
                number.append((char) ('2' + rng.nextInt(7)));
                for (int i = 1; i < digits; i++) {
                    number.append((char) ('0' + rng.nextInt(10)));
                }
                return number.toString();
            }
            case 3 -> {
                return s.usage.shortCodes.get(rng.nextInt(s.usage.shortCodes.size()));
            }
            default -> {
                return null;
            }
        }
    }
}
