package org.ganzhi.common;

/** Names of the tables Ganzhi writes, by layer and grain. */
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

    /** Perception drivers, dimension scores, index, level, top detractors and demarcation of each subscriber, as of a date. */
    public static final String SUBSCRIBER_SCORE = "perception.subscriber_score";

    /** Per calibrate run and outcome: how well the drivers predict it, coefficients and proposed weights. */
    public static final String CALIBRATION_REPORT = "calibration.report";

    /** The silver table of a landing source. */
    public static String silver(String source) {
        return "silver." + source;
    }
}
