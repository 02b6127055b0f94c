package org.ganzhi.generate;

import org.ganzhi.generate.Planted.Cause;
import org.ganzhi.generate.Planted.Persona;

import java.util.ArrayList;
import java.util.List;

/**
 * Who one subscriber is: the planted truth that drives everything the subscriber does in the
 * feeds. Persona, experience cause, home cell, plan, device, tenure, bill cycle, usage
 * multipliers, churn and suspension are all drawn from the subscriber's own PROFILE stream, so
 * the same index always gives the same subscriber. A subscriber whose home cell is BAD has the
 * NETWORK cause and nobody else has it.
 */
final class SubscriberProfile {
    final long index;
    final String national;
    final String e164;
    final Persona persona;
    final Cause cause;
    final PersonaSettings behaviour;
    final int region;
    final String city;
    final int homeCell;
    final int ageBand;
    final int activationDay;
    final int deviceType;
    final DeviceSpec device;
    final PlanSpec plan;
    final int planIndex;
    final boolean enterprise;
    final String familyGroupId;
    final int billCycleDay;
    final double voiceMultiplier;
    final double dataMultiplier;
    final double careMultiplier;
    /** First day with status CHURNED (no events from then on), or Integer.MAX_VALUE. */
    final int churnDay;
    /** Suspended on days [suspendedFrom, suspendedUntil), or an empty interval. */
    final int suspendedFrom;
    final int suspendedUntil;
    final double voiceLegsPerDay;
    final double dataSessionsPerDay;
    final double dataMbPerDay;
    final double voiceMinutesPerDay;

    private SubscriberProfile(Builder b) {
        index = b.index;
        national = b.national;
        e164 = b.e164;
        persona = b.persona;
        cause = b.cause;
        behaviour = b.behaviour;
        region = b.region;
        city = b.city;
        homeCell = b.homeCell;
        ageBand = b.ageBand;
        activationDay = b.activationDay;
        deviceType = b.deviceType;
        device = b.device;
        plan = b.plan;
        planIndex = b.planIndex;
        enterprise = b.enterprise;
        familyGroupId = b.familyGroupId;
        billCycleDay = b.billCycleDay;
        voiceMultiplier = b.voiceMultiplier;
        dataMultiplier = b.dataMultiplier;
        careMultiplier = b.careMultiplier;
        churnDay = b.churnDay;
        suspendedFrom = b.suspendedFrom;
        suspendedUntil = b.suspendedUntil;
        voiceLegsPerDay = b.voiceLegsPerDay;
        dataSessionsPerDay = b.dataSessionsPerDay;
        dataMbPerDay = b.dataMbPerDay;
        voiceMinutesPerDay = b.voiceMinutesPerDay;
    }

    boolean badExperience() {
        return cause != Cause.NONE;
    }

    boolean suspendedOn(int day) {
        return day >= suspendedFrom && day < suspendedUntil;
    }

    boolean churnedBy(int day) {
        return day >= churnDay;
    }

    /** Days until this subscriber leaves (1 on their last day), or Integer.MAX_VALUE. */
    int daysLeft(int day) {
        return churnDay == Integer.MAX_VALUE ? Integer.MAX_VALUE : churnDay - day;
    }

    /** How much of their usual use a leaver still has: fading linearly to {@code floor} over the last {@code days}. */
    double leavingUsage(int day, int days, double floor) {
        int left = daysLeft(day);
        return left > days ? 1.0 : floor + (1 - floor) * (left - 1) / days;
    }

    String status(int day) {
        if (churnedBy(day)) {
            return "CHURNED";
        }
        return suspendedOn(day) ? "SUSPENDED" : "ACTIVE";
    }

    String ageBandCode() {
        return Planted.AGE_BANDS.get(ageBand);
    }

    String deviceTypeCode() {
        return Planted.DEVICE_TYPES.get(deviceType);
    }

    /** Share of expected monthly data use the plan's allowance covers (below 1 = usage above allowance). */
    double planDataCoverage() {
        double monthly = dataMbPerDay * 30;
        return monthly <= 0 ? 10 : Math.min(10, plan.dataMb() / monthly);
    }

