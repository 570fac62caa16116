/**
 * The journal of a durable database ({@code DictDB.open(dir)}): every commit is appended as one framed, checksummed
 * entry to segment files {@code journal/<first sequence>.log}, forced to disk before the write returns (or at most
 * every interval, asynchronously), and replayed when the folder is opened again.
 *
 * <p>Entry: {@code [magic 0xD7][payload length, int][CRC32C of the payload, int][payload]}, big-endian. The payload
 * is a tiny DELTA image of the commit's changes written by an installed codec ({@code json} by default), so a journal
 * entry reads like a backup delta.
 */
package io.dictdb.core.journal;
