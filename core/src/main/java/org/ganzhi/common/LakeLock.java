package org.ganzhi.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * One writer per lake: {@value #FILE} at the lake's root names the command that is writing it.
 * A second writer is refused at once instead of colliding with the first (two nights on one lake
 * corrupt each other's partitions, and the embedded metastore cannot be opened twice). A lock
 * whose process is gone (killed on this host, or its process id reused since) is taken over.
 * Readers never take it.
 * <p>
 * The file is created with create-if-absent, which is atomic on local disks and HDFS; object
 * stores without it (S3) need a scheduler that runs one writer per lake, as Airflow does.
 */
public final class LakeLock implements AutoCloseable {
    public static final String FILE = "_writer.lock";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who holds a lock: written into the lock file as JSON. */
    public record Holder(String command, String runId, String host, long pid, Instant since) {
        String describe() {
            return "'" + command + "' (run " + runId + ", process " + pid + " on " + host + ", since " + since + ")";
        }

        /** A holder on this host whose process is gone, or whose process id now belongs to a later process. */
        boolean isDeadOnThisHost() {
            if (!host.equals(thisHost())) {
                return false;
            }
            if (pid < 0) {
                // Unreadable: half-written by a crash, or being written this very moment.
                return since.isBefore(Instant.now().minusSeconds(10));
            }
            return ProcessHandle.of(pid).map(p -> p.info().startInstant().map(start -> start.isAfter(since)).orElse(false))
                    .orElse(true);
        }
    }

    private final FileSystem fs;
    private final Path path;
    private final Holder holder;
    private final Thread releaseOnExit;

    private LakeLock(FileSystem fs, Path path, Holder holder) {
        this.fs = fs;
        this.path = path;
        this.holder = holder;
        // A run stopped by SIGTERM (a scheduler's timeout) skips finally blocks but runs shutdown hooks.
        this.releaseOnExit = new Thread(this::release, "ganzhi-lake-lock-release");
        Runtime.getRuntime().addShutdownHook(releaseOnExit);
    }

    /**
     * Takes the lake's lock for {@code command}, or fails with a user error naming the holder.
     * Returns what it took over in {@code tookOver}, if anything.
     */
    public static LakeLock acquire(Lake lake, String command, String runId, Configuration conf, StringBuilder tookOver) {
        Path path = new Path(lake.root(), FILE);
        Holder me = new Holder(command, runId, thisHost(), ProcessHandle.current().pid(), Instant.now());
        try {
            FileSystem fs = path.getFileSystem(conf);
            fs.mkdirs(path.getParent()); // 'generate' writes a lake that may not exist yet
            for (int attempt = 0; attempt < 2; attempt++) {
                if (create(fs, path, me)) {
                    return new LakeLock(fs, path, me);
                }
                Optional<Holder> holder = read(fs, path);
                if (holder.isPresent() && !holder.get().isDeadOnThisHost()) {
                    throw new GanzhiException("the lake " + lake.root() + " is being written by " + holder.get().describe()
                            + "; '" + command + "' was not started. Wait for that run to end (ganzhi status shows it), or, if "
                            + "no such process is alive on " + holder.get().host() + ", delete " + path + " and rerun.");
                }
                // Gone (or emptied by a crash while it was written): take it over.
                holder.ifPresent(h -> tookOver.append(h.describe()));
                fs.delete(path, false);
            }
            throw new GanzhiException("another command took the lock of " + lake.root() + " (" + path + ") at the same moment; '"
                    + command + "' was not started. Rerun it when that one has ended.");
        } catch (IOException e) {
            throw new GanzhiException("cannot take the lock of the lake " + lake.root() + " (" + path + "): " + e.getMessage(), e);
        }
    }

    /** Who is writing the lake now, if anyone alive is. */
    public static Optional<Holder> holder(Lake lake, Configuration conf) {
        Path path = new Path(lake.root(), FILE);
        try {
            return read(path.getFileSystem(conf), path).filter(h -> !h.isDeadOnThisHost());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Holder holder() {
        return holder;
    }

    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(releaseOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: the lock is released either way.
        }
    }

    /** Deletes the lock file if it is still this run's (a take-over after a hang may have replaced it). */
    private synchronized void release() {
        try {
            Optional<Holder> current = read(fs, path);
            if (current.isPresent() && current.get().equals(holder)) {
                fs.delete(path, false);
            }
        } catch (IOException e) {
            // Nothing to do on the way out: the next writer sees a lock of a dead process and takes it over.
        }
    }

    /** Creates the lock file if there is none; false when one exists. */
    private static boolean create(FileSystem fs, Path path, Holder me) throws IOException {
        byte[] body = JSON.createObjectNode().put("command", me.command()).put("run_id", me.runId()).put("host", me.host())
                .put("pid", me.pid()).put("since", me.since().toString()).toString().getBytes(StandardCharsets.UTF_8);
        if (path.toUri().getScheme() == null || "file".equals(path.toUri().getScheme())) {
            // Hadoop's local create(overwrite=false) checks, then creates: not atomic. CREATE_NEW is.
            java.nio.file.Path local = java.nio.file.Paths.get(path.toUri().getPath());
            try {
                java.nio.file.Files.write(local, body, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            }
        }
        try (FSDataOutputStream out = fs.create(path, false)) {
            out.write(body);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private static Optional<Holder> read(FileSystem fs, Path path) throws IOException {
        if (!fs.exists(path)) {
            return Optional.empty();
        }
        try (InputStream in = fs.open(path)) {
            JsonNode n = JSON.readTree(in);
            if (n == null || !n.has("pid") || !n.has("since")) {
                throw new IOException("not a lock written by Ganzhi");
            }
            return Optional.of(new Holder(n.path("command").asText("?"), n.path("run_id").asText("?"), n.path("host").asText("?"),
                    n.path("pid").asLong(-1), Instant.parse(n.path("since").asText(Instant.EPOCH.toString()))));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.of(new Holder("?", "?", thisHost(), -1,
                    Instant.ofEpochMilli(fs.getFileStatus(path).getModificationTime())));
        }
    }

    static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