    private static final class Builder {
        long index;
        String national;
        String e164;
        Persona persona;
        Cause cause;
        PersonaSettings behaviour;
        int region;
        String city;
        int homeCell;
        int ageBand;
        int activationDay;
        int deviceType;
        DeviceSpec device;
        PlanSpec plan;
        int planIndex;
        boolean enterprise;
        String familyGroupId;
        int billCycleDay;
        double voiceMultiplier;
        double dataMultiplier;
        double careMultiplier;
        int churnDay = Integer.MAX_VALUE;
        int suspendedFrom;
        int suspendedUntil;
        double voiceLegsPerDay;
        double dataSessionsPerDay;
        double dataMbPerDay;
        double voiceMinutesPerDay;
    }

    /** Draws subscriber {@code index}. {@code rng} is reused scratch state. */
    static SubscriberProfile plant(long index, ReferenceData ref, Rng rng) {
        GeneratorSettings s = ref.settings;
        Builder b = new Builder();
        b.index = index;
        b.national = ref.nationalNumber(index);
        b.e164 = ref.e164(b.national);

        // Family groups are blocks of four consecutive indices; members share a region.
        long block = index / 4;
        Rng family = new Rng(ref.seed, Rng.FAMILY, block, 0);
        boolean inFamily = family.chance(s.population.familyShare);
        int familyRegion = family.pick(s.regionCumulative);
        if (inFamily) {
            b.familyGroupId = "fg" + Long.toHexString(Rng.mix(ref.seed ^ (block * 0x2545F4914F6CDD1DL)) >>> 8);
        }

        rng.reseed(ref.seed, Rng.PROFILE, index, 0);
        b.persona = Persona.values()[rng.pick(s.personaCumulative)];
        b.behaviour = s.personas[b.persona.ordinal()];
        PersonaSettings ps = b.behaviour;
        b.region = inFamily ? familyRegion : rng.pick(s.regionCumulative);
        List<String> cities = s.regions.get(b.region).cities();
        b.city = cities.get(rng.nextInt(cities.size()));
        int[] cells = ref.regionCells[b.region];
        b.homeCell = cells[rng.nextInt(cells.length)];
        b.ageBand = rng.pick(ps.ageCumulative);
        b.enterprise = rng.chance(s.population.enterpriseShare * (b.persona == Persona.VOICE ? 1.8 : 1.0));
        b.billCycleDay = rng.between(1, s.population.billCycleDays);
        if (rng.chance(s.population.onboardingShare)) {
            b.activationDay = -rng.between(1, 89);
        } else {
            double years = Math.min(s.population.maxTenureYears, rng.lognormal(3.0, 0.8));
            b.activationDay = -(90 + (int) (years * 365));
        }

        // Experience cause: NETWORK exactly for the subscribers of bad cells.
        if (ref.bad[b.homeCell]) {
            b.cause = Cause.NETWORK;
        } else {
            double u = rng.nextDouble();
            b.cause = Cause.NONE;
            double acc = 0;
            for (Cause c : Cause.values()) {
                acc += s.causeShares[c.ordinal()];
                if (u < acc) {
                    b.cause = c;
                    break;
                }
            }
        }

        b.deviceType = rng.pick(ps.deviceCumulative);
        b.device = pickDevice(ref.devices, Planted.DEVICE_TYPES.get(b.deviceType), rng.chance(ps.highEndShare), rng);

        // How much a subscriber uses varies widely; which use dominates is the persona, so voice and
        // data share one activity level and differ from it only a little.
        double activity = rng.unitLognormal(s.usage.usageSigma);
        b.voiceMultiplier = activity * rng.unitLognormal(s.usage.usageSplitSigma);
        b.dataMultiplier = activity * rng.unitLognormal(s.usage.usageSplitSigma);
        b.careMultiplier = rng.unitLognormal(0.5);
        b.voiceLegsPerDay = s.usage.voiceLegsPerDay * ps.voice / personaMean(s, true) * b.voiceMultiplier;
        double deviceData = switch (Planted.DEVICE_TYPES.get(b.deviceType)) {
            case "FEATURE_PHONE" -> 0.05;
            case "MOBILE_HOTSPOT" -> 2.0;
            default -> 1.0;
        };
        if (b.deviceType == 3) {
            b.voiceLegsPerDay = 0;
        }
        b.dataSessionsPerDay = s.usage.dataSessionsPerDay * ps.data / personaMean(s, false) * b.dataMultiplier * deviceData;
        b.dataMbPerDay = b.dataSessionsPerDay * meanSessionMb(s, ps);
        double meanCall = s.usage.callDurationMedian * ps.callLength
                * Math.exp(s.usage.callDurationSigma * s.usage.callDurationSigma / 2);
        b.voiceMinutesPerDay = b.voiceLegsPerDay * s.usage.moShare * 0.85 * Math.min(meanCall, s.usage.maxCallDuration) / 60;

        boolean prepaid = !rng.chance(ps.postpaidShare) && !b.enterprise;
        choosePlan(b, ref, prepaid, inFamily, rng);

        // Churn: a few subscribers leave during the range, mostly those with a bad experience, and
        // light and prepaid subscribers more readily.
        double churnRate = (b.cause == Cause.NONE ? s.lifecycle.churnPerDayGood : s.lifecycle.churnPerDayBad)
                * (activity < s.lifecycle.churnLightActivity ? s.lifecycle.churnLightUserFactor : 1.0)
                * (b.plan.prepaid() ? s.lifecycle.churnPrepaidFactor : 1.0);
        for (int day = 1; day < ref.days; day++) {
            if (rng.chance(churnRate)) {
                b.churnDay = day;
                break;
            }
        }
        double suspension = b.plan.prepaid() ? s.lifecycle.suspensionSharePrepaid : s.lifecycle.suspensionSharePostpaid;
        if (b.persona == Persona.PRICE || b.cause == Cause.BILLING) {
            suspension *= 2;
        }
        if (rng.chance(suspension)) {
            b.suspendedFrom = rng.nextInt(ref.days);
            b.suspendedUntil = b.suspendedFrom + rng.between(1, 5);
        }
        return new SubscriberProfile(b);
    }

