package org.ganzhi.privacy;

import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.ganzhi.config.OperatorSettings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.udf;

/**
 * Spark functions that replace phone numbers by pseudonyms at ingest. The key travels inside the
 * serialised {@link Pseudonymizer}, never in a query plan or a log line.
 */
public final class PseudonymFunctions {
    /** A run of digits, maybe with +, spaces or dashes, long enough to be a phone number. */
    private static final Pattern NUMBER_RUN = Pattern.compile("(?<![A-Za-z0-9])\\+?[0-9][0-9 \\-]{5,}[0-9](?![0-9])");
    private static final Pattern DATE_LIKE = Pattern.compile("[0-9]{4}-[0-9]{2}(-[0-9]{2})?( [0-9]{1,2})?");

    private PseudonymFunctions() {
    }

    /** Subscriber number → pseudonym of its E.164 form; null when it is not a valid mobile number. */
    public static UserDefinedFunction msisdn(Pseudonymizer pseudonymizer, OperatorSettings plan) {
        return udf((UDF1<String, String>) raw -> pseudonymizer.pseudonym(PhoneNumbers.normaliseMsisdn(raw, plan)),
                DataTypes.StringType);
    }

    /** Any number → pseudonym of its normalised digits; null when it holds no digits. */
    public static UserDefinedFunction otherParty(Pseudonymizer pseudonymizer, OperatorSettings plan) {
        return udf((UDF1<String, String>) raw -> pseudonymizer.pseudonym(PhoneNumbers.normaliseOtherParty(raw, plan)),
                DataTypes.StringType);
    }

    /**
     * Free text (a malformed line) with every phone-number-like run of 7+ digits replaced by
     * {@code [phone:<first 16 hex of its pseudonym>]}; dates are left alone. Errs on the side of
     * masking: a long plain number is masked too.
     */
    public static UserDefinedFunction maskNumbers(Pseudonymizer pseudonymizer, OperatorSettings plan) {
        return udf((UDF1<String, String>) text -> mask(text, pseudonymizer, plan), DataTypes.StringType);
    }

    static String mask(String text, Pseudonymizer pseudonymizer, OperatorSettings plan) {
        if (text == null) {
            return null;
        }
        Matcher m = NUMBER_RUN.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String run = m.group();
            long digits = run.chars().filter(Character::isDigit).count();
            String replacement = digits < 7 || DATE_LIKE.matcher(run.trim()).matches()
                    ? run
                    : "[phone:" + pseudonymizer.pseudonym(PhoneNumbers.normaliseOtherParty(run, plan)).substring(0, 16) + "]";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
