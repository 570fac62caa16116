package io.dictdb.backup;

import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.core.change.ChangeChannel;
import io.dictdb.core.change.ChangeSet;
import io.dictdb.core.journal.JournalTail;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Brings a warm standby's database up to what a primary's folder holds, in sequence order and without a gap, never
 * writing to the folder: journal entries after its sequence number ({@link JournalTail}, stopping at a tail the
 * primary is still writing), deltas that start right after it, and, when neither connects (the segments and deltas
 * it lacked were deleted after a newer backup, a compaction started a new chain), the newest chain, applied as the
 * difference from its state ({@link StateDiff}) so that the database stays the same object. One thread calls it.
 */
final class FolderFollower {
    private static final Logger LOG = LoggerFactory.getLogger(FolderFollower.class);

    private final Path dir;
    private final Path journalDir;
    private final Codec codec;
    private final DictDB db;
    private final ChangeChannel channel;
    private final BackupHeaders headers;
    /** The database whose files to follow: the chain's or the folder's id; null until the folder names one. */
    private String databaseId;
    /** Where the last journal read ended: that segment, that offset, with the database at that sequence. */
    private Path segment;
    private long offset;
    private long offsetSequence = -1;

    private FolderFollower(Path dir, Codec codec, DictDB db, String databaseId) {
        this.dir = dir;
        this.journalDir = dir.resolve("journal");
        this.codec = codec;
        this.db = db;
        this.channel = ChangeChannel.of(db);
        this.headers = new BackupHeaders(dir);
        this.databaseId = databaseId;
    }

    /**
     * Loads the newest backup chain of the folder that verifies (or starts empty when it holds none) into a new
     * database, made read-only with {@code reason}.
     *
     * @param dir the primary's folder
     * @param codec the codec of its journal
     * @param reason why the database is read-only
     * @return the follower
     * @throws io.dictdb.BackupException if the folder holds backups but none restores
     */
    static FolderFollower load(Path dir, Codec codec, String reason) {
        String id = folderDatabaseId(dir);
        Optional<Snapshot> chain = new BackupChainRecovery().restoreLatest(dir, id);
        DictDB db = DictDB.builder().buildFrom(chain.orElseGet(() -> new Snapshot(0, Instant.now(), List.of(), id)));
        ChangeChannel.of(db).readOnly(reason);
        return new FolderFollower(dir, codec, db, chain.map(Snapshot::databaseId).orElse(id));
    }

    DictDB database() {
        return db;
    }

    /**
     * Applies everything the folder holds after the database's sequence number, until nothing more connects.
     *
     * @param behind called once, before the first change is applied
     * @return true when caught up: nothing more to apply; false when the folder holds changes after a gap this pass
     *     could not close (it waits for the primary or a backup to fill it)
     * @throws RuntimeException if a file cannot be read or is damaged (the caller logs it and tries again later)
     */
    boolean pass(Runnable behind) {
        if (databaseId == null) {
            databaseId = folderDatabaseId(dir);
        }
        boolean told = false;
        while (true) {
            long before = channel.sequence();
            Gap gap = journal(behind, told);
            told |= channel.sequence() > before;
            if (gap == Gap.NONE && channel.sequence() > before) {
                continue;
            }
            if (delta(behind, told) || (gap == Gap.ONLY_BACKUPS && newestChain(behind, told))) {
                told = true;
                continue;
            }
            return gap != Gap.ONLY_BACKUPS || !backupsAhead();
        }
    }

    /** Whether the journal can still give the next change, or only the backups can (its segments start later). */
    private enum Gap { NONE, ONLY_BACKUPS }

