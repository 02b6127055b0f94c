package org.ganzhi.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Minimum-count redaction with k = 2: groups of 1 and of unknown size go, groups of 2 and 3 stay. */
class RedactionTest extends SparkTestBase {

    private Dataset<Row> aggregate() {
        return spark.sql("""
                SELECT grp, CAST(subscribers AS BIGINT) subscribers, CAST(events AS BIGINT) events,
                       CAST(share AS DOUBLE) share, CAST(place AS INT) place, note FROM VALUES
                  ('g1', 1, 10, 0.5, 1, 'kept'),
                  ('g2', 2, 20, 0.25, 2, 'kept'),
                  ('g3', 3, 30, 0.25, 3, 'kept'),
                  ('g4', NULL, 5, 0.0, 4, 'kept')
                AS t(grp, subscribers, events, share, place, note)""");
    }

    @Test
    void groupsBelowKLoseTheirFiguresAndCount() {
        Dataset<Row> input = aggregate();
        Dataset<Row> out = Redaction.redact(input, "subscribers", List.of("events", "share", "place"), 2);

        assertArrayEquals(new String[]{"grp", "subscribers", "events", "share", "place", "note", "redacted"}, out.columns());
        for (String c : input.columns()) {
            assertEquals(input.schema().apply(c).dataType(), out.schema().apply(c).dataType(), "type of " + c);
        }

        Row g1 = GoldTestRows.only(out, "grp = 'g1'");
        assertTrue(g1.<Boolean>getAs("redacted"));
        assertNull(g1.getAs("subscribers"));
        assertNull(g1.getAs("events"));
        assertNull(g1.getAs("share"));
        assertNull(g1.getAs("place"), "a rank is withheld like any other figure");
        assertEquals("kept", g1.getAs("note"), "a column that is not a measure is not touched");

        Row g2 = GoldTestRows.only(out, "grp = 'g2'");
        assertFalse(g2.<Boolean>getAs("redacted"), "exactly k subscribers is enough");
        assertEquals(2L, GoldTestRows.count(g2, "subscribers"));
        assertEquals(20L, GoldTestRows.count(g2, "events"));
        assertEquals(0.25, GoldTestRows.number(g2, "share"), 1e-12);
        assertEquals(2L, GoldTestRows.count(g2, "place"));

        Row g3 = GoldTestRows.only(out, "grp = 'g3'");
        assertFalse(g3.<Boolean>getAs("redacted"));
        assertEquals(30L, GoldTestRows.count(g3, "events"));

        Row g4 = GoldTestRows.only(out, "grp = 'g4'");
        assertTrue(g4.<Boolean>getAs("redacted"), "an unknown subscriber count is not k subscribers");
        assertNull(g4.getAs("events"));
    }

    @Test
    void refusesANonsensicalKOrAMissingColumn() {
        assertThrows(IllegalArgumentException.class,
                () -> Redaction.redact(aggregate(), "subscribers", List.of("events"), 0));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Redaction.redact(aggregate(), "subscribers", List.of("events", "no_such_measure"), 2));
        assertTrue(missing.getMessage().contains("no_such_measure"), missing.getMessage());
    }
}
