package io.dictdb.backup;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Backups#verify(Path)} found: every file read and checked, and the problems, one per bad file.
 *
 * @param checked the backup files that read back whole, oldest first
 * @param problems the problems found, one per bad file
 */
public record VerifyReport(List<BackupFile> checked, List<Problem> problems) {

    /**
     * Copies the lists.
     *
     * @param checked the good files
     * @param problems the problems
     */
    public VerifyReport {
        checked = List.copyOf(checked);
        problems = List.copyOf(problems);
    }

    /**
     * Whether every file read back whole and every delta links to its full and the delta before it, and there was
     * at least one backup to check.
     *
     * @return true when there is no problem
     */
    public boolean ok() {
        return problems.isEmpty();
    }

    @Override
    public String toString() {
        if (problems.isEmpty()) {
            return "VerifyReport[ok, " + checked.size() + " files]";
        }
        StringBuilder sb = new StringBuilder("VerifyReport[" + problems.size() + " problem(s), " + checked.size()
                + " files checked:");
        for (Problem p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.append(']').toString();
    }

    /**
     * A problem with one file (or, for {@link Kind#NO_BACKUP}, with the folder).
     *
     * @param file the file, or the folder
     * @param kind what is wrong
     * @param message why, in words
     * @param databaseId the id of the database whose chain the file belongs to (for an unreadable file, the id its
     *     header line claims); null when unknown, for files written before databases had ids and for foreign files
     */
    public record Problem(Path file, Kind kind, String message, String databaseId) {
        /**
         * Checks the parts.
         *
         * @param file the file
         * @param kind the kind of problem
         * @param message the reason
         * @param databaseId the database's id, or null
         */
        public Problem {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }

        /**
         * A problem of no known database.
         *
         * @param file the file
         * @param kind the kind of problem
         * @param message the reason
         */
        public Problem(Path file, Kind kind, String message) {
            this(file, kind, message, null);
        }

        /** The kinds of problem. */
        public enum Kind {
            /** The file cannot be read back whole: truncated, damaged, checksum mismatch, undecodable. */
            CORRUPT,
            /** A delta whose full backup is missing or corrupt. */
            ORPHAN_DELTA,
            /** A delta that does not follow the one before it: changes in between are missing (or overlap). */
            GAP,
            /**
             * The folder holds no backup at all (it is empty, holds only temporary files, or does not exist): a
             * health check pointed at the wrong folder must not pass.
             */
            NO_BACKUP,
            /**
             * Only in {@link RestoreResult#stoppedAt()}: the restore point falls inside a delta whose changes were
             * merged per key (its sequence numbers have gaps), so the state at that point cannot be reproduced and
             * the restore stopped at the state before the delta.
             */
            COALESCED_DELTA,
            /**
             * Only in {@link RestoreResult#stoppedAt()}: the restore point falls inside a commit of several changes
             * (a transaction, or one write of several records), whose inner states never existed, so the restore
             * stopped at the state right before that commit. The message names the commit's range and the sequence
             * reached.
             */
            INSIDE_COMMIT
        }

        @Override
        public String toString() {
            return kind + " " + file + (databaseId == null ? "" : " (database " + databaseId + ")") + ": " + message;
        }
    }
}
