package org.ganzhi.generate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import org.ganzhi.config.ConfigError;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.generate.Planted.Cause;
import org.ganzhi.generate.Planted.Persona;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator's knobs, read and validated from {@code ganzhi.generate} (the generator's reference.conf)
 * before Spark starts. Weights are kept as cumulative arrays ready for {@link Rng#pick}; fields
 * are plain so the per-row simulation reads them without lookups. Shipped to executors.
 */
final class GeneratorSettings implements Serializable {
    private static final String ROOT = "ganzhi.generate";

    record Region(String name, List<String> cities, double lat, double lon, double weight) implements Serializable {
    }

    record PlanSpec(String id, String name, String type, double fee, long dataMb, int voiceMin, boolean familyShare,
                    String segment, boolean needs5g) implements Serializable {
        boolean prepaid() {
            return type.equals("PREPAID");
        }
    }

    record DeviceSpec(String model, String type, boolean highEnd, boolean fiveG) implements Serializable {
    }

    /** One persona's behaviour (see the comments in the generator's reference.conf). */
    static final class PersonaSettings implements Serializable {
        double share;
        double voice;
        double data;
        double care;
        double surveys;
        double callLength;
        double networkSensitivity;
        double billingSensitivity;
        double serviceSensitivity;
        double[] ageCumulative;
        double[] deviceCumulative;
        double highEndShare;
        double postpaidShare;
        double vasCharge;
        double discountShare;
        double[] appCumulative;
        double[] appWeights;
        double[] channelCumulative;
        double[] itemWeights;
        double itemSpread;
    }

    /** Quality parameters of normal or bad cells: [low, high] ranges. */
    static final class CellQuality implements Serializable {
        double[] dropRate;
        double[] setupFailureRate;
        double[] mos;
        double[] dataFailureRate;
        double[] throughputFactor;
        double[] rttFactor;
        double outageProbabilityPerDay;
        double[] outageMinutes;
        double[] outageHoursPerDay;
    }

    int subscribersPerPartition;
    int maxOpenFilesPerTask;
    int landingGzipLevel;
    double[] msisdnSpellingCumulative;
    List<Region> regions;
    double[] regionCumulative;

    double onboardingShare;
    int maxTenureYears;
    double enterpriseShare;
    double familyShare;
    double familyPlanShare;
    int billCycleDays;

    PersonaSettings[] personas;
    double[] personaCumulative;
    double[] causeShares;

    double voiceLegsPerDay;
    double dataSessionsPerDay;
    double usageSigma;
    double usageSplitSigma;
    double dailySigma;
    int maxEventsPerDay;
    double weekendVoice;
    double weekendData;
    double moShare;
    double[] otherPartyCumulative;
    List<String> shortCodes;
    List<String> fixedLineAreaCodes;
    double roamingShare;
    double[] diurnalVoiceCumulative;
    double[] diurnalDataCumulative;
    double callDurationMedian;
    double callDurationSigma;
    int maxCallDuration;
    double busyShare;
    double noAnswerShare;
    double mosSigma;
    double mosMissingShare;
    double sessionDurationSigma;
    double sessionRateSigma;
    double[] appDuration;
    double[] appKbps;
    double[] appUpShare;
    double[] ratThroughputKbps;
    double[] ratRttMs;

    int subscribersPerCell;
    int minCells;
    int cellsPerSite;
    double siteSpreadDegrees;
    double homeCellShare;
    double badCellShare;
    int minBadCells;
    double[] cellRatCumulative;
    List<List<String>> bands;
    CellQuality normalCells;
    CellQuality badCells;
    double outageSetupFailureRate;
    double outageDropRate;
    double outageDataFailureRate;
    double openOutageShare;

    List<String> serviceItems;
    Map<String, String> serviceItemClass;
    double interactionsPerDay;
    double[][] itemCumulative;       // [persona] → cumulative weights over serviceItems
    double[][] causeItemCumulative;  // [cause] → cumulative weights over serviceItems (null: no such contacts)
    double[] causeContactsPerDay;
    double lowBalanceReminderPerDay;
    double[] handleTimeSeconds;
    double handleTimeSigma;
    double[] outcomesGoodCumulative;
    double[] outcomesBadCumulative;
    double satisfactionShare;

    double complaintNoisePerDay;
    double networkComplaintPerProblem;
    double networkToleratedProblems;
    double networkComplaintMaxPerDay;
    double serviceComplaintPerFailedInteraction;
    double processComplaintPerLateOrder;
    double billingComplaintPerShockBill;
    double[] causeComplaintPerDay;
    double[] repeatShare;
    double[] escalationShare;
    double[][] resolution;
    int[] promisedHours;
    double[] complaintChannelCumulative;
    int complaintLookbackDays;

    double ordersPerDay;
    double[] orderTypeCumulative;
    int[] orderPromisedHours;
    double[] orderCauseFactor;
    double[] orderPlanChangePersonaFactor;
    double orderLateShare;
    double processLateShare;
    int orderLookbackDays;

    int dueDays;
    int exportDelayDays;
    double dataOveragePerGb;
    double voiceOveragePerMin;
    double[] billShockShare;
    double shockDisputeShare;
    double[] paymentCumulative;
    double billRoamingShare;

    double relationshipSurveysPerDay;
    double surveyAfterInteraction;
    double surveyAfterOrder;
    double surveyAfterBill;
    double[] surveyChannelCumulative;
    double scoreGood;
    double scoreBad;
    double scoreBadTouchpoint;
    double scoreSigma;

    /** Product ids of the adoption funnel, sorted; the arrays below are indexed like this list. */
    List<String> products;
    double[] productContactsPerDay;
    /** [product][stage]: conversion of FUNNEL_STAGES[stage] from the stage before (stage 0 unused). */
    double[][] productConversion;
    double[] productPersonaFactor;
    int productRecontactDays;
    /** [stage][low, high] days from the stage before (stage 0 unused). */
    int[][] productDelayDays;
    double productRepeatUse;
    int[] productRepeatUseDays;
    /** [stage] → cumulative weights over PRODUCT_CHANNELS. */
    double[][] productChannelCumulative;

    double churnPerDayBad;
    double churnPerDayGood;
    double churnLightUserFactor;
    double churnLightActivity;
    double churnPrepaidFactor;
    int leavingDays;
    double portOutShare;
    double leavingUsageFloor;
    double leavingComplaintPerDay;
    double suspensionSharePrepaid;
    double suspensionSharePostpaid;

    double lateShare;
    int maxLateDays;
    double dirtyShare;
    Map<String, Double> dirtySourceShares;

    List<PlanSpec> plans;
    List<DeviceSpec> devices;

    static GeneratorSettings from(GanzhiConfig config) {
        try {
            return read(config.raw().getConfig(ROOT), config);
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage());
        }
    }

    private static GeneratorSettings read(Config c, GanzhiConfig config) {
        GeneratorSettings s = new GeneratorSettings();
        s.subscribersPerPartition = positiveInt(c, "subscribers-per-partition");
        s.maxOpenFilesPerTask = positiveInt(c, "max-open-files-per-task");
        s.landingGzipLevel = c.getInt("landing-gzip-level");
        if (s.landingGzipLevel < 1 || s.landingGzipLevel > 9) {
            throw new ConfigError(ROOT + ".landing-gzip-level must be 1..9");
        }
        s.msisdnSpellingCumulative = cumulative(c, "msisdn-spellings",
                List.of("national", "e164-plus", "e164", "international-00", "spaced", "dashed"));

        s.regions = new ArrayList<>();
        for (Config r : c.getConfigList("regions")) {
            List<String> cities = List.copyOf(r.getStringList("cities"));
            if (cities.isEmpty()) {
                throw new ConfigError(ROOT + ".regions: region " + r.getString("name") + " has no cities");
            }
            s.regions.add(new Region(r.getString("name"), cities, r.getDouble("lat"), r.getDouble("lon"), r.getDouble("weight")));
        }
        if (s.regions.isEmpty()) {
            throw new ConfigError(ROOT + ".regions must name at least one region");
        }
        s.regionCumulative = Rng.cumulative(s.regions.stream().mapToDouble(Region::weight).toArray());

        Config sub = c.getConfig("subscribers");
        s.onboardingShare = share(sub, "onboarding-share");
        s.maxTenureYears = positiveInt(sub, "max-tenure-years");
        s.enterpriseShare = share(sub, "enterprise-share");
        s.familyShare = share(sub, "family-share");
        s.familyPlanShare = share(sub, "family-plan-share");
        s.billCycleDays = sub.getInt("bill-cycle-days");
        if (s.billCycleDays < 1 || s.billCycleDays > 28) {
            throw new ConfigError(ROOT + ".subscribers.bill-cycle-days must be 1..28");
        }

        s.serviceItems = config.serviceItemClasses().keySet().stream().sorted().toList();
        s.serviceItemClass = Map.copyOf(config.serviceItemClasses());
        double[] baseItems = weights(c, "care.service-items", s.serviceItems);
        s.causeItemCumulative = new double[Cause.values().length][];
        for (Cause cause : Cause.values()) {
            String path = "care.cause-items." + cause.name();
            s.causeItemCumulative[cause.ordinal()] = c.hasPath(path) ? Rng.cumulative(weights(c, path, s.serviceItems)) : null;
        }

        s.personas = new PersonaSettings[Persona.values().length];
        double[] personaShares = new double[s.personas.length];
        for (Persona persona : Persona.values()) {
            String path = "personas." + persona.name();
            if (!c.hasPath(path)) {
                throw new ConfigError(ROOT + "." + path + " is missing (every persona needs its settings)");
            }
            Config p = c.getConfig(path);
            PersonaSettings ps = new PersonaSettings();
            ps.share = p.getDouble("share");
            ps.voice = p.getDouble("voice");
            ps.data = p.getDouble("data");
            ps.care = p.getDouble("care");
            ps.surveys = p.getDouble("surveys");
            ps.callLength = p.getDouble("call-length");
            ps.networkSensitivity = p.getDouble("network-sensitivity");
            ps.billingSensitivity = p.getDouble("billing-sensitivity");
            ps.serviceSensitivity = p.getDouble("service-sensitivity");
            ps.ageCumulative = cumulativeList(p, "age-bands", Planted.AGE_BANDS.size(), ROOT + "." + path);
            ps.deviceCumulative = cumulativeList(p, "devices", Planted.DEVICE_TYPES.size(), ROOT + "." + path);
            ps.highEndShare = share(p, "high-end-share");
            ps.postpaidShare = share(p, "postpaid-share");
            ps.vasCharge = p.getDouble("vas-charge");
            ps.discountShare = share(p, "discount-share");
            ps.appWeights = weights(p, "apps", Planted.APPS);
            ps.appCumulative = Rng.cumulative(ps.appWeights);
            ps.channelCumulative = Rng.cumulative(weights(p, "channels", Planted.INTERACTION_CHANNELS));
            ps.itemWeights = p.hasPath("service-items") ? weights(p, "service-items", s.serviceItems) : new double[s.serviceItems.size()];
            ps.itemSpread = p.hasPath("service-items-spread") ? p.getDouble("service-items-spread") : 0;
            s.personas[persona.ordinal()] = ps;
            personaShares[persona.ordinal()] = ps.share;
        }
        s.personaCumulative = Rng.cumulative(personaShares);
        s.itemCumulative = new double[Persona.values().length][];
        for (Persona persona : Persona.values()) {
            double[] w = new double[s.serviceItems.size()];
            PersonaSettings ps = s.personas[persona.ordinal()];
            for (int i = 0; i < w.length; i++) {
                w[i] = baseItems[i] + ps.itemWeights[i] + ps.itemSpread;
                // Reminders are sent by the operator, not asked for: the spread of a SERVICE
                // persona does not make them more frequent.
                if (s.serviceItemClass.get(s.serviceItems.get(i)).equals("REMINDER")) {
                    w[i] -= ps.itemSpread;
                }
            }
            s.itemCumulative[persona.ordinal()] = Rng.cumulative(w);
        }

        s.causeShares = new double[Cause.values().length];
        Config causes = c.getConfig("experience.cause-shares");
        double causeTotal = 0;
        for (String key : causes.root().keySet()) {
            Cause cause = parseEnum(Cause.class, key, ROOT + ".experience.cause-shares");
            if (cause == Cause.NONE || cause == Cause.NETWORK) {
                throw new ConfigError(ROOT + ".experience.cause-shares: " + cause
                        + " is not drawn (NONE is the rest, NETWORK is the subscribers of bad cells)");
            }
            s.causeShares[cause.ordinal()] = share(causes, key);
            causeTotal += s.causeShares[cause.ordinal()];
        }
        if (causeTotal >= 1) {
            throw new ConfigError(ROOT + ".experience.cause-shares must add up to less than 1 (the rest is NONE)");
        }

        Config u = c.getConfig("usage");
        s.voiceLegsPerDay = u.getDouble("voice-legs-per-day");
        s.dataSessionsPerDay = u.getDouble("data-sessions-per-day");
        s.usageSigma = u.getDouble("usage-sigma");
        s.usageSplitSigma = u.getDouble("usage-split-sigma");
        s.dailySigma = u.getDouble("daily-sigma");
        s.maxEventsPerDay = positiveInt(u, "max-events-per-day");
        if (s.maxEventsPerDay > 16000) {
            throw new ConfigError(ROOT + ".usage.max-events-per-day must be at most 16000");
        }
        s.weekendVoice = u.getDouble("weekend-voice");
        s.weekendData = u.getDouble("weekend-data");
        s.moShare = share(u, "mo-share");
        s.otherPartyCumulative = cumulative(u, "other-party",
                List.of("subscriber", "outside-mobile", "fixed-line", "short-code", "withheld"));
        s.shortCodes = List.copyOf(u.getStringList("short-codes"));
        s.fixedLineAreaCodes = List.copyOf(u.getStringList("fixed-line-area-codes"));
        if (s.shortCodes.isEmpty() || s.fixedLineAreaCodes.isEmpty()) {
            throw new ConfigError(ROOT + ".usage.short-codes and fixed-line-area-codes must not be empty");
        }
        s.roamingShare = share(u, "roaming-share");
        s.diurnalVoiceCumulative = cumulativeList(u, "diurnal-voice", 24, ROOT + ".usage");
        s.diurnalDataCumulative = cumulativeList(u, "diurnal-data", 24, ROOT + ".usage");
        s.callDurationMedian = u.getDouble("call-duration-median-s");
        s.callDurationSigma = u.getDouble("call-duration-sigma");
        s.maxCallDuration = positiveInt(u, "max-call-duration-s");
        s.busyShare = share(u, "busy-share");
        s.noAnswerShare = share(u, "no-answer-share");
        s.mosSigma = u.getDouble("mos-sigma");
        s.mosMissingShare = share(u, "mos-missing-share");
        s.sessionDurationSigma = u.getDouble("session-duration-sigma");
        s.sessionRateSigma = u.getDouble("session-rate-sigma");
        int apps = Planted.APPS.size();
        s.appDuration = new double[apps];
        s.appKbps = new double[apps];
        s.appUpShare = new double[apps];
        for (int i = 0; i < apps; i++) {
            Config a = u.getConfig("apps." + Planted.APPS.get(i));
            s.appDuration[i] = a.getDouble("duration-s");
            s.appKbps[i] = a.getDouble("kbps");
            s.appUpShare[i] = share(a, "up-share");
        }
        s.ratThroughputKbps = new double[Planted.CELL_RATS.size()];
        s.ratRttMs = new double[Planted.CELL_RATS.size()];
        for (int i = 0; i < Planted.CELL_RATS.size(); i++) {
            Config r = u.getConfig("rat-performance.\"" + Planted.CELL_RATS.get(i) + "\"");
            s.ratThroughputKbps[i] = r.getDouble("throughput-kbps");
            s.ratRttMs[i] = r.getDouble("rtt-ms");
        }

        Config n = c.getConfig("network");
        s.subscribersPerCell = positiveInt(n, "subscribers-per-cell");
        s.minCells = positiveInt(n, "min-cells");
        s.cellsPerSite = positiveInt(n, "cells-per-site");
        s.siteSpreadDegrees = n.getDouble("site-spread-degrees");
        s.homeCellShare = share(n, "home-cell-share");
        s.badCellShare = share(n, "bad-cell-share");
        s.minBadCells = n.getInt("min-bad-cells");
        s.cellRatCumulative = cumulative(n, "cell-rats", Planted.CELL_RATS);
        s.bands = new ArrayList<>();
        for (String rat : Planted.CELL_RATS) {
            List<String> b = List.copyOf(n.getStringList("bands.\"" + rat + "\""));
            if (b.isEmpty()) {
                throw new ConfigError(ROOT + ".network.bands." + rat + " must not be empty");
            }
            s.bands.add(b);
        }
        s.normalCells = quality(n.getConfig("normal"), false);
        s.badCells = quality(n.getConfig("bad"), true);
        s.outageSetupFailureRate = share(n, "in-outage.setup-failure-rate");
        s.outageDropRate = share(n, "in-outage.drop-rate");
        s.outageDataFailureRate = share(n, "in-outage.data-failure-rate");
        s.openOutageShare = share(n, "open-outage-share");

        Config care = c.getConfig("care");
        s.interactionsPerDay = care.getDouble("interactions-per-day");
        s.causeContactsPerDay = enumWeights(care, "cause-contacts-per-day", Cause.class, 0.0);
        for (Cause cause : Cause.values()) {
            if (s.causeContactsPerDay[cause.ordinal()] > 0 && s.causeItemCumulative[cause.ordinal()] == null) {
                throw new ConfigError(ROOT + ".care.cause-items." + cause.name() + " is missing (" + cause.name()
                        + " has cause contacts)");
            }
        }
        s.lowBalanceReminderPerDay = share(care, "low-balance-reminder-per-day");
        s.handleTimeSeconds = weights(care, "handle-time-s", Planted.INTERACTION_CHANNELS);
        s.handleTimeSigma = care.getDouble("handle-time-sigma");
        s.outcomesGoodCumulative = cumulative(care, "outcomes-good", Planted.OUTCOMES);
        s.outcomesBadCumulative = cumulative(care, "outcomes-bad", Planted.OUTCOMES);
        s.satisfactionShare = share(care, "satisfaction-share");

        Config cp = c.getConfig("complaints");
        s.complaintNoisePerDay = share(cp, "noise-per-day");
        s.networkComplaintPerProblem = share(cp, "network-per-problem");
        s.networkToleratedProblems = cp.getDouble("network-tolerated-problems");
        s.networkComplaintMaxPerDay = share(cp, "network-max-per-day");
        s.serviceComplaintPerFailedInteraction = share(cp, "service-per-failed-interaction");
        s.processComplaintPerLateOrder = share(cp, "process-per-late-order");
        s.billingComplaintPerShockBill = share(cp, "billing-per-shock-bill");
        s.causeComplaintPerDay = enumWeights(cp, "cause-per-day", Cause.class, 0.0);
        s.repeatShare = enumWeightsWithDefault(cp, "repeat-share");
        s.escalationShare = enumWeightsWithDefault(cp, "escalation-share");
        s.resolution = new double[Cause.values().length][];
        for (Cause cause : Cause.values()) {
            s.resolution[cause.ordinal()] = range(cp, "resolution." + cause.name());
        }
        double[] promised = weights(cp, "promised-hours", Planted.COMPLAINT_CATEGORIES);
        s.promisedHours = new int[promised.length];
        for (int i = 0; i < promised.length; i++) {
            s.promisedHours[i] = (int) Math.max(1, Math.round(promised[i]));
        }
        s.complaintChannelCumulative = cumulative(cp, "channels", Planted.INTERACTION_CHANNELS);
        s.complaintLookbackDays = cp.getInt("lookback-days");

        Config o = c.getConfig("service-orders");
        s.ordersPerDay = o.getDouble("per-day");
        s.orderTypeCumulative = cumulative(o, "types", Planted.ORDER_TYPES);
        double[] orderPromised = weights(o, "promised-hours", Planted.ORDER_TYPES);
        s.orderPromisedHours = new int[orderPromised.length];
        for (int i = 0; i < orderPromised.length; i++) {
            s.orderPromisedHours[i] = (int) Math.max(1, Math.round(orderPromised[i]));
        }
        s.orderCauseFactor = enumWeights(o, "cause-factors", Cause.class, 1.0);
        s.orderPlanChangePersonaFactor = enumWeights(o, "persona-plan-change", Persona.class, 1.0);
        s.orderLateShare = share(o, "late-share");
        s.processLateShare = share(o, "process-late-share");
        s.orderLookbackDays = o.getInt("lookback-days");

        Config b = c.getConfig("billing");
        s.dueDays = b.getInt("due-days");
        s.exportDelayDays = b.getInt("export-delay-days");
        s.dataOveragePerGb = b.getDouble("data-overage-per-gb");
        s.voiceOveragePerMin = b.getDouble("voice-overage-per-min");
        s.billShockShare = enumWeightsWithDefault(b, "shock-share");
        s.shockDisputeShare = share(b, "shock-dispute-share");
        s.paymentCumulative = cumulative(b, "payment", List.of("on-time", "late", "partial", "unpaid"));
        s.billRoamingShare = share(b, "roaming-share");

        Config sv = c.getConfig("surveys");
        s.relationshipSurveysPerDay = share(sv, "relationship-per-day");
        s.surveyAfterInteraction = share(sv, "after-interaction");
        s.surveyAfterOrder = share(sv, "after-order");
        s.surveyAfterBill = share(sv, "after-bill");
        s.surveyChannelCumulative = cumulative(sv, "channels", Planted.SURVEY_CHANNELS);
        s.scoreGood = sv.getDouble("score-good");
        s.scoreBad = sv.getDouble("score-bad");
        s.scoreBadTouchpoint = sv.getDouble("score-bad-touchpoint");
        s.scoreSigma = sv.getDouble("score-sigma");

        readProductFunnel(c.getConfig("product-funnel"), s);

        Config l = c.getConfig("lifecycle");
        s.churnPerDayBad = share(l, "churn-per-day.bad-experience");
        s.churnPerDayGood = share(l, "churn-per-day.good-experience");
        s.churnLightUserFactor = l.getDouble("churn-factors.light-user");
        s.churnLightActivity = l.getDouble("churn-factors.light-activity");
        s.churnPrepaidFactor = l.getDouble("churn-factors.prepaid");
        s.leavingDays = l.getInt("leaving.days");
        s.portOutShare = share(l, "port-out-share");
        s.leavingUsageFloor = share(l, "leaving.usage-floor");
        s.leavingComplaintPerDay = share(l, "leaving.complaint-per-day");
        if (s.churnLightUserFactor < 0 || s.churnPrepaidFactor < 0 || s.leavingDays < 1) {
            throw new IllegalArgumentException("ganzhi.generate.lifecycle: churn factors must not be negative and leaving.days "
                    + "must be at least 1");
        }
        s.suspensionSharePrepaid = share(l, "suspension-share.PREPAID");
        s.suspensionSharePostpaid = share(l, "suspension-share.POSTPAID");

        s.lateShare = share(c, "delivery.late-share");
        s.maxLateDays = c.getInt("delivery.max-late-days");
        if (s.maxLateDays < 1 || s.maxLateDays > 30) {
            throw new ConfigError(ROOT + ".delivery.max-late-days must be 1..30");
        }
        s.dirtyShare = share(c, "dirty.share");
        s.dirtySourceShares = new HashMap<>();
        if (c.hasPath("dirty.source-shares")) {
            Config d = c.getConfig("dirty.source-shares");
            for (String source : d.root().keySet()) {
                s.dirtySourceShares.put(source, share(d, source));
            }
        }
        if (s.dirtyShare * 8 >= 1 || s.dirtySourceShares.values().stream().anyMatch(v -> v * 8 >= 1)) {
            throw new ConfigError(ROOT + ".dirty shares are per kind and must stay below 0.125");
        }

        s.plans = new ArrayList<>();
        for (Config p : c.getConfigList("plans")) {
            String segment = p.getString("segment");
            if (!Planted.PLAN_SEGMENTS.contains(segment)) {
                throw new ConfigError(ROOT + ".plans: plan " + p.getString("id") + " has unknown segment " + segment
                        + " (expected one of " + Planted.PLAN_SEGMENTS + ")");
            }
            String type = p.getString("type");
            if (!type.equals("PREPAID") && !type.equals("POSTPAID")) {
                throw new ConfigError(ROOT + ".plans: plan " + p.getString("id") + " type must be PREPAID or POSTPAID");
            }
            s.plans.add(new PlanSpec(p.getString("id"), p.getString("name"), type, p.getDouble("fee"),
                    p.getLong("data-mb"), p.getInt("voice-min"),
                    p.hasPath("family-share") && p.getBoolean("family-share"), segment,
                    p.hasPath("needs-5g") && p.getBoolean("needs-5g")));
        }
        for (String segment : List.of("BUDGET", "STANDARD", "PREMIUM")) {
            if (s.plans.stream().noneMatch(p -> p.segment().equals(segment))) {
                throw new ConfigError(ROOT + ".plans needs at least one plan of segment " + segment);
            }
        }
        if (s.plans.stream().noneMatch(p -> p.prepaid()) || s.plans.stream().noneMatch(p -> !p.prepaid())) {
            throw new ConfigError(ROOT + ".plans needs prepaid and postpaid plans");
        }
        s.devices = new ArrayList<>();
        for (Config d : c.getConfigList("devices")) {
            String type = d.getString("type");
            if (!Planted.DEVICE_TYPES.contains(type)) {
                throw new ConfigError(ROOT + ".devices: " + d.getString("model") + " has unknown type " + type);
            }
            s.devices.add(new DeviceSpec(d.getString("model"), type, d.hasPath("high-end") && d.getBoolean("high-end"),
                    type.equals("SMARTPHONE_5G") || (d.hasPath("five-g") && d.getBoolean("five-g"))));
        }
        for (String type : Planted.DEVICE_TYPES) {
            if (s.devices.stream().noneMatch(d -> d.type().equals(type))) {
                throw new ConfigError(ROOT + ".devices needs at least one device of type " + type);
            }
        }
        return s;
    }

    /** product-funnel: per-product contact rates and stage conversions, timing and channels. */
    private static void readProductFunnel(Config f, GeneratorSettings s) {
        String where = ROOT + ".product-funnel";
        List<String> stages = Planted.FUNNEL_STAGES;
        Config products = f.getConfig("products");
        s.products = products.root().keySet().stream().sorted().toList();
        if (s.products.isEmpty()) {
            throw new ConfigError(where + ".products must name at least one product");
        }
        s.productContactsPerDay = new double[s.products.size()];
        s.productConversion = new double[s.products.size()][stages.size()];
        for (int i = 0; i < s.products.size(); i++) {
            Config product = products.getConfig("\"" + s.products.get(i) + "\"");
            s.productContactsPerDay[i] = share(product, "contacts-per-day");
            for (int stage = 1; stage < stages.size(); stage++) {
                s.productConversion[i][stage] = share(product, stages.get(stage).toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (f.hasPath("persona-factors")) {
            s.productPersonaFactor = enumWeights(f, "persona-factors", Persona.class, 1.0);
        } else {
            s.productPersonaFactor = new double[Persona.values().length];
            java.util.Arrays.fill(s.productPersonaFactor, 1.0);
        }
        for (double factor : s.productPersonaFactor) {
            if (factor < 0) {
                throw new ConfigError(where + ".persona-factors must not be negative");
            }
        }
        s.productRecontactDays = positiveInt(f, "recontact-days");
        s.productDelayDays = new int[stages.size()][];
        for (int stage = 1; stage < stages.size(); stage++) {
            double[] days = range(f, "delay-days." + stages.get(stage).toLowerCase(java.util.Locale.ROOT));
            if (days[0] < 0) {
                throw new ConfigError(where + ".delay-days must not be negative");
            }
            s.productDelayDays[stage] = new int[]{(int) days[0], (int) days[1]};
        }
        s.productRepeatUse = share(f, "repeat-use");
        double[] repeatDays = range(f, "repeat-use-days");
        if (repeatDays[0] < 1) {
            throw new ConfigError(where + ".repeat-use-days must start at 1 or later (a repeated use is on a later day)");
        }
        s.productRepeatUseDays = new int[]{(int) repeatDays[0], (int) repeatDays[1]};
        s.productChannelCumulative = new double[stages.size()][];
        for (int stage = 0; stage < stages.size(); stage++) {
            s.productChannelCumulative[stage] = cumulative(f, "channels." + stages.get(stage), Planted.PRODUCT_CHANNELS);
        }
    }

    /**
     * The conversion of each stage from the one before over all subscribers, as the planted rates
     * and persona factors imply it: contacts do not depend on the persona, so the subscribers
     * made aware are mixed by the persona shares, and each later stage keeps more of the
     * personas that convert more readily. [product][stage]; stage 0 is NaN.
     */
    double[][] expectedProductConversion() {
        int personas = Persona.values().length;
        double[][] expected = new double[products.size()][Planted.FUNNEL_STAGES.size()];
        for (int i = 0; i < products.size(); i++) {
            double[] mass = new double[personas];
            for (int q = 0; q < personas; q++) {
                mass[q] = this.personas[q].share;
            }
            expected[i][0] = Double.NaN;
            for (int stage = 1; stage < expected[i].length; stage++) {
                double before = 0;
                double after = 0;
                for (int q = 0; q < personas; q++) {
                    before += mass[q];
                    mass[q] *= productConversion(i, stage, q);
                    after += mass[q];
                }
                expected[i][stage] = before > 0 ? after / before : 0;
            }
        }
        return expected;
    }

    /** Chance that a subscriber of the persona (ordinal) goes on from the stage before to {@code stage}. */
    double productConversion(int product, int stage, int persona) {
        return Math.min(1, productConversion[product][stage] * productPersonaFactor[persona]);
    }

    private static CellQuality quality(Config q, boolean bad) {
        CellQuality cq = new CellQuality();
        cq.dropRate = range(q, "drop-rate");
        cq.setupFailureRate = range(q, "setup-failure-rate");
        cq.mos = range(q, "mos");
        cq.dataFailureRate = range(q, "data-failure-rate");
        cq.throughputFactor = range(q, "throughput-factor");
        cq.rttFactor = range(q, "rtt-factor");
        if (bad) {
            cq.outageHoursPerDay = range(q, "outage-hours-per-day");
        } else {
            cq.outageProbabilityPerDay = share(q, "outage-probability-per-day");
            cq.outageMinutes = range(q, "outage-minutes");
        }
        return cq;
    }

    /** Dirty-row share per kind for a source. */
    double dirtyShare(String source) {
        return dirtySourceShares.getOrDefault(source, dirtyShare);
    }

    private static int positiveInt(Config c, String path) {
        int value = c.getInt(path);
        if (value <= 0) {
            throw new ConfigError(ROOT + "." + path + " must be positive, got " + value);
        }
        return value;
    }

    private static double share(Config c, String path) {
        double value = c.getDouble(path);
        if (value < 0 || value > 1) {
            throw new ConfigError("ganzhi.generate setting '" + path + "'" + " must be a share between 0 and 1, got " + value);
        }
        return value;
    }

    private static double[] range(Config c, String path) {
        List<Double> values = c.getDoubleList(path);
        if (values.size() != 2 || values.get(0) > values.get(1)) {
            throw new ConfigError("ganzhi.generate setting '" + path + "'" + " must be [low, high], got " + values);
        }
        return new double[]{values.get(0), values.get(1)};
    }

    /** Weights of the given keys from an object; a key not listed is an error, a missing key weighs 0. */
    private static double[] weights(Config c, String path, List<String> keys) {
        Config object = c.getConfig(path);
        double[] w = new double[keys.size()];
        for (String key : object.root().keySet()) {
            int i = keys.indexOf(key);
            if (i < 0) {
                throw new ConfigError("ganzhi.generate setting '" + path + "'" + ": unknown key '" + key + "' (expected some of " + keys + ")");
            }
            w[i] = object.getDouble("\"" + key + "\"");
            if (w[i] < 0) {
                throw new ConfigError("ganzhi.generate setting '" + path + "." + key + "'" + " must not be negative");
            }
        }
        return w;
    }

    private static double[] cumulative(Config c, String path, List<String> keys) {
        try {
            return Rng.cumulative(weights(c, path, keys));
        } catch (IllegalArgumentException e) {
            throw new ConfigError("ganzhi.generate setting '" + path + "'" + ": the weights must not all be zero");
        }
    }

    private static double[] cumulativeList(Config c, String path, int size, String where) {
        List<Double> values = c.getDoubleList(path);
        if (values.size() != size) {
            throw new ConfigError(where + "." + path + " needs " + size + " weights, got " + values.size());
        }
        try {
            return Rng.cumulative(values.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new ConfigError(where + "." + path + ": the weights must not all be zero");
        }
    }

    private static <E extends Enum<E>> double[] enumWeights(Config c, String path, Class<E> type, double missing) {
        E[] constants = type.getEnumConstants();
        double[] w = new double[constants.length];
        java.util.Arrays.fill(w, missing);
        Config object = c.getConfig(path);
        for (String key : object.root().keySet()) {
            w[parseEnum(type, key, "ganzhi.generate setting '" + path + "'").ordinal()] = object.getDouble(key);
        }
        return w;
    }

    /** Per cause, with a 'default' entry for the causes not listed. */
    private static double[] enumWeightsWithDefault(Config c, String path) {
        Config object = c.getConfig(path);
        double fallback = object.hasPath("default") ? object.getDouble("default") : 0;
        double[] w = new double[Cause.values().length];
        java.util.Arrays.fill(w, fallback);
        for (String key : object.root().keySet()) {
            if (!key.equals("default")) {
                w[parseEnum(Cause.class, key, "ganzhi.generate setting '" + path + "'").ordinal()] = object.getDouble(key);
            }
        }
        return w;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String key, String where) {
        try {
            return Enum.valueOf(type, key);
        } catch (IllegalArgumentException e) {
            throw new ConfigError(where + ": unknown key '" + key + "' (expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ")");
        }
    }
}
