package io.dictdb.backup;

import io.dictdb.core.DictDB;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A restored database with the files it was built from and, when the chain stopped early, why.
 *
 * @param database the restored database
 * @param applied the files applied, in order: the full, then its deltas
 * @param sequence the sequence number of the last change the database holds
 * @param stoppedAt the problem that stopped the chain before the requested point, if any (a corrupt or missing
 *     link, a point inside a coalesced delta or inside a commit of several changes); empty when the chain reached
 *     the requested point
 */
public record RestoreResult(DictDB database, List<BackupFile> applied, long sequence,
                            Optional<VerifyReport.Problem> stoppedAt) {
    /**
     * Copies the list.
     *
     * @param database the database
     * @param applied the files applied
     * @param sequence the last sequence number held
     * @param stoppedAt the problem that stopped the chain, or empty
     */
    public RestoreResult {
        Objects.requireNonNull(database, "database");
        applied = List.copyOf(applied);
        Objects.requireNonNull(stoppedAt, "stoppedAt");
    }

    /**
     * Whether the restore stopped before the requested point: a link was corrupt or missing, or the point cannot be
     * reproduced (see {@link VerifyReport.Problem.Kind#COALESCED_DELTA} and
     * {@link VerifyReport.Problem.Kind#INSIDE_COMMIT}).
     *
     * @return true when it stopped early
     */
    public boolean stoppedEarly() {
        return stoppedAt.isPresent();
    }
}
