package org.ganzhi.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.RunSummary;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.features.FeaturesJob;
import org.ganzhi.ingest.IngestJob;
import org.ganzhi.ingest.IngestOptions;
import org.ganzhi.ops.BackfillPlan;
import org.ganzhi.perception.PerceptionJob;
import org.ganzhi.personas.PersonaJob;
import org.ganzhi.privacy.Pseudonymizer;
import org.ganzhi.publish.PublishJob;
import org.ganzhi.text.TextJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The nightly pipeline: its stages in the order each needs the one before it, and the backfill
 * that runs it for a range of dates. The stages talk only through the lake, so this order is the
 * whole of what ties them together.
 */
record Pipeline(SparkSession spark, GanzhiConfig config, Lake lake, Pseudonymizer pseudonymizer) {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** One named stage of the nightly pipeline. */
    private record Stage(String name, Runnable work) {
    }

    /** The night of the last delivery date; ingest takes every delivery (one, unless a first night catches up). */
    void night(IngestOptions deliveries, RunSummary summary) {
        stages(deliveries, summary).forEach(stage -> stage.work().run());
    }

    private List<Stage> stages(IngestOptions deliveries, RunSummary summary) {
        LocalDate date = deliveries.last();
        return List.of(
                new Stage("ingest", () -> IngestJob.run(spark, config, deliveries, pseudonymizer, summary)),
                new Stage("text", () -> TextJob.run(spark, config, lake, date, summary)),
                new Stage("features", () -> FeaturesJob.run(spark, config, lake, date, summary)),
                new Stage("personas", () -> PersonaJob.run(spark, config, lake, date, summary)),
                new Stage("perception", () -> PerceptionJob.run(spark, config, lake, date, summary)),
                new Stage("publish", () -> PublishJob.run(spark, config, lake, date, summary)));
    }

    /**
     * The night of every date of the range, oldest first, in this JVM and Spark session. Each date
     * is a run of its own in ops.run_log (command nightly, its date, its summary, the backfill's
     * run id), exactly as if 'nightly' had run for it, so reruns and status see no difference. The
     * first failed date stops the backfill: later dates build on it.
     */
    void backfill(BackfillPlan plan, RunSummary summary, PrintStream out) {
        summary.put("from", plan.from().toString());
        summary.put("to", plan.to().toString());
        ArrayNode nights = summary.root().putArray("dates");
        for (LocalDate date : plan.dates()) {
            RunSummary night = new RunSummary(Command.NIGHTLY.commandName());
            String runId = UUID.randomUUID().toString();
            night.put("run_id", runId);
            night.put("lake", lake.root());
            night.put("date", date.toString());
            night.put("backfill_run_id", summary.root().get("run_id").asText());
            String[] stageRunning = {null};
            Throwable failure = null;
            try {
                RunRecording.logged(spark, lake, runId, date, Instant.now(), night, true, () -> {
                    for (Stage stage : stages(new IngestOptions(lake, date), night)) {
                        stageRunning[0] = stage.name();
                        stage.work().run();
                    }
                });
            } catch (Throwable e) {
                failure = e;
            }
            String status = night.root().get("status").asText();
            double seconds = night.root().get("seconds").asDouble();
            nights.addObject().put("date", date.toString()).put("status", status).put("seconds", seconds)
                    .put("run_id", runId);
            String line = "backfill " + date + " " + status + " " + seconds + " s"
                    + (failure == null ? "" : " (stage " + stageRunning[0] + ")");
            LOG.info(line);
            out.println(line);
            if (failure != null) {
                throw stopped(date, stageRunning[0], plan, failure);
            }
        }
    }

    /** The backfill's one-line error: the date and stage that failed, why, and how to resume. */
    private static RuntimeException stopped(LocalDate date, String stage, BackfillPlan plan, Throwable cause) {
        String message = "backfill stopped at " + date + " in stage " + stage + ": " + RunRecording.firstLine(cause)
                + (date.isBefore(plan.to()) ? ". Dates before it succeeded; resume with --from " + date + " --to " + plan.to() : "");
        // A cause the user can fix stays a user error (exit 2); anything else stays an internal error.
        return cause instanceof GanzhiException ? new GanzhiException(message, cause)
                : new IllegalStateException(message + " (" + cause.getClass().getSimpleName() + ")", cause);
    }
}
