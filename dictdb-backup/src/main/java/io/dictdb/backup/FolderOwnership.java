package io.dictdb.backup;

import io.dictdb.BackupException;
import io.dictdb.file.ImageInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whose backups a {@link BackupManager}'s folder holds: the manager refuses a folder that holds another database's
 * chain, since its retention and the restores would mix the two. Each file's header is read once (files are never
 * rewritten under the same name), so checking before every backup costs a folder listing. Not thread-safe: the
 * manager calls it under its lock.
 */
final class FolderOwnership {
    private static final Logger LOG = LoggerFactory.getLogger(FolderOwnership.class);

    /** What one file says about its database. */
    private record Claim(String databaseId, boolean readable) {
    }

    private final Path dir;
    private final String databaseId;
    private final Function<Path, ImageInfo> inspect;
    private final Map<Path, Claim> seen = new HashMap<>();
    private boolean warnedWithoutId;

    FolderOwnership(Path dir, String databaseId, Function<Path, ImageInfo> inspect) {
        this.dir = dir;
        this.databaseId = databaseId;
        this.inspect = inspect;
    }

    /**
     * Checks that no readable file of the folder names another database. Files without a database id (written
     * before ids existed, or by the Python DictDB) are left alone and logged once at WARN; unreadable files are
     * left to {@link Backups#verify(Path)}.
     *
     * @throws BackupException naming the folder, this database and the other ids found
     */
    void check() {
        if (!Files.isDirectory(dir)) {
            return; // created by the first backup
        }
        List<Path> files = BackupFolder.candidates(dir);
        seen.keySet().retainAll(new HashSet<>(files));
        SortedSet<String> others = new TreeSet<>();
        int withoutId = 0;
        for (Path p : files) {
            Claim c = seen.computeIfAbsent(p, this::claimOf);
            if (c.databaseId() != null && !c.databaseId().equals(databaseId)) {
                others.add(c.databaseId());
            } else if (c.databaseId() == null && c.readable()) {
                withoutId++;
            }
        }
        if (!others.isEmpty()) {
            throw new BackupException("Backup folder " + dir + " holds the backups of another database (id "
                    + String.join(", ", others) + "); this database is " + databaseId + ". A folder belongs to "
                    + "one database: give each its own folder (or restore that database to continue its chain)");
        }
        if (withoutId > 0 && !warnedWithoutId) {
            warnedWithoutId = true;
            LOG.atWarn().addKeyValue("op", "backup.start").addKeyValue("file", dir).addKeyValue("count", withoutId)
                    .log("Backup folder {} holds {} backup file(s) without a database id (written before databases "
                            + "had ids, or by the Python DictDB): they are left alone, and retention never deletes "
                            + "them", dir, withoutId);
        }
    }

    /**
     * Records a file this manager wrote, so it is never read again for its id.
     *
     * @param file the file
     */
    void own(Path file) {
        seen.put(file, new Claim(databaseId, true));
    }

    private Claim claimOf(Path file) {
        try {
            return new Claim(inspect.apply(file).header().databaseId(), true);
        } catch (RuntimeException e) {
            return new Claim(null, false);
        }
    }
}
