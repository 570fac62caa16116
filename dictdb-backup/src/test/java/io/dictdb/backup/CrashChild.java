package io.dictdb.backup;

import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.query.Conditions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The child JVM of {@link CrashTest}: writes and backs up until it is killed. After each completed backup it prints
 * {@code BACKUP <lastSequence> <digest of table t> END}; table {@code t} is written only by the main thread, so its
 * content at the backup's sequence number is its content when the backup returns. Another thread writes table
 * {@code noise} all the time, so captures race with writers.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random rnd = new Random(Long.parseLong(args[1]));
        DictDB db = DictDB.create();
        Table t = db.createTable("t");
        Table noise = db.createTable("noise");
        Thread writer = new Thread(() -> {
            long i = 0;
            while (true) {
                noise.insert(Map.of("i", i++));
                if (i % 50 == 0) {
                    noise.deleteAll();
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        writer.setDaemon(true);
        writer.start();
        BackupManager m = BackupManager.builder(db, dir).format(args.length > 2 ? args[2] : "json")
                .incremental(true).maxDeltasBeforeFull(4).keepFullBackups(2).interval(Duration.ofHours(1)).build();
        m.start();
        System.out.println("READY");
        System.out.flush();
        while (true) {
            int n = 1 + rnd.nextInt(20);
            for (int i = 0; i < n; i++) {
                long k = 1 + rnd.nextInt(200);
                switch (rnd.nextInt(4)) {
                    case 0, 1 -> t.upsert(Map.of("id", k, "v", rnd.nextLong(), "s", "s" + rnd.nextInt(1000)));
                    case 2 -> t.insert(Map.of("v", rnd.nextLong()));
                    default -> {
                        if (t.get(k).isPresent()) {
                            t.delete(Conditions.field("id").eq(k));
                        }
                    }
                }
            }
            var f = m.backupNow();
            if (f.isPresent()) {
                System.out.println("BACKUP " + f.get().lastSequence() + " " + digest(db) + " END");
                System.out.flush();
            }
        }
    }

    /** A digest of table {@code t}'s records, in key order, fields in name order. */
    static String digest(io.dictdb.Database db) throws Exception {
        Table t = db.table("t");
        TreeMap<Long, Record> byKey = new TreeMap<>();
        for (Record r : t.all()) {
            byKey.put((Long) r.get("id"), r);
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Record r : byKey.values()) {
            List<String> fields = new ArrayList<>(r.keySet());
            fields.sort(null);
            StringBuilder sb = new StringBuilder();
            for (String f : fields) {
                sb.append(f).append('=').append(r.get(f)).append(';');
            }
            md.update(sb.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
