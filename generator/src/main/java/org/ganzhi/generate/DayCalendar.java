package org.ganzhi.generate;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Operator-local calendar of a generated run. The simulation counts days from the start date
 * (day 0; negative days lie before the range) and times as local wall-clock seconds since the
 * start date's midnight, because every feed states operator-local wall time and every event date
 * is a local calendar day. Texts are built without formatters: this runs for every row.
 */
final class DayCalendar implements Serializable {
    static final int SECONDS_PER_DAY = 86_400;
    /** Days before the start that have cached date texts. */
    private static final int CACHE_BEFORE = 400;

    private final LocalDate start;
    private final ZoneId zone;
    private final String fixedOffset;
    private final int cacheSize;
    private transient String[] dateTexts;
    private transient byte[] dayOfMonth;
    private transient boolean[] weekend;

    DayCalendar(LocalDate start, int days, ZoneId zone) {
        this.start = start;
        this.zone = zone;
        ZoneRules rules = zone.getRules();
        this.fixedOffset = rules.isFixedOffset() ? offsetText(rules.getOffset(start.atStartOfDay())) : null;
        this.cacheSize = CACHE_BEFORE + days + 64;
    }

    LocalDate start() {
        return start;
    }

    LocalDate localDate(int day) {
        return start.plusDays(day);
    }

    /** yyyy-MM-dd of a day. */
    String date(int day) {
        if (dateTexts == null) {
            dateTexts = new String[cacheSize];
        }
        int i = day + CACHE_BEFORE;
        if (i < 0 || i >= cacheSize) {
            return localDate(day).toString();
        }
        String text = dateTexts[i];
        if (text == null) {
            text = localDate(day).toString();
            dateTexts[i] = text;
        }
        return text;
    }

    static int dayOf(long localSeconds) {
        return (int) Math.floorDiv(localSeconds, SECONDS_PER_DAY);
    }

    /** yyyy-MM-dd HH:mm:ss local wall time: the canonical timestamp text of a row. */
    String timestamp(long localSeconds) {
        int day = dayOf(localSeconds);
        int second = (int) (localSeconds - (long) day * SECONDS_PER_DAY);
        String date = date(day);
        char[] out = new char[19];
        date.getChars(0, 10, out, 0);
        out[10] = ' ';
        twoDigits(out, 11, second / 3600);
        out[13] = ':';
        twoDigits(out, 14, second / 60 % 60);
        out[16] = ':';
        twoDigits(out, 17, second % 60);
        return new String(out);
    }

    /** ISO form with the zone's offset at that wall time, e.g. 2026-11-03T09:12:05+08:00. */
    String isoTimestamp(String wallTimestamp) {
        String offset = fixedOffset;
        if (offset == null) {
            LocalDateTime local = LocalDateTime.parse(wallTimestamp.replace(' ', 'T'));
            offset = offsetText(zone.getRules().getOffset(local));
        }
        return wallTimestamp.substring(0, 10) + 'T' + wallTimestamp.substring(11) + offset;
    }

    int dayOfMonth(int day) {
        int i = day + CACHE_BEFORE;
        if (i < 0 || i >= cacheSize) {
            return localDate(day).getDayOfMonth();
        }
        if (dayOfMonth == null) {
            fillDayCaches();
        }
        return dayOfMonth[i];
    }

    boolean weekend(int day) {
        int i = day + CACHE_BEFORE;
        if (i < 0 || i >= cacheSize) {
            DayOfWeek dow = localDate(day).getDayOfWeek();
            return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
        }
        if (weekend == null) {
            fillDayCaches();
        }
        return weekend[i];
    }

    private void fillDayCaches() {
        byte[] months = new byte[cacheSize];
        boolean[] weekends = new boolean[cacheSize];
        for (int i = 0; i < cacheSize; i++) {
            LocalDate date = localDate(i - CACHE_BEFORE);
            months[i] = (byte) date.getDayOfMonth();
            weekends[i] = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        }
        weekend = weekends;
        dayOfMonth = months;
    }

    /** yyyy-MM of the month before the day's month: the billing cycle a bill issued that day is for. */
    String previousMonth(int day) {
        LocalDate previous = localDate(day).minusMonths(1);
        int month = previous.getMonthValue();
        return previous.getYear() + (month < 10 ? "-0" : "-") + month;
    }

    /** Months since year 0 of the month before the day's month, a stable key for one bill cycle. */
    int previousMonthIndex(int day) {
        LocalDate previous = localDate(day).minusMonths(1);
        return previous.getYear() * 12 + previous.getMonthValue() - 1;
    }

    /** Day number of a local date. */
    int dayNumber(LocalDate date) {
        return (int) (date.toEpochDay() - start.toEpochDay());
    }

    private static void twoDigits(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }

    private static String offsetText(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
    }
}
