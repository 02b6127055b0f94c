package org.ganzhi.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One column of a source's data contract.
 *
 * @param name        canonical name used in every table below landing
 * @param landingName the field name in the delivered file (CSV: only documentation, order counts)
 * @param values      canonical code list for {@link ColumnType#CODE}; empty otherwise
 * @param aliases     other spellings of codes (upper-cased) mapped to canonical codes
 * @param min         inclusive lower bound for numbers, or null
 * @param max         inclusive upper bound for numbers, or null
 * @param notBefore   a time column of the same record this one may not precede (closed_at after
 *                    opened_at), or null
 * @param negativeFlag a boolean column that a negative value sets, keeping the row (a credit on a
 *                    bill is real, but never silent), or null
 */
public record ColumnSpec(String name, String landingName, ColumnType type, boolean required,
                         List<String> values, Map<String, String> aliases, Double min, Double max,
                         String notBefore, String negativeFlag)
        implements Serializable {
}