    /** Mean persona factor over the persona mix, so the configured volumes stay population averages. */
    static double personaMean(GeneratorSettings s, boolean voice) {
        double total = 0;
        double shares = 0;
        for (PersonaSettings p : s.personas) {
            total += p.share * (voice ? p.voice : p.data);
            shares += p.share;
        }
        return total / shares;
    }

    /** Expected MB of one session of this persona's app mix. */
    static double meanSessionMb(GeneratorSettings s, PersonaSettings ps) {
        double total = 0;
        double weights = 0;
        double durationTail = Math.exp(s.usage.sessionDurationSigma * s.usage.sessionDurationSigma / 2);
        double rateTail = Math.exp(s.usage.sessionRateSigma * s.usage.sessionRateSigma / 2);
        for (int a = 0; a < Planted.APPS.size(); a++) {
            total += ps.appWeights[a] * s.usage.appDuration[a] * durationTail * s.usage.appKbps[a] * rateTail / 8 / 1000;
            weights += ps.appWeights[a];
        }
        return total / weights;
    }

    private static DeviceSpec pickDevice(List<DeviceSpec> devices, String type, boolean highEnd, Rng rng) {
        List<DeviceSpec> sameType = new ArrayList<>();
        List<DeviceSpec> preferred = new ArrayList<>();
        for (DeviceSpec d : devices) {
            if (d.type().equals(type)) {
                sameType.add(d);
                if (d.highEnd() == highEnd) {
                    preferred.add(d);
                }
            }
        }
        List<DeviceSpec> from = preferred.isEmpty() ? sameType : preferred;
        return from.get(rng.nextInt(from.size()));
    }

