package org.ganzhi.generate;

/**
 * What went wrong on the network for the subscriber on one day: failed and dropped calls,
 * failed or poor data sessions, and where and when. The care side turns them into complaints.
 */
final class NetworkProblems {
    int voice;
    double data;
    /** Problems on the home cell. */
    int home;
    /** The last cell other than the home cell with a problem; -1 when none. */
    int otherCell;
    /** The latest second of the day with a problem, not before nine. */
    int lastSecond;

    /** A new day: nothing went wrong yet. */
    void reset() {
        voice = 0;
        data = 0;
        home = 0;
        otherCell = -1;
        lastSecond = 9 * 3600;
    }

    void at(int cell, int second, int homeCell) {
        if (cell == homeCell) {
            home++;
        } else {
            otherCell = cell;
        }
        lastSecond = Math.max(lastSecond, second);
    }

    double total() {
        return voice + data;
    }
}
