package org.ganzhi.common;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hadoop's local file system without its child processes. Where Hadoop's native library is
 * missing (every laptop and CI machine we know), it forks {@code chmod} for every file it
 * creates and {@code readlink} twice for every rename, which Delta does for every commit: about
 * 700 processes of 6 ms each for a 300-subscriber night, all on the driver's thread. This class
 * sets permissions and tells links from files with java.nio instead, and leaves everything else
 * (checksums, listings, renames themselves) to Hadoop. Its settings install it for both of
 * Hadoop's interfaces: {@code FileSystem} (Spark's reads and writes) and {@code FileContext}
 * (Delta's commits).
 */
public final class JavaLocalFileSystem extends LocalFileSystem {
    /** The Hadoop settings that make file: paths use this class. */
    private static final Map<String, String> SETTINGS = Map.of("fs.file.impl", JavaLocalFileSystem.class.getName(),
            "fs.AbstractFileSystem.file.impl", Context.class.getName());

    public JavaLocalFileSystem() {
        super(new Raw());
    }

    /** The same as Spark settings, for a session's builder. */
    public static Map<String, String> sparkSettings() {
        Map<String, String> spark = new TreeMap<>();
        SETTINGS.forEach((key, value) -> spark.put("spark.hadoop." + key, value));
        return spark;
    }

    /**
     * A Hadoop configuration with these settings, for file system calls before Spark starts. Hadoop
     * caches one local file system per JVM, made with the configuration of the first call: so the
     * first call already chooses this class.
     */
    public static Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        SETTINGS.forEach(conf::set);
        return conf;
    }

    /** The raw local file system with permissions and link checks in Java. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path path, FsPermission permission) throws IOException {
            if (NativeIO.isAvailable() || permission.getStickyBit()) {
                super.setPermission(path, permission);
                return;
            }
            // rwxr-x--- and so on: without the sticky bit, the symbols java.nio reads.
            Files.setPosixFilePermissions(pathToFile(path).toPath(), PosixFilePermissions.fromString(permission.toString()));
        }

        /** A path that is no symbolic link has its plain status, which is all Hadoop's version reads a link for. */
        @Override
        public FileStatus getFileLinkStatus(Path path) throws IOException {
            if (Files.isSymbolicLink(pathToFile(path).toPath())) {
                return super.getFileLinkStatus(path);
            }
            return getFileStatus(path);
        }
    }

    /** The same for FileContext, which Delta's log store renames with: checksums over {@link Raw}. */
    public static final class Context extends ChecksumFs {
        public Context(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(new RawContext(uri, conf));
        }
    }

    /** As Hadoop's RawLocalFs, over {@link Raw}. */
    static final class RawContext extends DelegateToFileSystem {
        RawContext(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(uri, new Raw(), conf, "file", false);
        }

        @Override
        public int getUriDefaultPort() {
            return -1;
        }

        @Override
        public FsServerDefaults getServerDefaults(Path f) throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        @SuppressWarnings("deprecation")
        public FsServerDefaults getServerDefaults() throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        /** Local file systems differ in what names they take: the OS decides, as in Hadoop's own. */
        @Override
        public boolean isValidName(String src) {
            return true;
        }
    }
}
