package org.ganzhi.catalog;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.SparkTestBase;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What a stage is told about an input the lake does not have yet, in the one wording every stage
 * uses: on a lake with features.subscriber_window (rows of Nov 2 only) and silver.subscriber, and
 * nothing else.
 */
class StageInputsTest extends SparkTestBase {
    private static final LocalDate D = LocalDate.of(2026, 11, 3);
    private Lake lake;

    @BeforeAll
    void lakeWithTwoTables() {
        lake = new Lake(tmp.resolve("lake").toString());
        spark.createDataFrame(List.of(RowFactory.create("S1", Date.valueOf(D.minusDays(1)))),
                        StructType.fromDDL("msisdn STRING, as_of_date DATE"))
                .write().format("delta").save(lake.table(Tables.SUBSCRIBER_WINDOW));
        spark.createDataFrame(List.of(RowFactory.create("S1", Date.valueOf(D))), StructType.fromDDL("msisdn STRING, snapshot_date DATE"))
                .write().format("delta").save(lake.table(Tables.silver("subscriber")));
    }

    private StageInputs of(String stage) {
        return new StageInputs(spark, lake, stage, D);
    }

    @Test
    void aTableThatExistsIsRead() {
        assertEquals(List.of("S1"), of("personas").read(Tables.SUBSCRIBER_WINDOW).select("msisdn").as(Encoders.STRING())
                .collectAsList());
        assertDoesNotThrow(() -> of("features").require(Tables.silver("subscriber"), Tables.SUBSCRIBER_WINDOW));
    }

    @Test
    void aMissingTableNamesTheStageTheTableTheLakeAndTheCommandThatWritesIt() {
        GanzhiException personas = assertThrows(GanzhiException.class, () -> of("personas").read(Tables.CELL_DAILY));
        assertEquals("personas need features.cell_daily, which " + lake.root() + " does not have yet; run 'ganzhi features --lake "
                + lake.root() + " --date 2026-11-03' first.", personas.getMessage());

        GanzhiException perception = assertThrows(GanzhiException.class, () -> of("perception").read(Tables.SUBSCRIBER_PROFILE));
        assertEquals("perception needs personas.subscriber_profile, which " + lake.root() + " does not have yet; run 'ganzhi "
                + "personas --lake " + lake.root() + " --date 2026-11-03' first.", perception.getMessage());
    }

    @Test
    void eachLayerAsksForTheCommandThatWritesIt() {
        assertEquals("ingest", commandAskedFor(Tables.silver("survey")));
        assertEquals("ingest", commandAskedFor(Tables.COMPLAINT_TICKET));
        assertEquals("features", commandAskedFor(Tables.SUBSCRIBER_DAILY));
        assertEquals("personas", commandAskedFor(Tables.SEGMENT_PROFILE));
        assertEquals("perception", commandAskedFor(Tables.SUBSCRIBER_SCORE));
        assertEquals("calibrate", commandAskedFor(Tables.CALIBRATION_REPORT));
        assertEquals("publish", commandAskedFor(Tables.SUBSCRIBER_PERCEPTION));
        IllegalArgumentException noWriter = assertThrows(IllegalArgumentException.class, () -> of("publish").read(Tables.RUN_LOG));
        assertTrue(noWriter.getMessage().startsWith("no command writes ops.run_log as a stage input"), noWriter.getMessage());
    }

    private String commandAskedFor(String table) {
        String message = assertThrows(GanzhiException.class, () -> of("publish").read(table)).getMessage();
        String command = message.substring(message.indexOf("run 'ganzhi ") + "run 'ganzhi ".length());
        return command.substring(0, command.indexOf(' '));
    }

    @Test
    void requireStopsAtTheFirstMissingTable() {
        GanzhiException missing = assertThrows(GanzhiException.class, () -> of("features").require(Tables.silver("subscriber"),
                Tables.silver("voice_cdr"), Tables.silver("data_session")));
        assertEquals("features need silver.voice_cdr, which " + lake.root() + " does not have yet; run 'ganzhi ingest --lake "
                + lake.root() + " --date 2026-11-03' first.", missing.getMessage());
    }

    @Test
    void anOptionalTableIsEmptyWhenAbsentAndReadWhenPresent() {
        assertEquals(Optional.empty(), of("publish").optional(Tables.silver("cell")));
        Optional<Dataset<Row>> window = of("publish").optional(Tables.SUBSCRIBER_WINDOW);
        assertTrue(window.isPresent());
        assertEquals(1L, window.get().count());
    }

    @Test
    void aTableWithoutTheRowsOfTheDateFailsInTheSameWords() {
        StageInputs perception = of("perception");
        Dataset<Row> window = perception.read(Tables.SUBSCRIBER_WINDOW);
        GanzhiException none = assertThrows(GanzhiException.class, () -> perception.requireRows(Tables.SUBSCRIBER_WINDOW,
                window.where(col("as_of_date").equalTo(lit(Date.valueOf(D)))), "30-day rows as of " + D));
        assertEquals("perception needs features.subscriber_window with 30-day rows as of 2026-11-03, which " + lake.root()
                + " does not have yet; run 'ganzhi features --lake " + lake.root() + " --date 2026-11-03' first.", none.getMessage());

        GanzhiException byDefault = assertThrows(GanzhiException.class, () -> of("personas").requireRows(Tables.SUBSCRIBER_WINDOW,
                window.where(col("as_of_date").equalTo(lit(Date.valueOf(D))))));
        assertEquals("personas need features.subscriber_window with rows for 2026-11-03, which " + lake.root()
                + " does not have yet; run 'ganzhi features --lake " + lake.root() + " --date 2026-11-03' first.", byDefault.getMessage());

        Dataset<Row> earlier = window.where(col("as_of_date").equalTo(lit(Date.valueOf(D.minusDays(1)))));
        assertSame(earlier, perception.requireRows(Tables.SUBSCRIBER_WINDOW, earlier), "rows there: the same dataset back");
    }

    @Test
    void theSuggestedDateCanBeAnotherOrNone() {
        GanzhiException scores = assertThrows(GanzhiException.class,
                () -> of("calibrate").forDate(LocalDate.of(2026, 10, 20)).read(Tables.SUBSCRIBER_SCORE));
        assertEquals("calibrate needs perception.subscriber_score, which " + lake.root() + " does not have yet; run 'ganzhi "
                + "perception --lake " + lake.root() + " --date 2026-10-20' first.", scores.getMessage());

        StageInputs export = StageInputs.undated(spark, lake, "export");
        GanzhiException gold = assertThrows(GanzhiException.class, () -> export.require(Tables.SUBSCRIBER_PERCEPTION));
        assertEquals("export needs gold.subscriber_perception, which " + lake.root() + " does not have yet; run 'ganzhi publish "
                + "--lake " + lake.root() + " --date D' first.", gold.getMessage());
        assertEquals("export needs gold.subscriber_perception with published rows, which " + lake.root() + " does not have yet; "
                + "run 'ganzhi publish --lake " + lake.root() + " --date D' first.",
                export.missingRows(Tables.SUBSCRIBER_PERCEPTION, "published rows").getMessage());
    }
}
