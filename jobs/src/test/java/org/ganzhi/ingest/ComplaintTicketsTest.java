package org.ganzhi.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The current state of complaint tickets from silver.complaint's state history. */
class ComplaintTicketsTest extends SparkTestBase {
    private Dataset<Row> history;

    @BeforeAll
    void data() {
        // T1 goes OPEN -> ESCALATED -> RESOLVED (rows out of order); T2 is resolved and reopened later;
        // T3 is opened and resolved in the same second; T4 is opened and escalated in the same second;
        // T5's resolution came twice, corrected by a later delivery; T6 is never escalated.
        history = spark.sql("""
                SELECT ticket_id, msisdn, CAST(opened_at AS TIMESTAMP) opened_at, channel, category, cell_id, status,
                       CAST(updated_at AS TIMESTAMP) updated_at, CAST(closed_at AS TIMESTAMP) closed_at,
                       CAST(promised_hours AS INT) promised_hours, CAST(satisfaction AS INT) satisfaction,
                       DATE(delivery_date) delivery_date FROM VALUES
                  ('T1', 'A', '2026-11-01 02:00:00', 'APP', 'BILLING', NULL, 'RESOLVED', '2026-11-03 04:00:00', '2026-11-03 04:00:00', 24, 2, '2026-11-03'),
                  ('T1', 'A', '2026-11-01 02:00:00', 'APP', 'BILLING', NULL, 'OPEN', '2026-11-01 02:00:00', NULL, 24, NULL, '2026-11-01'),
                  ('T1', 'A', '2026-11-01 02:00:00', 'APP', 'BILLING', NULL, 'ESCALATED', '2026-11-02 01:00:00', NULL, 24, NULL, '2026-11-02'),
                  ('T2', 'B', '2026-11-01 03:00:00', 'HOTLINE', 'REPAIR', 'c1', 'OPEN', '2026-11-01 03:00:00', NULL, 48, NULL, '2026-11-01'),
                  ('T2', 'B', '2026-11-01 03:00:00', 'HOTLINE', 'REPAIR', 'c1', 'RESOLVED', '2026-11-02 03:00:00', '2026-11-02 03:00:00', 48, 1, '2026-11-02'),
                  ('T2', 'B', '2026-11-01 03:00:00', 'HOTLINE', 'REPAIR', 'c2', 'OPEN', '2026-11-04 03:00:00', NULL, 48, NULL, '2026-11-04'),
                  ('T3', 'C', '2026-11-02 05:00:00', 'STORE', 'OTHER', NULL, 'RESOLVED', '2026-11-02 05:00:00', '2026-11-02 05:00:00', 1, 5, '2026-11-02'),
                  ('T3', 'C', '2026-11-02 05:00:00', 'STORE', 'OTHER', NULL, 'OPEN', '2026-11-02 05:00:00', NULL, 1, NULL, '2026-11-02'),
                  ('T4', 'C', '2026-11-02 06:00:00', 'STORE', 'OTHER', NULL, 'OPEN', '2026-11-02 06:00:00', NULL, 1, NULL, '2026-11-02'),
                  ('T4', 'C', '2026-11-02 06:00:00', 'STORE', 'OTHER', NULL, 'ESCALATED', '2026-11-02 06:00:00', NULL, 1, NULL, '2026-11-02'),
                  ('T5', 'D', '2026-11-01 07:00:00', 'ONLINE', 'COVERAGE', NULL, 'RESOLVED', '2026-11-02 07:00:00', '2026-11-02 07:00:00', 24, 4, '2026-11-12'),
                  ('T5', 'D', '2026-11-01 07:00:00', 'ONLINE', 'COVERAGE', NULL, 'RESOLVED', '2026-11-02 07:00:00', '2026-11-02 07:00:00', 24, 1, '2026-11-02'),
                  ('T6', 'E', '2026-11-01 08:00:00', 'APP', 'BILLING', NULL, 'OPEN', '2026-11-01 08:00:00', NULL, 24, NULL, '2026-11-01'),
                  ('T6', 'E', '2026-11-01 08:00:00', 'APP', 'BILLING', NULL, 'RESOLVED', '2026-11-01 09:00:00', '2026-11-01 09:00:00', 24, 3, '2026-11-01')
                AS t(ticket_id, msisdn, opened_at, channel, category, cell_id, status, updated_at, closed_at, promised_hours,
                     satisfaction, delivery_date)""");
    }

