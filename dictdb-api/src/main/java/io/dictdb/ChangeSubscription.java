package io.dictdb;

/**
 * A listener's place in a database's change feed, returned by {@link Database#subscribe(ChangeListener, int)}.
 * Closing it stops delivery; changes still buffered for it are dropped.
 */
public interface ChangeSubscription extends AutoCloseable {

    /** The buffer bound of {@link Database#subscribe(ChangeListener)}: this many changes waiting for the listener. */
    int DEFAULT_MAX_PENDING = 100_000;

    /**
     * The sequence number of the last change delivered to the listener (the database's sequence at subscription
     * before the first delivery).
     *
     * @return the position
     */
    long position();

    /**
     * Whether changes are still delivered: false once closed or failed.
     *
     * @return true while active
     */
    boolean isActive();

    /**
     * Stops delivery and drops what is buffered; a call in progress finishes. Idempotent; throws nothing.
     */
    @Override
    void close();

    /**
     * Why a subscription was failed when it fell behind: the changes it had waiting, past its bound.
     */
    final class LaggedException extends DictDbException {
        private static final long serialVersionUID = 1L;
        private final long pending;
        private final long position;

        /**
         * Creates the exception.
         *
         * @param pending the changes waiting for the listener when it was failed
         * @param bound the subscription's bound
         * @param position the last sequence number delivered
         */
        public LaggedException(long pending, int bound, long position) {
            super("The change listener fell " + pending + " changes behind (its bound is " + bound
                    + "), after sequence " + position + ": the subscription was ended; subscribe again and "
                    + "re-read what it keeps");
            this.pending = pending;
            this.position = position;
        }

        /**
         * How many changes were waiting for the listener.
         *
         * @return the count, more than the bound
         */
        public long pending() {
            return pending;
        }

        /**
         * The last sequence number delivered before the failure.
         *
         * @return the position
         */
        public long position() {
            return position;
        }
    }
}
