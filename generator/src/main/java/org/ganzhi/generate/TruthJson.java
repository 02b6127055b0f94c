package org.ganzhi.generate;

/**
 * Builds the one-line JSON truth records: each field appends {@code "key":value,} and the caller
 * drops the last comma before closing the object.
 */
final class TruthJson {
    private TruthJson() {
    }

    static void json(StringBuilder j, String key, String value) {
        j.append('"').append(key).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\') {
                j.append('\\');
            }
            j.append(ch);
        }
        j.append("\",");
    }

    static void json(StringBuilder j, String key, long value) {
        j.append('"').append(key).append("\":").append(value).append(',');
    }

    static void json(StringBuilder j, String key, double value) {
        j.append('"').append(key).append("\":").append(value).append(',');
    }

    static void json(StringBuilder j, String key, boolean value) {
        j.append('"').append(key).append("\":").append(value).append(',');
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
