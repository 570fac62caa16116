package io.dictdb;

import io.dictdb.spi.Change;

import java.util.List;

/**
 * Receives the changes a database commits, through {@link Database#subscribe(ChangeListener, int)}: a cache that
 * drops what changed, an audit trail, a copy kept elsewhere.
 *
 * <p>Calls come one at a time, from the subscription's own thread (never a writer's, never under a table lock), in
 * sequence order: each committed change exactly once, the changes of one commit (a single write, an
 * {@code insertAll}, an update or delete of many records, or a transaction) together in one call, and nothing of a
 * transaction that rolled back.
 */
@FunctionalInterface
public interface ChangeListener {

    /**
     * Receives the changes of one commit, in sequence order, numbered consecutively.
     *
     * @param changes the changes, at least one; an unmodifiable list
     */
    void onChanges(List<Change> changes);

    /**
     * Called once, from the subscription's thread, when the subscription ends abnormally: it fell more than its
     * bound behind (a {@link ChangeSubscription.LaggedException} saying by how much), or {@link #onChanges} threw
     * (that throwable). Nothing is delivered after it. Not called when the subscription is closed. Does nothing
     * unless overridden.
     *
     * @param error why the subscription ended
     */
    default void onFailure(Throwable error) {
    }
}
