package org.ganzhi.ingest;

/**
 * Why a landing row was quarantined. The generator plants dirty rows of exactly these kinds
 * (plus duplicates, which are dropped and counted, not quarantined).
 */
public enum RejectReason {
    /** The line cannot be split into the contract's fields (CSV field count, broken JSON). */
    MALFORMED_LINE,
    /** A required column is empty. */
    MISSING_REQUIRED,
    /** The subscriber number is not a mobile number of the operator's numbering plan. */
    BAD_MSISDN,
    /** A timestamp, date or month matches none of the accepted layouts. */
    BAD_TIMESTAMP,
    /** A number or boolean column holds text that is not one. */
    BAD_NUMBER,
    /** A code column holds a value outside its code list. */
    UNKNOWN_CODE,
    /** A number lies outside its configured bounds (negative duration, MOS above 5, ...). */
    OUT_OF_RANGE,
    /**
     * The event time lies outside the plausible window: before ganzhi.ingest.earliest-event-date
     * or more than future-tolerance-days after the delivery that brought it.
     */
    OUT_OF_WINDOW,
    /** A time before the one it must follow (a ticket closed before it was opened): not-before in the contract. */
    OUT_OF_ORDER,
    /**
     * Text that cannot be a value: bytes that are not UTF-8 anywhere in the record, a control
     * character (NUL, escape, ...) or more than ganzhi.ingest.max-text-length characters in a
     * string column (max-free-text-length in a free-text column).
     */
    BAD_TEXT,
    /**
     * Copies of one record key in a delivery with different values: every version is quarantined
     * (exact copies are duplicates, dropped and counted). Set by {@link Deduplicator}.
     */
    CONFLICTING_DUPLICATE
}
