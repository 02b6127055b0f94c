package org.ganzhi.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A lake folder of versioned models (models/personas, models/risk/&lt;outcome&gt;): v0001, v0002,
 * ... each holding a model.json of what the model is and was trained on, beside the parts its
 * library saves. A version is written whole into a staging folder and renamed, so a half-written
 * model is never the current one, and a version once written is never replaced.
 */
public final class ModelStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INFO = "model.json";

    private final Path root;
    private final String what;
    private final Configuration hadoop;

    /** Writes a model's library parts (Spark ML pipelines, k-means) into a folder. */
    @FunctionalInterface
    public interface Parts {
        void saveInto(Path folder) throws IOException;
    }

    /**
     * @param root   the folder of the versions
     * @param what   what the models are, for messages ("persona model")
     * @param hadoop the file system settings of the lake
     */
    public ModelStore(String root, String what, Configuration hadoop) {
        this.root = new Path(root);
        this.what = what;
        this.hadoop = hadoop;
    }

    /** The folder of one version. */
    public Path version(int version) {
        return new Path(root, String.format("v%04d", version));
    }

    /** Highest version in the store, 0 when there is none. */
    public int latestVersion() {
        try {
            FileSystem fs = root.getFileSystem(hadoop);
            if (!fs.exists(root)) {
                return 0;
            }
            int latest = 0;
            for (FileStatus f : fs.listStatus(root)) {
                String name = f.getPath().getName();
                if (f.isDirectory() && name.matches("v\\d{4}")) {
                    latest = Math.max(latest, Integer.parseInt(name.substring(1)));
                }
            }
            return latest;
        } catch (IOException e) {
            throw new GanzhiException("cannot list " + what + "s in " + root + ": " + e.getMessage(), e);
        }
    }

    /** model.json of a version. */
    public ObjectNode info(int version) {
        Path file = new Path(version(version), INFO);
        try (InputStream in = file.getFileSystem(hadoop).open(file)) {
            return (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GanzhiException("cannot read " + what + " " + version(version) + ": " + e.getMessage(), e);
        }
    }

    /** Saves a new version: its parts and model.json into a staging folder, then renamed into place. */
    public Path save(int version, ObjectNode info, Parts parts) {
        Path target = version(version);
        Path staging = new Path(root, "_staging-" + UUID.randomUUID());
        FileSystem fs;
        try {
            fs = target.getFileSystem(hadoop);
            if (fs.exists(target)) {
                throw new GanzhiException(what + " " + target + " already exists");
            }
        } catch (IOException e) {
            throw new GanzhiException("cannot write " + what + " " + target + ": " + e.getMessage(), e);
        }
        try {
            parts.saveInto(staging);
            try (FSDataOutputStream out = fs.create(new Path(staging, INFO))) {
                out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(info));
            }
            if (!fs.rename(staging, target)) {
                throw new IOException("could not rename " + staging + " to " + target);
            }
            return target;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(fs, staging);
            throw new GanzhiException("cannot write " + what + " " + target + ": " + e.getMessage(), e);
        }
    }

    /** A failed save leaves nothing behind; the original failure is what the user needs to see. */
    private static void deleteQuietly(FileSystem fs, Path staging) {
        try {
            fs.delete(staging, true);
        } catch (IOException ignored) {
            // the staging name never matches a version, so a leftover is never read
        }
    }
}