    /**
     * Plan choice: the segment follows enterprise, family and persona; within it the cheapest plan
     * that covers the expected use. The PRODUCT cause is a planted misfit: a plan far too small for
     * the use, or a 5G plan on a device that cannot use it.
     */
    private static void choosePlan(Builder b, ReferenceData ref, boolean prepaid, boolean inFamily, Rng rng) {
        GeneratorSettings s = ref.settings;
        List<PlanSpec> plans = ref.plans;
        double monthlyMb = b.dataMbPerDay * 30;
        double monthlyMinutes = b.voiceMinutesPerDay * 30;
        boolean fiveG = b.device.fiveG();

        if (b.cause == Cause.PRODUCT) {
            if (rng.chance(0.5) && b.deviceType != 3) {
                // A 5G plan on a phone without 5G.
                List<PlanSpec> fiveGPlans = plans.stream().filter(PlanSpec::needs5g).toList();
                if (!fiveGPlans.isEmpty()) {
                    if (fiveG) {
                        b.deviceType = 1;
                        b.device = pickDevice(ref.devices, Planted.DEVICE_TYPES.get(b.deviceType), false, rng);
                    }
                    setPlan(b, plans, fiveGPlans.get(rng.nextInt(fiveGPlans.size())));
                    return;
                }
            }
            // Far too small: usage at least 2.5 times the allowance.
            List<PlanSpec> small = plans.stream().filter(p -> p.dataMb() * 2.5 < Math.max(monthlyMb, 2048))
                    .filter(p -> !p.segment().equals("ENTERPRISE") && !p.segment().equals("FAMILY")).toList();
            if (!small.isEmpty()) {
                if (monthlyMb < 2048) {
                    // Light users are made heavier so the misfit shows.
                    double scale = 2048 / Math.max(1, monthlyMb);
                    b.dataSessionsPerDay *= scale;
                    b.dataMbPerDay *= scale;
                }
                setPlan(b, plans, small.get(rng.nextInt(small.size())));
                return;
            }
        }

        String segment;
        if (b.enterprise && plans.stream().anyMatch(p -> p.segment().equals("ENTERPRISE"))) {
            segment = "ENTERPRISE";
        } else if (inFamily && rng.chance(s.population.familyPlanShare)
                && plans.stream().anyMatch(p -> p.segment().equals("FAMILY"))) {
            segment = "FAMILY";
        } else if (b.persona == Persona.PRICE) {
            segment = "BUDGET";
        } else if (b.persona == Persona.PRODUCT) {
            segment = "PREMIUM";
        } else {
            segment = null;
        }
        List<PlanSpec> candidates = new ArrayList<>();
        for (PlanSpec p : plans) {
            boolean segmentOk = segment == null
                    ? !p.segment().equals("ENTERPRISE") && !p.segment().equals("FAMILY") && !p.segment().equals("PREMIUM") && p.prepaid() == prepaid
                    : p.segment().equals(segment) && (!segment.equals("BUDGET") || p.prepaid() == prepaid
                    || plans.stream().noneMatch(q -> q.segment().equals("BUDGET") && q.prepaid() == prepaid));
            if (segmentOk && (fiveG || !p.needs5g())) {
                candidates.add(p);
            }
        }
        if (candidates.isEmpty()) {
            for (PlanSpec p : plans) {
                if (!p.needs5g() || fiveG) {
                    candidates.add(p);
                }
            }
        }
        if (candidates.isEmpty()) {
            candidates.addAll(plans);
        }
        // Price-sensitive subscribers ration their use to the allowance, so they pick a tighter plan.
        double need = monthlyMb * (b.persona == Persona.PRICE ? 0.7 : rng.uniform(0.8, 1.05));
        PlanSpec best = null;
        List<PlanSpec> covering = new ArrayList<>();
        for (PlanSpec p : candidates) {
            boolean covers = p.dataMb() >= need && p.voiceMin() >= monthlyMinutes * 0.6;
            if (covers) {
                covering.add(p);
                if (best == null || p.fee() < best.fee()) {
                    best = p;
                }
            }
        }
        // Not everybody shops for the cheapest fit: some take a bigger plan than they need.
        if (best != null && b.persona != Persona.PRICE && rng.chance(0.3)) {
            best = covering.get(rng.nextInt(covering.size()));
        }
        if (best == null) {
            for (PlanSpec p : candidates) {
                if (best == null || p.dataMb() > best.dataMb()) {
                    best = p;
                }
            }
        }
        setPlan(b, plans, best);
        if (b.persona == Persona.PRICE && b.plan.dataMb() < monthlyMb) {
            // Rationing: a price-sensitive subscriber keeps under the allowance.
            double scale = 0.9 * b.plan.dataMb() / monthlyMb;
            b.dataSessionsPerDay *= scale;
            b.dataMbPerDay *= scale;
        }
    }

    private static void setPlan(Builder b, List<PlanSpec> plans, PlanSpec plan) {
        b.plan = plan;
        b.planIndex = plans.indexOf(plan);
    }
}