    private Dataset<Row> ids(String... ticketIds) {
        return spark.createDataFrame(java.util.Arrays.stream(ticketIds).map(org.apache.spark.sql.RowFactory::create).toList(),
                new org.apache.spark.sql.types.StructType().add("ticket_id", "string"));
    }

    private Row state(String ticketId) {
        List<Row> rows = ComplaintTickets.currentStates(history, ids(ticketId)).collectAsList();
        assertEquals(1, rows.size(), "one row per ticket asked for");
        return rows.get(0);
    }

    @Test
    void theLatestUpdateIsTheCurrentStateWithTheCountOfStatesSeen() {
        Row t1 = state("T1");
        assertEquals("RESOLVED", t1.getAs("status"));
        assertEquals(Timestamp.from(Instant.parse("2026-11-03T04:00:00Z")), t1.getAs("updated_at"));
        assertEquals(Timestamp.from(Instant.parse("2026-11-03T04:00:00Z")), t1.getAs("closed_at"));
        assertEquals(2, (int) t1.getAs("satisfaction"), "the values of the latest state row");
        assertEquals(3L, (long) t1.getAs("states_seen"));
        assertEquals(true, t1.getAs("was_escalated"), "escalated once, even though resolved now");
    }

    @Test
    void aTicketReopenedAfterItsResolutionIsOpenAgain() {
        Row t2 = state("T2");
        assertEquals("OPEN", t2.getAs("status"), "the status order only breaks ties of the update time");
        assertNull(t2.getAs("closed_at"));
        assertNull(t2.getAs("satisfaction"));
        assertEquals("c2", t2.getAs("cell_id"), "the reopening's cell");
        assertEquals(3L, (long) t2.getAs("states_seen"));
        assertEquals(false, t2.getAs("was_escalated"));
    }

    @Test
    void onATieOfUpdateTimeTheLaterStatusWins() {
        assertEquals("RESOLVED", state("T3").getAs("status"), "RESOLVED comes after OPEN");
        assertEquals(5, (int) state("T3").getAs("satisfaction"));
        assertEquals("ESCALATED", state("T4").getAs("status"), "ESCALATED comes after OPEN");
        assertEquals(true, state("T4").getAs("was_escalated"));
    }

    @Test
    void onATieOfUpdateTimeAndStatusTheLaterDeliveryWins() {
        Row t5 = state("T5");
        assertEquals(4, (int) t5.getAs("satisfaction"), "the delivery of Nov 12 corrected the one of Nov 2");
        assertEquals(2L, (long) t5.getAs("states_seen"), "every state row of the history counts");
    }

    @Test
    void aTicketWithNoStateLeftKeepsOnlyItsIdSoTheMergeDeletesIt() {
        Row gone = state("T9");
        assertEquals("T9", gone.getAs("ticket_id"));
        for (String column : gone.schema().fieldNames()) {
            if (!column.equals("ticket_id")) {
                assertNull(gone.getAs(column), column + " of a ticket without history");
            }
        }
    }

    @Test
    void onlyTheTicketsAskedForAreReturnedOncePerTicket() {
        Dataset<Row> states = ComplaintTickets.currentStates(history, ids("T6", "T2", "T9"));
        assertEquals(List.of("ticket_id", "msisdn", "opened_at", "channel", "category", "cell_id", "status", "updated_at",
                        "closed_at", "promised_hours", "satisfaction", "states_seen", "was_escalated"), List.of(states.columns()),
                "the columns of silver.complaint_ticket, without the history's delivery date");
        assertEquals(List.of("T2:OPEN:3", "T6:RESOLVED:2", "T9:null:null"), states.orderBy("ticket_id").collectAsList().stream()
                .map(r -> r.getAs("ticket_id") + ":" + r.getAs("status") + ":" + r.getAs("states_seen")).toList());
        assertEquals(false, states.where("ticket_id = 'T6'").first().getAs("was_escalated"), "resolved without escalation");
    }
}
