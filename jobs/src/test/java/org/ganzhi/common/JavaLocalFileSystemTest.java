package org.ganzhi.common;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaLocalFileSystemTest {
    @TempDir
    java.nio.file.Path dir;

    /** A fresh instance: Hadoop's cache may hold whichever local file system this JVM made first. */
    private FileSystem fileSystem() throws Exception {
        return FileSystem.newInstance(dir.toUri(), JavaLocalFileSystem.hadoopConfiguration());
    }

    @Test
    void filesAndFoldersGetThePermissionsHadoopAsksFor() throws Exception {
        FileSystem fs = fileSystem();
        assertInstanceOf(JavaLocalFileSystem.class, fs);
        Path folder = new Path(dir.toUri().toString(), "a/b");
        assertTrue(fs.mkdirs(folder, new FsPermission((short) 0750)));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))));
        Path file = new Path(folder, "part-0.txt");
        try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
            out.write("x".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/part-0.txt"))));
        assertTrue(Files.exists(dir.resolve("a/b/.part-0.txt.crc")), "checksums stay Hadoop's");
        fs.setPermission(file, new FsPermission((short) 0604));
        assertEquals("rw----r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/part-0.txt"))));
        assertEquals(new FsPermission((short) 0604), fs.getFileStatus(file).getPermission());
    }

    @Test
    void aFileHasItsPlainStatusALinkHadoopsAnswerAndAMissingPathIsNotFound() throws Exception {
        FileSystem fs = fileSystem();
        FileSystem hadoops = FileSystem.newInstance(dir.toUri(), new Configuration());
        Files.writeString(dir.resolve("target.txt"), "t");
        Files.createSymbolicLink(dir.resolve("link.txt"), dir.resolve("target.txt"));
        Path file = new Path(dir.resolve("target.txt").toUri());
        assertFalse(fs.getFileLinkStatus(file).isSymlink());
        assertEquals(hadoops.getFileLinkStatus(file), fs.getFileLinkStatus(file));
        Path link = new Path(dir.resolve("link.txt").toUri());
        assertEquals(hadoops.getFileLinkStatus(link).isSymlink(), fs.getFileLinkStatus(link).isSymlink());
        assertEquals(hadoops.getFileLinkStatus(link).getLen(), fs.getFileLinkStatus(link).getLen());
        assertThrows(java.io.FileNotFoundException.class, () -> fs.getFileLinkStatus(new Path(dir.resolve("none").toUri())));
    }

    /** Delta commits through FileContext: write a temporary file, rename it onto the commit's name, never over one. */
    @Test
    void fileContextRenamesAsDeltaCommitsDo() throws Exception {
        FileContext context = FileContext.getFileContext(dir.toUri(), JavaLocalFileSystem.hadoopConfiguration());
        assertInstanceOf(JavaLocalFileSystem.Context.class, context.getDefaultFileSystem());
        Path commit = new Path(dir.toUri().toString(), "_delta_log/00000.json");
        context.rename(write(context, "_delta_log/.00000.json.a.tmp", "{}"), commit, Options.Rename.NONE);
        assertEquals("{}", Files.readString(dir.resolve("_delta_log/00000.json")));
        assertFalse(Files.exists(dir.resolve("_delta_log/.00000.json.a.tmp")));
        Path rival = write(context, "_delta_log/.00000.json.b.tmp", "{\"rival\": 1}");
        assertThrows(org.apache.hadoop.fs.FileAlreadyExistsException.class, () -> context.rename(rival, commit, Options.Rename.NONE),
                "a commit is never overwritten");
        assertEquals("{}", Files.readString(dir.resolve("_delta_log/00000.json")));
    }

    private Path write(FileContext context, String relative, String text) throws Exception {
        Path path = new Path(dir.toUri().toString(), relative);
        try (FSDataOutputStream out = context.create(path, EnumSet.of(CreateFlag.CREATE), Options.CreateOpts.createParent())) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return path;
    }
}
