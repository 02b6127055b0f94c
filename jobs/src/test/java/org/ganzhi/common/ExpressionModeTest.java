package org.ganzhi.common;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A run's input is the silver layer plus the deliveries it ingests, and nothing else. */
class ExpressionModeTest {
    private static final LocalDate NIGHT = LocalDate.parse("2026-11-03");

    @Test
    void inputIsSilverPlusTheNightsDeliveries(@TempDir Path root) throws IOException {
        write(root.resolve("silver/voice_cdr/part-0.parquet"), 1_000);
        write(root.resolve("silver/voice_cdr/_delta_log/00000.json"), 24);
        write(root.resolve("landing/voice_cdr/dt=2026-11-03/voice.csv.gz"), 300);
        write(root.resolve("landing/data_session/dt=2026-11-03/data.csv.gz"), 200);
        write(root.resolve("landing/voice_cdr/dt=2026-11-02/voice.csv.gz"), 5_000);   // an earlier night's delivery
        write(root.resolve("gold/segment_summary/part-0.parquet"), 7_000);            // an output, not an input
        Lake lake = new Lake(root.toString());
        Configuration hadoop = new Configuration();

        assertEquals(1_024, ExpressionMode.inputBytes(hadoop, lake, List.of()));
        assertEquals(1_524, ExpressionMode.inputBytes(hadoop, lake, List.of(NIGHT)));
        assertEquals(6_524, ExpressionMode.inputBytes(hadoop, lake, List.of(NIGHT.minusDays(1), NIGHT)));
        assertEquals(1_024, ExpressionMode.inputBytes(hadoop, lake, List.of(NIGHT.plusDays(1))), "no delivery yet");
    }

    @Test
    void anEmptyLakeHasNoInput(@TempDir Path root) {
        assertEquals(0, ExpressionMode.inputBytes(new Configuration(), new Lake(root.toString()), List.of(NIGHT)));
    }

    private static void write(Path file, int bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }
}
