package io.dictdb.core.journal;

import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.core.JournalSync;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link KillTest}: opens a durable database (SYNC) in the folder it is given and writes until it is
 * killed, from two threads, single inserts and two-record transactions, printing {@code ACK <id>} for each record
 * whose write has returned (so is acknowledged). Arguments: folder, writer threads.
 */
public final class KillChild {
    private KillChild() {
    }

    public static void main(String[] args) throws Exception {
        CompactTestCodec.install();
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        DictDB db = DictDB.builder().journalFormat(CompactTestCodec.NAME).journalSync(JournalSync.SYNC).open(dir);
        Table t = db.findTable("t").orElseGet(() -> db.createTable("t", "id"));
        synchronized (out) {
            out.println("READY");
            out.flush();
        }
        for (int w = 0; w < threads; w++) {
            long writer = w;
            Thread th = new Thread(() -> {
                for (long i = 0; ; i++) {
                    long id = writer * 1_000_000_000L + i * 2;
                    if (i % 3 == 0) {
                        db.transaction(List.of("t"), () -> {
                            t.insert(Map.of("id", id, "v", "tx"));
                            t.insert(Map.of("id", id + 1, "v", "tx"));
                            return null;
                        });
                        ack(out, id, id + 1);
                    } else {
                        t.insert(Map.of("id", id, "v", "single"));
                        ack(out, id);
                    }
                }
            });
            th.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void ack(PrintStream out, long... ids) {
        synchronized (out) {
            for (long id : ids) {
                out.println("ACK " + id);
            }
            out.flush();
        }
    }
}
