package io.dictdb.reliability.crash;

import io.dictdb.DictDbException;
import io.dictdb.IndexType;
import io.dictdb.RecordNotFoundException;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.backup.BackupFile;
import io.dictdb.backup.BackupManager;
import io.dictdb.core.DictDB;
import io.dictdb.query.Conditions;
import io.dictdb.reliability.DbDigest;
import io.dictdb.reliability.EdgeValues;
import io.dictdb.file.ForwardingFileOps;
import io.dictdb.file.ImageFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The child JVM of {@link CrashTrialTest}: one writer thread runs batches of inserts, upserts, updates, deletes and
 * DDL (create and drop table and index) over a few tables of one of two databases ({@link #LANES}), each with an
 * incremental {@link BackupManager} that writes a full every third backup and keeps two chains, so fulls and
 * retention happen often. Some steps are transactions over two tables ({@link #transactionStep}), a quarter of
 * them failing half-way on purpose, which mark a fixed set of records with the transaction's number: a state holding
 * some of those marks without the others holds part of a transaction ({@link #partialTransaction}). Both back up into folders of the trial's folder, where both also save now and then. A
 * table {@code edge} holds {@link EdgeValues} under keys at both ends of the long range. After each batch it prints
 * {@code STATE <database> <sequence> <digest>} (the whole database's {@link DbDigest}); after each completed backup
 * {@code ACK <database> <lastSequence>}; after each save {@code SAVED <database> <sequence>}. Everything goes to
 * standard output, which the parent reads even after the kill.
 *
 * <p>Arguments: folder, seed, codec, target phase ({@code none} or a phase such as {@code write-delta},
 * {@code delete}) and how many occurrences of it to let pass. At the target phase the child prints
 * {@code PHASE <name>} and sleeps, so the parent's SIGKILL lands inside that phase: in the middle of a delta's
 * bytes, before or after a rename, between the deletions of a retention.
 */
public final class CrashWorkload {
    private static final PrintStream OUT = System.out;

    private CrashWorkload() {
    }

    /**
     * Runs until killed.
     *
     * @param args folder, seed, codec, target phase, occurrences to skip
     * @throws Exception never expected: the parent kills the process
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random rnd = new Random(Long.parseLong(args[1]));
        String format = args[2];
        Announcing ops = new Announcing(args[3], Integer.parseInt(args[4]));
        Files.createDirectories(dir);
        List<Lane> lanes = new ArrayList<>();
        for (String name : LANES) {
            DictDB db = DictDB.create();
            db.createTable(TableSpec.named("t0").index("g"));
            db.createTable(TableSpec.named("edge").index("$type"));
            db.table("edge").insert(Map.of("id", Long.MAX_VALUE, "$type", "last key"));
            db.createTable(TX_TABLE);
            BackupManager m = BackupManager.builder(db, dir.resolve(name)).format(format).incremental(true)
                    .maxDeltasBeforeFull(2).keepFullBackups(2).interval(Duration.ofHours(1))
                    .imageFiles(ImageFiles.using(ops)).build();
            m.start();
            lanes.add(new Lane(name, db, m, new int[] {1}, new long[] {1}));
        }
        say("READY");
        while (true) {
            Lane lane = lanes.get(rnd.nextInt(lanes.size()));
            int n = 1 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                try {
                    if (rnd.nextInt(6) == 0) {
                        transactionStep(lane, rnd);
                    } else {
                        step(lane, rnd);
                    }
                } catch (RecordNotFoundException e) {
                    // an update or delete that matched nothing: no change
                }
            }
            String partial = partialTransaction(lane.db());
            if (partial != null) {
                throw new IllegalStateException("database " + lane.name() + ": " + partial);
            }
            say("STATE " + lane.name() + " " + lane.db().sequence() + " " + DbDigest.of(lane.db()));
            if (rnd.nextInt(8) == 0) {
                long sequence = lane.db().sequence();
                lane.db().save(dir.resolve(lane.name() + "." + format), format);
                say("SAVED " + lane.name() + " " + sequence);
            }
            Optional<BackupFile> f = lane.backups().backupNow();
            if (f.isPresent()) {
                say("ACK " + lane.name() + " " + f.get().lastSequence());
            }
        }
    }

    /**
     * The databases of one child, each backing up into its own folder under the trial's folder (where both also
     * save): two databases that share a parent folder.
     */
    static final String[] LANES = {"a", "b"};

    /** One database of the child, its backup manager, its table counter and its next transaction number. */
    private record Lane(String name, DictDB db, BackupManager backups, int[] tableCounter, long[] txCounter) {
    }

    /** The table of the transactions' marks, which the other steps leave alone. */
    static final String TX_TABLE = "tx";
    /** The marked records: keys of {@link #TX_TABLE}, then keys of {@code t0} (negative, which no other step uses). */
    private static final long[] TX_KEYS = {1, 2, 3};
    private static final long[] T0_KEYS = {-1, -2};

    /** Thrown inside a transaction on purpose: everything it wrote is undone. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("abandoned on purpose", null, false, false);
        }
    }

    /**
     * A transaction over {@code t0} and {@link #TX_TABLE} that writes its number {@code n} into field {@code m} of
     * every marked record (in a random order, an update for a record that exists); a quarter of them write the
     * negative number into some records and then throw, so the transaction must leave nothing.
     */
    private static void transactionStep(Lane lane, Random rnd) {
        DictDB db = lane.db();
        long n = lane.txCounter()[0]++;
        boolean abandon = rnd.nextInt(4) == 0;
        int writes = TX_KEYS.length + T0_KEYS.length;
        int throwAfter = abandon ? rnd.nextInt(writes) : -1;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, rnd);
        try {
            db.transaction(List.of("t0", TX_TABLE), () -> {
                int done = 0;
                for (int i : order) {
                    if (done++ == throwAfter) {
                        throw new Abandoned();
                    }
                    Table t = db.table(i < TX_KEYS.length ? TX_TABLE : "t0");
                    long key = i < TX_KEYS.length ? TX_KEYS[i] : T0_KEYS[i - TX_KEYS.length];
                    long mark = abandon ? -n : n;
                    if (t.get(key).isPresent() && rnd.nextBoolean()) {
                        t.update(Map.of("m", mark), Conditions.field("id").eq(key));
                    } else {
                        t.upsert(Map.of("id", key, "m", mark, "s", "tx " + mark));
                    }
                }
            });
        } catch (Abandoned expected) {
            // undone: the marks are as before
        }
    }

    /**
     * Whether a state holds part of a transaction: the marked records are either all absent (no transaction
     * committed yet) or all present with the same positive mark.
     *
     * @param db a database of the workload, live or restored
     * @return null when every transaction is whole, else what is wrong
     */
    static String partialTransaction(io.dictdb.Database db) {
        List<Object> marks = new ArrayList<>();
        for (long k : TX_KEYS) {
            marks.add(db.table(TX_TABLE).get(k).map(r -> r.get("m")).orElse(null));
        }
        for (long k : T0_KEYS) {
            marks.add(db.table("t0").get(k).map(r -> r.get("m")).orElse(null));
        }
        boolean none = marks.stream().allMatch(java.util.Objects::isNull);
        boolean whole = marks.stream().distinct().count() == 1 && marks.get(0) instanceof Number m && m.longValue() > 0;
        return none || whole ? null : "part of a transaction, or an abandoned one, in the marks " + marks
                + " (tx keys " + java.util.Arrays.toString(TX_KEYS) + ", t0 keys "
                + java.util.Arrays.toString(T0_KEYS) + ")";
    }

    private static void step(Lane lane, Random rnd) {
        DictDB db = lane.db();
        List<String> names = new ArrayList<>(db.tableNames());
        names.remove(TX_TABLE); // only transactions write there
        String name = names.get(rnd.nextInt(names.size()));
        Table t = db.table(name);
        int op = rnd.nextInt(100);
        long k = 1 + rnd.nextInt(60);
        if (name.equals("edge")) {
            edgeStep(db, t, rnd, op, k);
        } else if (op < 30) {
            t.upsert(Map.of("id", k, "g", (long) rnd.nextInt(8), "s", "s" + rnd.nextInt(1000), "v", rnd.nextLong()));
        } else if (op < 35) {
            Map<String, Object> r = EdgeValues.record(rnd);
            r.put("id", k);
            r.put("g", (long) rnd.nextInt(8));
            t.upsert(r);
        } else if (op < 50) {
            t.insert(Map.of("g", (long) rnd.nextInt(8), "d", rnd.nextDouble(), "b", rnd.nextBoolean()));
        } else if (op < 65) {
            t.update(Map.of("v", rnd.nextLong()), Conditions.field("g").eq((long) rnd.nextInt(8)));
        } else if (op < 85) {
            t.delete(Conditions.field("id").eq(k));
        } else if (op < 89) {
            if (names.size() < 5) {
                db.createTable(TableSpec.named("t" + lane.tableCounter()[0]++).index("g", rnd.nextBoolean()
                        ? IndexType.HASH : IndexType.values()[rnd.nextInt(IndexType.values().length)]));
            }
        } else if (op < 92) {
            if (!name.equals("t0")) {
                db.dropTable(name);
            }
        } else if (op < 96) {
            String field = rnd.nextBoolean() ? "s" : "v";
            if (!t.hasIndex(field)) {
                t.createIndex(field);
            }
        } else {
            String field = rnd.nextBoolean() ? "s" : "g";
            if (t.hasIndex(field)) {
                t.dropIndex(field);
            }
        }
    }

    /**
     * Writes to the table of edge values: explicit keys at both ends of the long range (the key counter stands at
     * {@code Long.MAX_VALUE}, so an automatic key is that key while it is free, and refused without changing
     * anything while it is taken), records of
     * {@link EdgeValues}, updates of {@code $} fields, deletes.
     */
    private static void edgeStep(DictDB db, Table t, Random rnd, int op, long k) {
        long[] keys = {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - k, k};
        if (op < 50) {
            Map<String, Object> r = EdgeValues.record(rnd);
            r.put("id", keys[rnd.nextInt(keys.length)]);
            t.upsert(r);
        } else if (op < 60) {
            // the counter stands at Long.MAX_VALUE: the only automatic key left is that one, while it is free
            boolean free = t.get(Long.MAX_VALUE).isEmpty();
            long before = db.sequence();
            Object key;
            try {
                key = t.insert(EdgeValues.record(rnd));
            } catch (DictDbException e) {
                if (free || db.sequence() != before) {
                    throw new IllegalStateException("an automatic key was refused while Long.MAX_VALUE was free, "
                            + "or the refusal changed the database", e);
                }
                return;
            }
            if (!free || !Long.valueOf(Long.MAX_VALUE).equals(key)) {
                throw new IllegalStateException("an automatic key past Long.MAX_VALUE was given: " + key);
            }
        } else if (op < 75) {
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put(EdgeValues.name(rnd), rnd.nextLong());
            changes.put("$type", "updated " + rnd.nextInt(5));
            t.update(changes, Conditions.field("id").eq(keys[rnd.nextInt(keys.length)]));
        } else if (op < 95) {
            t.delete(Conditions.field("id").eq(keys[rnd.nextInt(keys.length)]));
        } else if (!t.hasIndex(EdgeValues.LONG_NAME)) {
            t.createIndex(EdgeValues.LONG_NAME, IndexType.SORTED);
        } else {
            t.dropIndex(EdgeValues.LONG_NAME);
        }
    }

    static void say(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }

    /** The standard file operations, announcing the target phase and pausing in it so that the kill lands there. */
    static final class Announcing extends ForwardingFileOps {
        private final String target;
        private int skip;

        Announcing(String target, int skip) {
            this.target = target;
            this.skip = skip;
        }

        private void phase(String name) {
            if (!name.equals(target)) {
                return;
            }
            if (skip-- > 0) {
                return;
            }
            say("PHASE " + name);
            try {
                Thread.sleep(400); // the parent kills within this pause
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static String kind(Path file) {
            return file.getFileName().toString().contains("delta") ? "delta" : "full";
        }

        @Override
        public WritableFile create(Path file) throws IOException {
            String kind = kind(file);
            WritableFile w = super.create(file);
            return new ForwardingFile(w) {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    if (src.remaining() > 1 && target.equals("write-" + kind)) {
                        ByteBuffer half = src.duplicate();
                        half.limit(half.position() + half.remaining() / 2);
                        int n = w.write(half); // half of the bytes reach the file, then the kill
                        src.position(src.position() + n);
                        phase("write-" + kind);
                        return n;
                    }
                    return w.write(src);
                }

                @Override
                public void force() throws IOException {
                    phase("force-" + kind);
                    w.force();
                }
            };
        }

        @Override
        public void moveAtomically(Path source, Path target) throws IOException {
            String kind = kind(target);
            phase("rename-" + kind);
            super.moveAtomically(source, target);
            phase("renamed-" + kind);
        }

        @Override
        public void deleteIfExists(Path file) throws IOException {
            phase("delete");
            super.deleteIfExists(file);
        }
    }
}
