/**
 * The DictDB engine's public entry points: {@link io.dictdb.core.DictDB} and its builder, and the change-tracking
 * types {@link io.dictdb.core.Snapshot} and {@link io.dictdb.core.ChangeSet} that backups build on.
 */
package io.dictdb.core;
