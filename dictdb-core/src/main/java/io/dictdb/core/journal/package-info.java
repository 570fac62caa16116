/**
 * The journal of a durable database ({@code DictDB.open(dir)}): every commit is appended as one framed, checksummed
 * entry to segment files {@code journal/<first sequence>.log}, forced to disk before the write returns ({@code SYNC})
 * or copied into a memory-mapped segment and forced at most every interval ({@code ASYNC}), and replayed when the
 * folder is opened again.
 *
 * <p>Entry: {@code [magic][payload length, int][CRC32C, int][payload]}, big-endian. Magic {@code 0xD8}: a commit of
 * data changes only (upserts and deletes) in the journal's own compact encoding ({@code
 * CompactEntry}), its CRC32C covering the magic byte and the payload. Magic {@code 0xD7}: a
 * commit holding a table or index change, as a tiny DELTA image written by the installed codec named by
 * {@code journalFormat} ({@code json} by default), its CRC32C covering the payload; every entry of a journal written
 * before the compact encoding has this form, and reads as before.
 */
package io.dictdb.core.journal;
