/**
 * The warm standby's acceptance: a primary in a child JVM ({@link io.dictdb.reliability.standby.StandbyPrimary})
 * writes, backs up and compacts until it is killed with SIGKILL; {@link io.dictdb.reliability.standby.StandbyKillTest}
 * checks that a {@code Standby} following its folder ends at the state the folder opens to, and that its promotion
 * goes on writing and backing up.
 */
package io.dictdb.reliability.standby;
