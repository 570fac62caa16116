package io.dictdb.examples.guides;

import io.dictdb.*;
import io.dictdb.backup.*;
import io.dictdb.core.DictDB;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;

/** The blocks of docs/standby.md. */
public final class WarmStandby {

    private WarmStandby() {
    }

    /**
     * A standby follows a primary's folder, refuses writes, and is promoted once the primary is closed.
     *
     * @param dir the primary's folder
     * @return what the standby and the promoted database saw, by name
     * @throws InterruptedException if interrupted while waiting
     */
    static Map<String, Object> followAndPromote(Path dir) throws InterruptedException {
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin standby-follow
        DictDB primary = DictDB.open(dir);
        BackupManager backups = BackupManager.builder(primary, dir).incremental(true).build();
        backups.start();
        Table orders = primary.createTable("orders");
        orders.insert(Map.of("item", "tea", "qty", 2));
        backups.backupFull();
        orders.insert(Map.of("item", "cake", "qty", 1));                // in the journal only

        Standby standby = Standby.follow(dir);                          // another process, usually
        boolean caughtUp = standby.awaitSequence(primary.sequence(), Duration.ofSeconds(10));   // true
        long replicated = standby.database().table("orders").count();   // 2
        Duration lag = standby.lag();                                   // how long it has been behind
        try {
            standby.database().table("orders").insert(Map.of("item", "jam"));
        } catch (IllegalStateException e) {
            // "... is a standby of <dir>, following its primary: promote() it to write"
        }

        backups.close();
        primary.close();                                                // or the primary's process dies
        try (DictDB promoted = standby.promote()) {                     // writable, journalled, same sequence
            promoted.table("orders").insert(Map.of("item", "jam", "qty", 3));
            long count = promoted.table("orders").count();             // 3
            // README:end standby-follow
            r.put("count", count);
            r.put("sequence", promoted.sequence());
        }
        r.put("caughtUp", caughtUp);
        r.put("replicated", replicated);
        r.put("lagNotNegative", !lag.isNegative());
        r.put("standbySequence", standby.sequence());
        return r;
    }
}
