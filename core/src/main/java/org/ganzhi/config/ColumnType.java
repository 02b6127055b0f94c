package org.ganzhi.config;

/** The logical type of a landing column, as the data contract names it. */
public enum ColumnType {
    STRING, INT, LONG, DOUBLE, BOOLEAN, TIMESTAMP, DATE, MONTH, CODE,
    /** The subscriber's own number: validated against the operator's numbering plan, then pseudonymised. */
    MSISDN,
    /** Any other party's number: normalised where possible and pseudonymised, never validated. */
    PHONE,
    /**
     * Free text in the customer's words (a review, a transcript): phone numbers, e-mail addresses
     * and self-introduced names in it are masked at ingest; up to ingest.max-free-text-length.
     */
    TEXT;

    public static ColumnType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigError("unknown column type '" + text + "' (expected one of "
                    + java.util.Arrays.toString(values()).toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    public boolean isPhoneNumber() {
        return this == MSISDN || this == PHONE;
    }

    /** The Spark type of a typed value of this column (silver, typed Parquet feeds). */
    public org.apache.spark.sql.types.DataType sparkType() {
        return switch (this) {
            case INT -> org.apache.spark.sql.types.DataTypes.IntegerType;
            case LONG -> org.apache.spark.sql.types.DataTypes.LongType;
            case DOUBLE -> org.apache.spark.sql.types.DataTypes.DoubleType;
            case BOOLEAN -> org.apache.spark.sql.types.DataTypes.BooleanType;
            case DATE -> org.apache.spark.sql.types.DataTypes.DateType;
            case TIMESTAMP -> org.apache.spark.sql.types.DataTypes.TimestampType;
            default -> org.apache.spark.sql.types.DataTypes.StringType;
        };
    }

    public boolean isNumeric() {
        return this == INT || this == LONG || this == DOUBLE;
    }
}
