package io.dictdb.cli;

import io.dictdb.FieldType;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.backup.BackupManager;
import io.dictdb.core.DictDB;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The process the demo kills: it opens a durable database in a folder ({@code DictDB.open}, the {@code SYNC}
 * journal) with a {@link BackupManager} on the same folder, writes a first batch and a full backup, then inserts
 * events one at a time until it is killed, printing {@code ack <key>} after each insert returns. A printed key is an
 * acknowledged write: the demo checks that every one is there when it opens the folder after the kill. It is run by
 * {@link DemoCommand} with the demo's own class path; it is not a command.
 */
final class DemoJournalWriter {
    /** The line printed once the first batch and the full backup are done. */
    static final String READY = "ready";
    /** The start of the line printed after each acknowledged insert, followed by the key. */
    static final String ACK = "ack ";
    /** The table written. */
    static final String TABLE = "events";
    /** Records of the first batch (one commit), before the full backup. */
    static final int FIRST_BATCH = 2_000;

    private DemoJournalWriter() {
    }

    /**
     * Writes until killed.
     *
     * @param args the folder and the backup codec's name
     * @throws Exception when anything fails: the demo reports the child's exit
     */
    public static void main(String[] args) throws Exception {
        Logging.configure(Main.LogLevel.WARN, false);
        Path dir = Path.of(args[0]);
        String codec = args[1];
        PrintStream out = System.out;
        Random random = new Random(7);
        Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
        // Not closed on purpose: the process ends by SIGKILL, the crash the journal is for.
        DictDB db = DictDB.open(dir);
        BackupManager backups = BackupManager.builder(db, dir).format(codec).incremental(true)
                .interval(Duration.ofMillis(300)).minInterval(Duration.ofMillis(100)).build();
        Table events = db.createTable(TableSpec.named(TABLE).schema(Schema.builder()
                .field("user_id", FieldType.LONG).field("kind", FieldType.STRING).field("amount", FieldType.DOUBLE)
                .field("at", FieldType.INSTANT).build()));
        List<Map<String, Object>> batch = new ArrayList<>(FIRST_BATCH);
        for (int i = 0; i < FIRST_BATCH; i++) {
            batch.add(event(random, epoch));
        }
        events.insertAll(batch);
        backups.start();
        backups.backupFull();
        out.println(READY);
        out.flush();
        while (true) {
            Object key = events.insert(event(random, epoch)); // returns once an fsync covers it
            out.println(ACK + key);
            out.flush();
        }
    }

    private static Map<String, Object> event(Random random, Instant epoch) {
        return Map.of("user_id", 1L + random.nextInt(1_000), "kind", "purchase",
                "amount", (1 + random.nextInt(50_000)) / 100.0, "at", epoch.plusSeconds(random.nextInt(90 * 86_400)));
    }
}
