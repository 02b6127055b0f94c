package org.ganzhi.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

/**
 * The current state of complaint tickets, derived from silver.complaint's full state history:
 * the latest state by update time (on a tie the later status in OPEN → ESCALATED → RESOLVED),
 * plus how many states the ticket went through and whether it was ever escalated.
 */
public final class ComplaintTickets {
    private ComplaintTickets() {
    }

    /**
     * One row per ticket in {@code ticketIds}: its latest state, or only the ticket id (all other
     * columns null) when no state of it is left in the history, which tells MERGE to delete it.
     */
    public static Dataset<Row> currentStates(Dataset<Row> history, Dataset<Row> ticketIds) {
        var newestFirst = Window.partitionBy("ticket_id").orderBy(col("updated_at").desc(),
                when(col("status").equalTo("RESOLVED"), 3).when(col("status").equalTo("ESCALATED"), 2).otherwise(1).desc(),
                col("delivery_date").desc());
        var wholeTicket = Window.partitionBy("ticket_id");
        Dataset<Row> latest = history.join(ticketIds, "ticket_id")
                .withColumn("states_seen", count(lit(1)).over(wholeTicket))
                .withColumn("was_escalated", max(col("status").equalTo("ESCALATED")).over(wholeTicket))
                .withColumn("_newest", row_number().over(newestFirst))
                .filter(col("_newest").equalTo(1))
                .select("ticket_id", "msisdn", "opened_at", "channel", "category", "cell_id", "status", "updated_at",
                        "closed_at", "promised_hours", "satisfaction", "states_seen", "was_escalated");
        // Tickets with no state left keep only their id: the left join leaves the rest null.
        return ticketIds.join(latest, new String[]{"ticket_id"}, "left");
    }
}
