package org.ganzhi.common;

/** Names of the tables Ganzhi writes, by layer and grain, gold included. */
public final class Tables {
    private Tables() {
    }

    /** Every rejected landing row, with its reason and the (number-masked) raw record. */
    public static final String QUARANTINE = "quarantine.rejected_rows";
    /** One row per command run: what it did, how long it took, how it ended. */
    public static final String RUN_LOG = "ops.run_log";
    /** One row per subscriber erased on request: pseudonym, when, and the rows deleted per table. */
    public static final String ERASURE_LOG = "ops.erasure_log";
    /** Latest state of each complaint ticket, merged from silver.complaint's state history. */
    public static final String COMPLAINT_TICKET = "silver.complaint_ticket";

    /** Behaviour of one subscriber on one operator-local day. */
    public static final String SUBSCRIBER_DAILY = "features.subscriber_daily";
    /** 7 / 30 / 90-day windows of the daily table, as of a date, with trends and attributes. */
    public static final String SUBSCRIBER_WINDOW = "features.subscriber_window";
    /** Network KPIs, outages and complaints of one cell on one day. */
    public static final String CELL_DAILY = "features.cell_daily";
    /** Persona, affinities, segment, lifecycle stage and value tier of each subscriber, as of a date. */
    public static final String SUBSCRIBER_PROFILE = "personas.subscriber_profile";
    /** Each behaviour segment's centroid profile and size, per model version and date. */
    public static final String SEGMENT_PROFILE = "personas.segment_profile";

    /** Each customer text (feedback feed) read: language, terms, category, sentiment. */
    public static final String FEEDBACK_TEXT = "text.feedback";

    /** Perception drivers, dimension scores, index, level, top detractors and demarcation of each subscriber, as of a date. */
    public static final String SUBSCRIBER_SCORE = "perception.subscriber_score";

    /** Per calibrate run and outcome: how well the drivers predict it, coefficients and proposed weights. */
    public static final String CALIBRATION_REPORT = "calibration.report";

    // The gold reporting tables, each computed by the publish class of the same name (ComplaintInsight,
    // ...). Their names live here, with the other layers', so that the catalog can document them
    // without depending on the publish stage. The event tables describe the window of
    // ganzhi.publish.window-days operator-local days ending on the run date (both window_start and
    // window_end are on every row); the perception tables describe the subscribers scored on the
    // run date (date). Every aggregate has minimum-count redaction; gold.subscriber_perception is
    // per (pseudonymised) subscriber and has none.

    /** Complaints by category × channel × region: volume, resolution, broken promises, repeats. */
    public static final String COMPLAINT_INSIGHT = "gold.complaint_insight";
    /** Service items ranked by attention and frequency within their class. */
    public static final String SERVICE_DEMAND_RANKING = "gold.service_demand_ranking";
    /** Use and satisfaction of each channel by age band, traditional vs digital. */
    public static final String CHANNEL_EXPERIENCE = "gold.channel_experience";
    /** Promised-time compliance of service orders, per order type. */
    public static final String COMMITMENT_COMPLIANCE = "gold.commitment_compliance";
    /** One row per subscriber scored on the date: profile, dimension scores, level, detractors, risk. */
    public static final String SUBSCRIBER_PERCEPTION = "gold.subscriber_perception";
    /** Perception distribution by persona × value tier × lifecycle stage × region. */
    public static final String SEGMENT_SUMMARY = "gold.segment_summary";
    /** Network KPIs, complaints and poor-experience subscribers per cell, with ranked hot spots. */
    public static final String CELL_EXPERIENCE = "gold.cell_experience";
    /** Perception KPIs per region against their targets, ranked. */
    public static final String REGION_SCORECARD = "gold.region_scorecard";
    /** Subscribers reaching each stage of a product's adoption funnel, with conversions. */
    public static final String ADOPTION_FUNNEL = "gold.adoption_funnel";

    /** What customers wrote, per week × category × item × channel: volume, negative share, top and emerging phrases. */
    public static final String FEEDBACK_INSIGHT = "gold.feedback_insight";

    /** Each product's perception per validation dimension, before and after launch, with the launch gate. */
    public static final String PRODUCT_PERCEPTION = "gold.product_perception";

    /** The silver table of a landing source. */
    public static String silver(String source) {
        return "silver." + source;
    }
}
