package org.ganzhi.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;


import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Rejected rows in the shape of quarantine.rejected_rows: which source and delivery, which file,
 * the reason code, a human reason naming the column and the value, and the raw record (phone
 * numbers pseudonymised, everything else as delivered).
 */
public final class Quarantine {
    public static final StructType SCHEMA = StructType.fromDDL("source STRING, delivery_date DATE, input_file STRING, "
            + "reason_code STRING, reason STRING, raw_record STRING");

    private Quarantine() {
    }

    public static Dataset<Row> rejectedRows(Dataset<Row> parsed, String source) {
        return parsed.filter(col(ContractParser.REASON).isNotNull()).select(
                lit(source).as("source"),
                col(IngestJob.DELIVERY_DATE),
                col(IngestJob.SOURCE_FILE).as("input_file"),
                col(ContractParser.REASON).as("reason_code"),
                col(ContractParser.DETAIL).as("reason"),
                col(ContractParser.RAW_RECORD).as("raw_record"));
    }
}
