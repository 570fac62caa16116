package io.dictdb.core.change;

import io.dictdb.core.DictDB;

import java.util.Objects;
import java.util.function.Function;

/**
 * How {@link ChangeChannel#of(DictDB)} reaches a database's channel without a public method on {@link DictDB}: the
 * database class installs the accessor once, when it is initialised (which has happened by the time anyone holds an
 * instance). The pattern of the JDK's own "shared secrets".
 */
public final class ChannelAccess {
    private static volatile Function<DictDB, ChangeChannel> access;

    private ChannelAccess() {
    }

    /**
     * Installs the accessor; only {@link DictDB} calls it, once.
     *
     * @param accessor gives a database's channel
     * @throws IllegalStateException if already installed
     */
    public static synchronized void install(Function<DictDB, ChangeChannel> accessor) {
        if (access != null) {
            throw new IllegalStateException("The change channel accessor is installed already");
        }
        access = Objects.requireNonNull(accessor, "accessor");
    }

    static ChangeChannel channelOf(DictDB db) {
        Objects.requireNonNull(db, "db");
        return access.apply(db);
    }
}
