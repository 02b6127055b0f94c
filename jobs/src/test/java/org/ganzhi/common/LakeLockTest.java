package org.ganzhi.common;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lake's writer lock, without Spark: refusal, release, and taking over what a dead run left. */
class LakeLockTest {
    @TempDir
    Path root;

    private Lake lake() {
        return new Lake(root.toString());
    }

    private LakeLock acquire(String command, StringBuilder tookOver) {
        return LakeLock.acquire(lake(), command, command + "-run", new Configuration(), tookOver);
    }

    @Test
    void aSecondWriterIsRefusedWithWhoHoldsTheLockAndSinceWhen() {
        try (LakeLock first = acquire("nightly", new StringBuilder())) {
            assertTrue(Files.exists(root.resolve(LakeLock.FILE)));
            GanzhiException refused = assertThrows(GanzhiException.class, () -> acquire("backfill", new StringBuilder()));
            assertTrue(refused.getMessage().contains("is being written by 'nightly' (run nightly-run, process "
                    + ProcessHandle.current().pid()), refused.getMessage());
            assertTrue(refused.getMessage().contains("since " + first.holder().since()), refused.getMessage());
            assertTrue(refused.getMessage().contains("'backfill' was not started"), refused.getMessage());
            assertEquals("nightly", LakeLock.holder(lake(), new Configuration()).orElseThrow().command(), "readers see the writer");
        }
        assertFalse(Files.exists(root.resolve(LakeLock.FILE)), "released when the run ends");
        assertTrue(LakeLock.holder(lake(), new Configuration()).isEmpty());
        try (LakeLock next = acquire("backfill", new StringBuilder())) {
            assertEquals("backfill", next.holder().command());
        }
    }

    @Test
    void aLockLeftByAKilledRunIsTakenOver() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        writeLock("nightly", LakeLock.thisHost(), gone.pid(), Instant.now().minusSeconds(60));
        assertTrue(LakeLock.holder(lake(), new Configuration()).isEmpty(), "a dead holder holds nothing");
        StringBuilder tookOver = new StringBuilder();
        try (LakeLock lock = acquire("ingest", tookOver)) {
            assertEquals("ingest", lock.holder().command());
            assertTrue(tookOver.toString().startsWith("'nightly' (run dead-run, process " + gone.pid()), tookOver.toString());
        }
    }

    @Test
    void aProcessIdReusedSinceTheLockWasTakenDoesNotHoldIt() throws IOException {
        // This JVM started after the lock's time: the run that wrote it had the same id and is gone.
        writeLock("nightly", LakeLock.thisHost(), ProcessHandle.current().pid(), Instant.parse("2020-01-01T00:00:00Z"));
        StringBuilder tookOver = new StringBuilder();
        try (LakeLock lock = acquire("publish", tookOver)) {
            assertFalse(tookOver.isEmpty());
        }
    }

    @Test
    void aLockOfAnotherHostIsNeverTakenOver() throws IOException {
        writeLock("nightly", "another-host.example", 1, Instant.parse("2020-01-01T00:00:00Z"));
        GanzhiException refused = assertThrows(GanzhiException.class, () -> acquire("ingest", new StringBuilder()));
        assertTrue(refused.getMessage().contains("if no such process is alive on another-host.example, delete "), refused.getMessage());
        assertTrue(Files.exists(root.resolve(LakeLock.FILE)));
    }

    @Test
    void aLockBeingWrittenThisMomentIsHeldAndAnOldUnreadableOneIsNot() throws IOException {
        Path file = root.resolve(LakeLock.FILE);
        Files.writeString(file, "");
        assertThrows(GanzhiException.class, () -> acquire("ingest", new StringBuilder()));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(60)));
        try (LakeLock lock = acquire("ingest", new StringBuilder())) {
            assertEquals("ingest", lock.holder().command());
        }
    }

    private void writeLock(String command, String host, long pid, Instant since) throws IOException {
        Files.writeString(root.resolve(LakeLock.FILE), "{\"command\":\"" + command + "\",\"run_id\":\"dead-run\",\"host\":\"" + host
                + "\",\"pid\":" + pid + ",\"since\":\"" + since + "\"}");
    }
}
