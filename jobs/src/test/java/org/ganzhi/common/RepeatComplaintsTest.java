package org.ganzhi.common;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one repeat-complaint rule: resolved, then the same subscriber back about the same category within the horizon. */
class RepeatComplaintsTest extends SparkTestBase {

    @Test
    void aComplaintIsARepeatOnlyWhenTheSameProblemWasResolvedShortlyBefore() {
        // A: R1 resolved Nov 2 08:00; R2 comes back Nov 8 (6 days later): a repeat; R3 (Nov 10,
        //    8 days after R1, and R2 is still open) is not, whatever R2 says: chasing is not repeating.
        // B: O1 is still open when O2 is opened: chasing. B's X1 was resolved after X2 opened: no.
        // C: C1 resolved, C2 another category the next day: another problem. D's D2 repeats only
        //    its own subscriber's tickets, not C's.
        Dataset<Row> tickets = spark.sql("""
                SELECT ticket_id, msisdn, category, CAST(opened_at AS TIMESTAMP) opened_at,
                       CAST(closed_at AS TIMESTAMP) closed_at FROM VALUES
                  ('R1', 'A', 'BILLING', '2026-11-01 08:00:00', '2026-11-02 08:00:00'),
                  ('R2', 'A', 'BILLING', '2026-11-08 07:59:00', NULL),
                  ('R3', 'A', 'BILLING', '2026-11-10 08:00:00', NULL),
                  ('O1', 'B', 'NETWORK_DATA', '2026-11-01 08:00:00', NULL),
                  ('O2', 'B', 'NETWORK_DATA', '2026-11-02 08:00:00', NULL),
                  ('X1', 'B', 'COVERAGE', '2026-11-01 08:00:00', '2026-11-03 08:00:00'),
                  ('X2', 'B', 'COVERAGE', '2026-11-02 08:00:00', NULL),
                  ('C1', 'C', 'BILLING', '2026-11-01 08:00:00', '2026-11-01 09:00:00'),
                  ('C2', 'C', 'REPAIR', '2026-11-02 08:00:00', NULL),
                  ('D2', 'D', 'BILLING', '2026-11-02 08:00:00', NULL)
                AS t(ticket_id, msisdn, category, opened_at, closed_at)""");
        assertEquals(List.of("R2"), repeats(RepeatComplaints.of(tickets, tickets, 7)));
        assertEquals(List.of(), repeats(RepeatComplaints.of(tickets, tickets, 5)), "R2 came back after 6 days");
        assertEquals(List.of("R2", "R3"), repeats(RepeatComplaints.of(tickets, tickets, 8)), "R3 came back after 8 days");
    }

    @Test
    void eachScopeSeesOnlyItsOwnTickets() {
        // Tickets as they stood on two evenings: T1's resolution (closed Nov 2) was only recorded
        // on Nov 4, so on the evening of Nov 3 T2 was not yet known to repeat it.
        Dataset<Row> states = spark.sql("""
                SELECT DATE(date) date, ticket_id, msisdn, category, CAST(opened_at AS TIMESTAMP) opened_at,
                       CAST(closed_at AS TIMESTAMP) closed_at FROM VALUES
                  ('2026-11-03', 'T1', 'A', 'BILLING', '2026-11-01 01:00:00', NULL),
                  ('2026-11-03', 'T2', 'A', 'BILLING', '2026-11-03 03:00:00', NULL),
                  ('2026-11-04', 'T1', 'A', 'BILLING', '2026-11-01 01:00:00', '2026-11-02 01:00:00'),
                  ('2026-11-04', 'T2', 'A', 'BILLING', '2026-11-03 03:00:00', NULL)
                AS t(date, ticket_id, msisdn, category, opened_at, closed_at)""");
        List<Row> rows = RepeatComplaints.of(states, states, 7, "date").collectAsList();
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("2026-11-04", rows.get(0).getAs("date").toString());
        assertEquals("T2", rows.get(0).getAs("ticket_id"));
        assertEquals(Boolean.TRUE, rows.get(0).getAs(RepeatComplaints.IS_REPEAT));
        assertEquals(2, RepeatComplaints.of(states, states, 7).count(), "without the scope both evenings would see it");
    }

    private static List<String> repeats(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(r -> r.<String>getAs("ticket_id")).sorted().toList();
    }
}
