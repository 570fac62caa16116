package io.dictdb.reliability.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dictdb.BackupException;
import io.dictdb.CodecException;
import io.dictdb.Table;
import io.dictdb.backup.BackupManager;
import io.dictdb.backup.Backups;
import io.dictdb.backup.VerifyReport;
import io.dictdb.core.DictDB;
import io.dictdb.reliability.DbDigest;
import io.dictdb.reliability.Figures;
import io.dictdb.file.ForwardingFileOps;
import io.dictdb.file.ImageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path trials: a backup folder reached through a symbolic link (and a dangling one), a folder that is a file, a
 * non-writable folder (real permissions when not running as root; as root, where permissions do not bite, an
 * {@link AccessDeniedException} from the file layer), and a full disk (the file layer's
 * {@code No space left on device} after a byte budget; no tmpfs is mounted by a test). Each failure must be a
 * clear error naming the folder or file, leave nothing half-written, keep the last good backup restorable, and the
 * next backup once the fault is gone must carry every change.
 */
class PathTrialTest {
    @TempDir
    Path root;

    private static final AtomicInteger CHECKS = new AtomicInteger();

    @Test
    void aFolderReachedThroughASymlinkBacksUpAndRestores() throws Exception {
        Path real = Files.createDirectory(root.resolve("real"));
        Path link = Files.createSymbolicLink(root.resolve("link"), real);
        DictDB db = db();
        try (BackupManager m = BackupManager.builder(db, link).incremental(true).build()) {
            m.backupNow();
            db.table("t").insert(Map.of("n", 2L));
            m.backupNow();
        }
        assertThat(files(real)).hasSize(2).allMatch(n -> n.startsWith("dictdb_"));
        VerifyReport report = Backups.verify(link);
        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(DbDigest.of(Backups.restoreLatest(link))).isEqualTo(DbDigest.of(db));
        assertThat(DbDigest.of(Backups.restoreLatest(real))).isEqualTo(DbDigest.of(db));

        Path dangling = Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nowhere"));
        try (BackupManager m = BackupManager.builder(db, dangling).build()) {
            assertThatThrownBy(m::backupNow).isInstanceOf(BackupException.class)
                    .hasMessageContaining(dangling.toString());
        }
        CHECKS.addAndGet(3);
        figures();
    }

