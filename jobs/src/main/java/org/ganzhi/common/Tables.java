package org.ganzhi.common;

/** Names of the tables Ganzhi writes, by layer and grain. */
public final class Tables {
    private Tables() {
    }

    /** Every rejected landing row, with its reason and the (number-masked) raw record. */
    public static final String QUARANTINE = "quarantine.rejected_rows";
    /** One row per command run: what it did, how long it took, how it ended. */
    public static final String RUN_LOG = "ops.run_log";
    /** Latest state of each complaint ticket, merged from silver.complaint's state history. */
    public static final String COMPLAINT_TICKET = "silver.complaint_ticket";

    /** The silver table of a landing source. */
    public static String silver(String source) {
        return "silver." + source;
    }
}