    /** Applies the journal's entries after the database's sequence number, as far as they connect. */
    private Gap journal(Runnable behind, boolean told) {
        List<Path> segments;
        try {
            segments = JournalTail.segments(journalDir);
        } catch (IOException e) {
            throw new io.dictdb.DictDbException("Cannot list journal folder " + journalDir + ": " + e, e);
        }
        long next = channel.sequence() + 1;
        int from = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (JournalTail.firstSequence(segments.get(i)) <= next) {
                from = i;
            }
        }
        if (from < 0) {
            return Gap.ONLY_BACKUPS; // no journal, or its segments start after what the database holds
        }
        for (int i = from; i < segments.size(); i++) {
            Path s = segments.get(i);
            long sequence = channel.sequence();
            long start = s.equals(segment) && offsetSequence == sequence ? offset : 0;
            JournalTail.Read read = JournalTail.read(s, start, codec);
            for (JournalTail.Entry e : read.entries()) {
                if (e.last() <= sequence) {
                    continue; // a backup held it already
                }
                if (e.first() != sequence + 1) {
                    // a segment deleted between the listing and the read: the backups that hold it come next
                    LOG.atDebug().addKeyValue("op", "standby").addKeyValue("file", s).addKeyValue("sequence", sequence)
                            .log("journal entry at {} does not follow {}", e.first(), sequence);
                    return Gap.ONLY_BACKUPS;
                }
                if (!told) {
                    behind.run();
                    told = true;
                }
                channel.applyCommit(e.changes());
                sequence = e.last();
            }
            segment = s;
            offset = read.end();
            offsetSequence = sequence;
            if (read.pending() != null) {
                break; // the primary is writing the next entry: come back for it
            }
        }
        return Gap.NONE;
    }

    /** Applies a delta of this database that starts right after its sequence number, if the folder holds one. */
    private boolean delta(Runnable behind, boolean told) {
        long next = channel.sequence() + 1;
        for (BackupFile f : headers.current()) {
            if (f.kind() != BackupFile.Kind.DELTA || f.foreign() || f.firstSequence() != next
                    || f.lastSequence() < next || !ours(f)) {
                continue;
            }
            DeltaContent content;
            try {
                content = DeltaContent.read(f.path(), ImageFiles.standard());
            } catch (RuntimeException e) {
                continue; // deleted meanwhile by retention, or unreadable: a newer chain or the journal has it
            }
            if (!told) {
                behind.run();
            }
            channel.apply(new ChangeSet(f.firstSequence(), f.lastSequence(), content.changes(), content.states(),
                    content.commits()));
            LOG.atDebug().addKeyValue("op", "standby").addKeyValue("file", f.path())
                    .addKeyValue("sequence", f.lastSequence()).log("applied delta");
            return true;
        }
        return false;
    }

    /** Whether the folder's newest full is after the database's sequence number. */
    private boolean backupsAhead() {
        long sequence = channel.sequence();
        return headers.current().stream().anyMatch(f -> f.kind() == BackupFile.Kind.FULL && !f.foreign()
                && ours(f) && f.lastSequence() > sequence);
    }

    /** Whether a file is of the followed database (any database's, while the folder names none). */
    private boolean ours(BackupFile f) {
        return databaseId == null ? f.databaseId() != null : databaseId.equals(f.databaseId());
    }

    /**
     * Moves to the newest chain when it is ahead and nothing else connects: its state replaces the database's, as
     * the difference between them. Logged at INFO.
     */
    private boolean newestChain(Runnable behind, boolean told) {
        if (!backupsAhead()) {
            return false;
        }
        Optional<Snapshot> chain = new BackupChainRecovery().restoreLatest(dir, databaseId);
        long sequence = channel.sequence();
        if (chain.isEmpty() || chain.get().sequence() <= sequence) {
            return false;
        }
        if (!told) {
            behind.run();
        }
        ChangeSet diff = StateDiff.between(db.snapshot(), chain.get());
        channel.apply(diff);
        LOG.atInfo().addKeyValue("op", "standby.reload").addKeyValue("folder", dir).addKeyValue("from", sequence)
                .addKeyValue("sequence", chain.get().sequence()).addKeyValue("count", diff.size())
                .log("Standby of {}: the journal and deltas after sequence {} are gone, so it moved to the newest "
                        + "backup chain, at sequence {} ({} changes)", dir, sequence, chain.get().sequence(),
                        diff.size());
        return true;
    }

    /**
     * The id the primary keeps in its folder ({@code dictdb.id}, the name {@code DictDB.open} gives it), or null
     * before its first open.
     */
    static String folderDatabaseId(Path dir) {
        try {
            Path file = dir.resolve("dictdb.id");
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
                return id.isEmpty() ? null : id;
            }
        } catch (IOException e) {
            // unreadable now: the backups name their database anyway
        }
        return null;
    }
}
