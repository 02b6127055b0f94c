package org.ganzhi.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Versions are written whole or not at all, never replaced, and the highest is current. */
class ModelStoreTest {

    @Test
    void versionsAreWrittenWholeAndTheHighestIsCurrent(@TempDir Path dir) {
        ModelStore store = new ModelStore(dir.resolve("models/personas").toString(), "persona model", new Configuration());
        assertEquals(0, store.latestVersion(), "no folder yet");
        store.save(1, info("first"), folder -> Files.writeString(Files.createDirectories(Path.of(folder.toString())).resolve("weights"), "1"));
        store.save(2, info("second"), folder -> Files.createDirectories(Path.of(folder.toString())));
        assertEquals(2, store.latestVersion());
        assertEquals("first", store.info(1).get("name").asText());
        assertEquals("second", store.info(2).get("name").asText());
        assertTrue(Files.isRegularFile(dir.resolve("models/personas/v0001/weights")), "the parts sit beside model.json");
        assertArrayEquals(new String[]{"v0001", "v0002"}, names(dir.resolve("models/personas")), "no staging folder left");

        GanzhiException again = assertThrows(GanzhiException.class, () -> store.save(2, info("third"), folder -> { }));
        assertTrue(again.getMessage().contains("persona model") && again.getMessage().contains("v0002 already exists"),
                again.getMessage());
        assertEquals("second", store.info(2).get("name").asText(), "a version once written is never replaced");
    }

    @Test
    void aFailedSaveLeavesNoVersionAndNoStagingBehind(@TempDir Path dir) {
        ModelStore store = new ModelStore(dir.resolve("models/risk/churn").toString(), "risk model", new Configuration());
        GanzhiException e = assertThrows(GanzhiException.class, () -> store.save(1, info("x"), folder -> {
            Files.createDirectories(Path.of(folder.toString()));
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("cannot write risk model") && e.getMessage().contains("disk full"), e.getMessage());
        assertEquals(0, store.latestVersion());
        assertArrayEquals(new String[0], names(dir.resolve("models/risk/churn")));
    }

    private static ObjectNode info(String name) {
        return new ObjectMapper().createObjectNode().put("name", name);
    }

    private static String[] names(Path folder) {
        File[] files = folder.toFile().listFiles((d, n) -> !n.startsWith("."));
        return files == null ? new String[0] : Arrays.stream(files).map(File::getName).sorted().toArray(String[]::new);
    }
}
