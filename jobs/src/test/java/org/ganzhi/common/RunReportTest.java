package org.ganzhi.common;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The closing summary a person reads: stage rows and rates, source counts, tables, warnings. */
class RunReportTest {

    @Test
    void rowsCountTowardsTheStageThatWasRunningWhenTheyWereWritten() {
        RunSummary summary = new RunSummary("nightly");
        summary.startStage("features");
        summary.rows("features.subscriber_daily", 1_200);
        summary.rows("features.cell_daily", 300);
        summary.endStage("features");
        summary.startStage("publish");
        summary.rows("gold.segment_summary", 6);
        summary.endStage("publish");

        assertEquals(1_500, summary.root().get("stage_rows").get("features").asLong());
        assertEquals(6, summary.root().get("stage_rows").get("publish").asLong());
        assertThrows(IllegalStateException.class, () -> summary.endStage("ingest"));
    }

    @Test
    void theReportShowsEachStagesRateAndEachSourcesCounts() {
        RunSummary summary = new RunSummary("nightly");
        summary.put("date", "2026-11-03");
        summary.put("status", "SUCCEEDED");
        summary.root().put("seconds", 50.0);
        summary.root().with("stages").put("ingest", 20.0).put("publish", 0.0);
        summary.root().with("stage_rows").put("ingest", 5_000).put("publish", 7);
        summary.source("voice_cdr").put("delivered", true).put("rows_read", 4_010).put("accepted", 3_990)
                .put("quarantined", 12).put("duplicates_dropped", 8).put("late_rows", 3).put("rows_per_second", 401);
        summary.source("survey").put("delivered", false);
        summary.table("silver.voice_cdr", 4);
        summary.root().with("rows").put("silver.voice_cdr", 3_990);
        summary.table("silver.complaint_ticket", 9);
        summary.root().with("rows").put("landing/voice_cdr", 4_010);
        summary.source("cell").put("rows_written", 60); // as generate records it: no delivery fields
        summary.warn("no silver.plan: device_plan_mismatch has no data");

        List<String> lines = RunReport.render(summary.root()).lines().toList();

        assertEquals("ganzhi nightly 2026-11-03: SUCCEEDED in 50.0 s", lines.get(0));
        assertTrue(lines.contains("stage    seconds  rows written  rows/s"), String.join("\n", lines));
        // 5 000 rows in 20 s; a stage too quick to time shows no rate rather than infinity.
        assertTrue(lines.contains("ingest      20.0         5,000     250"), String.join("\n", lines));
        assertTrue(lines.contains("publish      0.0             7       0"), String.join("\n", lines));
        assertTrue(lines.contains("voice_cdr  4,010     3,990           12           8     3     401"), String.join("\n", lines));
        assertTrue(lines.contains("survey         -         -            -           -     -       -"), String.join("\n", lines));
        // A table whose rows were not counted (a merge) shows its version, and no invented count.
        assertTrue(lines.contains("silver.complaint_ticket             -              9"), String.join("\n", lines));
        // Files, not a Delta table: rows and no version.
        assertTrue(lines.contains("landing/voice_cdr               4,010              -"), String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("cell")), String.join("\n", lines));
        assertTrue(lines.contains("  - no silver.plan: device_plan_mismatch has no data"));
    }
}
