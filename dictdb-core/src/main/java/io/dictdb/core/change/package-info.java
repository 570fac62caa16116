/**
 * Changes and who follows them: the {@link io.dictdb.core.change.ChangeLog} numbers every commit and hands it to the
 * feed's subscriptions and to each {@link io.dictdb.core.change.ChangeFollower} (one per backup manager: the changes
 * its next delta holds, in net form when many pile up); {@link io.dictdb.core.change.ChangeChannel} is the one entry
 * point of the backup module (snapshots, followers, captures as {@link io.dictdb.core.change.ChangeSet}s, applying
 * changes read back). Not user API: this package is exported only to DictDB's own modules. Depends on the API (its
 * change SPI), on the feed package, and on {@link io.dictdb.core.DictDB} and {@link io.dictdb.core.Snapshot}.
 */
package io.dictdb.core.change;
