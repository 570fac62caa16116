package io.dictdb.reliability.journal;

import io.dictdb.Table;
import io.dictdb.backup.BackupManager;
import io.dictdb.core.DictDB;
import io.dictdb.core.JournalSync;
import io.dictdb.file.ForwardingFileOps;
import io.dictdb.file.ImageFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The child JVM of {@link JournalCrashTrialTest}: opens the durable database in a folder ({@link JournalSync#SYNC};
 * {@link JournalSync#ASYNC} for a phase starting with {@code async},
 * small journal segments), with an incremental {@link BackupManager} on the same folder backing up every few dozen
 * milliseconds (so segments are released, that is deleted, and backup files written all the time), and writes from
 * two threads until it is killed: single inserts and two-record transactions ({@link #record}), printing
 * {@code ACK <id>} for each record whose write has returned.
 *
 * <p>Every file operation of the journal and the backups goes through {@link Pausing}: at the target phase's chosen
 * occurrence it prints {@code PHASE <name>} and blocks, so the parent's SIGKILL lands inside that phase.
 *
 * <p>Arguments: folder, seed, phase ({@link JournalCrashTrialTest#PHASES}), occurrences of it to let pass, and the
 * first record id of this run (each run of a folder writes its own ids).
 */
public final class JournalCrashChild {
    private static final PrintStream OUT = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
            false, StandardCharsets.UTF_8);

    private JournalCrashChild() {
    }

    /**
     * Runs until killed.
     *
     * @param args folder, seed, phase, occurrences to skip, first id
     * @throws Exception never expected: the parent kills the process
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random rnd = new Random(Long.parseLong(args[1]));
        Pausing ops = new Pausing(args[2], Integer.parseInt(args[3]));
        long firstId = Long.parseLong(args[4]);
        JournalSync mode = args[2].startsWith("async") ? JournalSync.ASYNC : JournalSync.SYNC;
        DictDB db = DictDB.builder().journalSync(mode).journalSegmentSize(4096).fileOps(ops).open(dir);
        Table t = db.findTable("t").orElseGet(() -> db.createTable("t", "id"));
        BackupManager backups = BackupManager.builder(db, dir).incremental(true).maxDeltasBeforeFull(3)
                .keepFullBackups(2).interval(Duration.ofHours(1)).imageFiles(ImageFiles.using(ops)).build();
        backups.start();
        say("READY");
        for (int w = 0; w < 2; w++) {
            long base = firstId + w * 100_000_000L;
            Thread writer = new Thread(() -> {
                for (long i = 0; ; i++) {
                    long id = base + i * 2; // even: a transaction writes id and id + 1
                    if (i % 3 == 0) {
                        db.transaction(List.of("t"), () -> {
                            t.insert(record(id, "tx"));
                            t.insert(record(id + 1, "tx"));
                            return null;
                        });
                        say("ACK " + id + "\nACK " + (id + 1));
                    } else {
                        t.insert(record(id, "single"));
                        say("ACK " + id);
                    }
                }
            }, "writer-" + w);
            writer.start();
        }
        long pauseSeed = rnd.nextLong();
        Thread backup = new Thread(() -> {
            Random r = new Random(pauseSeed);
            while (true) {
                try {
                    Thread.sleep(20 + r.nextInt(60));
                    backups.backupNow();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a failed backup leaves nothing half-written and the next one carries every change
                }
            }
        }, "backup");
        backup.start();
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * The record the child writes under an id: what the parent checks a recovered record against, whole.
     *
     * @param id the id
     * @param kind {@code single} or {@code tx}
     * @return the record
     */
    static Map<String, Object> record(long id, String kind) {
        String unit = Long.toString(id, 36);
        return Map.of("id", id, "v", kind, "p", unit.repeat(1 + (int) (id % 40))); // entries of varied sizes
    }

    private static void say(String lines) {
        synchronized (OUT) {
            OUT.println(lines);
            OUT.flush();
        }
    }

    /**
     * The standard file operations, pausing for good at the target phase's chosen occurrence after printing
     * {@code PHASE <name>}: {@code mid-entry} (part of a journal entry's bytes written), {@code before-force} and
     * {@code after-force} (of a journal segment), {@code segment-delete} (a segment a backup released, before it is
     * deleted), {@code backup-write} (part of a backup file's bytes written).
     */
    static final class Pausing extends ForwardingFileOps {
        private final String target;
        private int skip;

        Pausing(String target, int skip) {
            this.target = target;
            this.skip = skip;
        }

        /** At the target phase's chosen occurrence, announces it and never returns: the kill comes here. */
        private void phase(String name) {
            if (!name.equals(target)) {
                return;
            }
            synchronized (this) {
                if (skip-- > 0) {
                    return;
                }
            }
            say("PHASE " + name);
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    // still paused: only the kill ends it
                }
            }
        }

        private static boolean journal(Path file) {
            return file.getParent() != null && file.getParent().getFileName().toString().equals("journal")
                    && file.getFileName().toString().endsWith(".log");
        }

        /** Writes half of the bytes (at least one) and pauses in {@code phase} when it is the target. */
        private int writeHalf(WritableFile w, ByteBuffer src, String phase) throws IOException {
            if (src.remaining() > 1 && phase.equals(target)) {
                ByteBuffer half = src.duplicate();
                half.limit(half.position() + half.remaining() / 2);
                int n = w.write(half);
                src.position(src.position() + n);
                phase(phase); // returns when this occurrence is let pass: the rest is written by the next call
                return n;
            }
            return w.write(src);
        }

        private WritableFile segment(WritableFile w) {
            return new ForwardingFile(w) {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    return writeHalf(w, src, "mid-entry");
                }

                @Override
                public void force() throws IOException {
                    phase("before-force");
                    w.force();
                    phase("after-force");
                }

                @Override
                public void forceData() throws IOException {
                    phase("before-force");
                    w.forceData();
                    phase("after-force");
                }
            };
        }

        @Override
        public WritableFile create(Path file) throws IOException {
            WritableFile w = super.create(file);
            if (journal(file)) {
                return segment(w);
            }
            return new ForwardingFile(w) {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    return writeHalf(w, src, "backup-write");
                }
            };
        }

        @Override
        public WritableFile openAppend(Path file) throws IOException {
            WritableFile w = super.openAppend(file);
            return journal(file) ? segment(w) : w;
        }

        @Override
        public void deleteIfExists(Path file) throws IOException {
            if (journal(file)) {
                phase("segment-delete");
            }
            super.deleteIfExists(file);
        }
    }
}
