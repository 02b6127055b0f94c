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
    OUT_OF_RANGE
}
