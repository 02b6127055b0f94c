package org.ganzhi.privacy;

import org.ganzhi.config.OperatorSettings;

/**
 * Normalises phone numbers as feeds write them ("+86 138-1234-5678", "008613812345678",
 * "13812345678") to E.164 digits ("8613812345678"), so one subscriber has one pseudonym.
 */
public final class PhoneNumbers {
    private PhoneNumbers() {
    }

    /** Digits only, with an international "00" or "+" prefix removed; null for blank input. */
    static String digits(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')' && c != '.') {
                return null;
            }
        }
        String d = digits.toString();
        if (d.startsWith("00")) {
            d = d.substring(2);
        }
        return d.isEmpty() ? null : d;
    }

    /**
     * The subscriber number in E.164 digits, or null when it is not a mobile number of this
     * operator's numbering plan (wrong length, wrong prefix, letters).
     */
    public static String normaliseMsisdn(String raw, OperatorSettings plan) {
        String d = digits(raw);
        if (d == null) {
            return null;
        }
        // "+..." and "00..." are international spellings: they must carry our country code.
        String trimmed = raw.strip();
        boolean international = trimmed.startsWith("+") || trimmed.startsWith("00");
        String national;
        String trunk = plan.trunkPrefix();
        if (d.length() == plan.nationalNumberLength() && !international) {
            national = d;
        } else if (!trunk.isEmpty() && !international && d.length() == trunk.length() + plan.nationalNumberLength()
                && d.startsWith(trunk)) {
            national = d.substring(trunk.length());
        } else if (d.length() == plan.countryCode().length() + plan.nationalNumberLength()
                && d.startsWith(plan.countryCode())) {
            national = d.substring(plan.countryCode().length());
        } else {
            return null;
        }
        for (String prefix : plan.mobilePrefixes()) {
            if (national.startsWith(prefix)) {
                return plan.countryCode() + national;
            }
        }
        return null;
    }

    /**
     * Any other party's number: E.164 when it is one of ours, otherwise its bare digits
     * (short codes, fixed lines, foreign numbers). Null when it holds no digits at all.
     */
    public static String normaliseOtherParty(String raw, OperatorSettings plan) {
        String msisdn = normaliseMsisdn(raw, plan);
        return msisdn != null ? msisdn : digits(raw);
    }
}
