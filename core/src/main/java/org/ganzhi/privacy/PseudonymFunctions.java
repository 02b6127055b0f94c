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
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");
    /**
     * A name the writer gives for themselves or someone else: 我叫/我的名字是/我姓/本人姓 and up to
     * three Han characters, or "my name is", "Mr", "Ms", "Mrs", "Dr" and a capitalised word or
     * two. The lookbehind keeps the introduction and masks only the name. "I am" and "this is"
     * are left out on purpose: "this is Terrible" would lose the word that matters.
     */
    private static final Pattern NAME = Pattern.compile(
            "(?<=我叫|我的名字是|本人姓|我姓)\\p{IsHan}{1,3}"
                    + "|(?<=(?i:my name is) )\\p{Lu}\\p{Ll}+( \\p{Lu}\\p{Ll}+)?"
                    + "|(?<=\\b(?:Mr|Ms|Mrs|Dr)\\.? )\\p{Lu}\\p{Ll}+");
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
     * Free text (a review, a transcript, a malformed line) with every phone-number-like run of 7+
     * digits replaced by {@code [phone:<first 16 hex of its pseudonym>]} (dates are left alone; a
     * long plain number is masked too), e-mail addresses by {@code [email]} and self-introduced
     * names ("我叫王小明", "my name is John Smith") by {@code [name]}. Names mentioned any other
     * way are not found: the silver text is pseudonymised, not anonymous, and stays in the
     * lake's protected layers.
     */
    public static UserDefinedFunction maskFreeText(Pseudonymizer pseudonymizer, OperatorSettings plan) {
        return udf((UDF1<String, String>) text -> maskFreeText(text, pseudonymizer, plan), DataTypes.StringType);
    }

    static String maskFreeText(String text, Pseudonymizer pseudonymizer, OperatorSettings plan) {
        if (text == null) {
            return null;
        }
        String masked = EMAIL.matcher(text).replaceAll("[email]");
        masked = NAME.matcher(masked).replaceAll("[name]");
        return mask(masked, pseudonymizer, plan);
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
