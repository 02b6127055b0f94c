package org.ganzhi.generate;

/** How the simulation writes numbers into landing rows: fixed decimals, without locale or exponent. */
final class LandingFormat {
    private LandingFormat() {
    }

    static String oneDecimal(double value) {
        long tenths = Math.round(value * 10);
        long abs = Math.abs(tenths);
        return (tenths < 0 ? "-" : "") + abs / 10 + "." + abs % 10;
    }

    static String money(double value) {
        long cents = Math.round(value * 100);
        long abs = Math.abs(cents);
        String fraction = abs % 100 < 10 ? "0" + abs % 100 : Long.toString(abs % 100);
        return (cents < 0 ? "-" : "") + abs / 100 + "." + fraction;
    }
}