    @Test
    void aFolderThatIsAFileOrMissingIsNamed() throws Exception {
        Path file = Files.writeString(root.resolve("plain"), "not a folder");
        DictDB db = db();
        try (BackupManager m = BackupManager.builder(db, file).build()) {
            assertThatThrownBy(m::backupNow).isInstanceOf(BackupException.class).hasMessageContaining(file.toString());
        }
        assertThat(Files.readString(file)).isEqualTo("not a folder");
        // a missing folder is no backup, not an ok one (issue 21): the report names it
        assertThat(Backups.verify(root.resolve("missing")).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(io.dictdb.backup.VerifyReport.Problem.Kind.NO_BACKUP);
            assertThat(p.file()).isEqualTo(root.resolve("missing"));
        });
        assertThatThrownBy(() -> Backups.verify(file)).isInstanceOf(BackupException.class)
                .hasMessageContaining(file.toString());
        assertThatThrownBy(() -> Backups.restoreLatest(root.resolve("missing"))).isInstanceOf(BackupException.class)
                .hasMessageContaining(root.resolve("missing").toString());
        CHECKS.addAndGet(3);
    }

    @Test
    void aNonWritableFolderFailsClearlyAndKeepsTheLastBackup() throws Exception {
        Assumptions.assumeFalse(isRoot(), "running as root: permissions do not bite (the fault-layer test covers it)");
        Path dir = root.resolve("ro");
        DictDB db = db();
        try (BackupManager m = BackupManager.builder(db, dir).incremental(true).build()) {
            m.backupNow();
            String good = DbDigest.of(db);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            try {
                db.table("t").insert(Map.of("n", 3L));
                assertThatThrownBy(m::backupNow).isInstanceOf(BackupException.class)
                        .hasMessageContaining(dir.toString());
                assertThat(files(dir)).hasSize(1);
                assertThat(DbDigest.of(Backups.restoreLatest(dir))).isEqualTo(good);
            } finally {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            assertThat(m.backupNow()).isPresent();
            assertThat(DbDigest.of(Backups.restoreLatest(dir))).isEqualTo(DbDigest.of(db));
        }
        CHECKS.addAndGet(1);
    }

    @Test
    void aFolderThatRefusesWritesFailsClearlyAndKeepsTheLastBackup() throws Exception {
        // as root (this machine's CI), permissions do not bite: the file layer refuses like a read-only folder
        Path dir = root.resolve("refusing");
        Budget ops = new Budget();
        DictDB db = db();
        try (BackupManager m = BackupManager.builder(db, dir).incremental(true).imageFiles(ImageFiles.using(ops))
                .build()) {
            m.backupNow();
            String good = DbDigest.of(db);
            ops.denied = true;
            db.table("t").insert(Map.of("n", 3L));
            assertThatThrownBy(m::backupNow).isInstanceOf(BackupException.class).hasMessageContaining(dir.toString())
                    .hasStackTraceContaining("AccessDeniedException");
            assertThat(files(dir)).hasSize(1);
            assertThat(DbDigest.of(Backups.restoreLatest(dir))).isEqualTo(good);
            ops.denied = false;
            assertThat(m.backupNow()).isPresent();
            assertThat(DbDigest.of(Backups.restoreLatest(dir))).isEqualTo(DbDigest.of(db));
            assertThat(Backups.verify(dir).ok()).isTrue();
        }
        CHECKS.addAndGet(1);
    }

    @Test
    void aFullDiskFailsClearlyLeavesNothingHalfWrittenAndTheNextBackupCarriesEverything() throws Exception {
        Path dir = root.resolve("full-disk");
        Budget ops = new Budget();
        DictDB db = db();
        for (int i = 0; i < 200; i++) {
            db.table("t").insert(Map.of("n", (long) i, "s", "padding ".repeat(20)));
        }
        int failures = 0;
        try (BackupManager m = BackupManager.builder(db, dir).incremental(true).maxDeltasBeforeFull(2)
                .imageFiles(ImageFiles.using(ops)).build()) {
            m.backupNow();
            String good = DbDigest.of(db);
            for (long budget : new long[] {0, 1, 50, 500, 5_000}) {
                ops.left.set(budget);
                for (int i = 0; i < 30; i++) {
                    db.table("t").insert(Map.of("n", 1000L + i, "s", "more ".repeat(40)));
                }
                assertThatThrownBy(m::backupNow).isInstanceOf(BackupException.class)
                        .hasMessageContaining(dir.toString()).hasStackTraceContaining("No space left on device");
                failures++;
                assertThat(files(dir)).as("after a full disk").hasSize(1).noneMatch(n -> n.endsWith(".tmp"));
                assertThat(DbDigest.of(Backups.restoreLatest(dir))).isEqualTo(good);
            }
            ops.left.set(Long.MAX_VALUE);
            assertThat(m.backupNow()).isPresent();
            assertThat(DbDigest.of(Backups.restoreLatest(dir))).isEqualTo(DbDigest.of(db));
            assertThat(Backups.verify(dir).ok()).isTrue();
        }
        // a save to a full disk leaves the previous file untouched and names the file
        Path file = root.resolve("save.json");
        ImageFiles files = ImageFiles.using(ops);
        db.save(file, "json", files);
        byte[] before = Files.readAllBytes(file);
        db.table("t").insert(Map.of("n", -1L));
        ops.left.set(100);
        assertThatThrownBy(() -> db.save(file, "json", files)).isInstanceOf(CodecException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("No space left on device");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(files(root)).noneMatch(n -> n.endsWith(".tmp"));
        CHECKS.addAndGet(failures + 1);
    }

    private static void figures() {
        Figures.of("paths").put("checks", CHECKS.get()).put("root", isRoot()).report();
    }

    private static DictDB db() {
        DictDB db = DictDB.create();
        Table t = db.createTable("t");
        t.insert(Map.of("n", 1L));
        return db;
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return out.equals("0");
        } catch (IOException | InterruptedException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The standard operations with a byte budget (a full disk) and a switch that refuses new files. */
    static final class Budget extends ForwardingFileOps {
        final AtomicLong left = new AtomicLong(Long.MAX_VALUE);
        volatile boolean denied;

        @Override
        public WritableFile create(Path file) throws IOException {
            if (denied) {
                throw new AccessDeniedException(file.toString());
            }
            WritableFile w = super.create(file);
            return new ForwardingFile(w) {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    long room = left.get();
                    if (room <= 0) {
                        throw new IOException("No space left on device");
                    }
                    if (src.remaining() > room) {
                        ByteBuffer part = src.duplicate();
                        part.limit(part.position() + (int) room);
                        int n = w.write(part);
                        src.position(src.position() + n);
                        left.addAndGet(-n);
                        return n;
                    }
                    int n = w.write(src);
                    left.addAndGet(-n);
                    return n;
                }
            };
        }
    }
}
