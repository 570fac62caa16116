package io.dictdb.core.change;

import io.dictdb.spi.Change;

import java.util.List;

/**
 * One more taker of commits beside followers and subscriptions: the journal of a durable database. The change log
 * hands it every commit under its mutex, in sequence order; the writer later waits, with no table lock held, until
 * the commit is durable.
 */
public interface CommitSink {

    /**
     * Takes one commit, under the change log's mutex, which every writer queues on: keep it to a list append, and
     * do the encoding and the I/O in {@link #awaitDurable()}. It must not throw: a failure is remembered and
     * reported by {@link #awaitDurable()} to the writer (whose change is then in memory but not durable).
     *
     * @param commit the changes of one commit, consecutively numbered
     */
    void append(List<Change> commit);

    /**
     * Waits until every commit the calling thread appended is as durable as the sink promises; returns at once when
     * the thread appended nothing since its last call. Called with no table lock held.
     *
     * @throws io.dictdb.DictDbException if writing or forcing the journal failed
     */
    void awaitDurable();
}
