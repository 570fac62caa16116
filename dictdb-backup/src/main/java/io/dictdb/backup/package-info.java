/**
 * Backups: {@link io.dictdb.backup.BackupManager} writes full backups (a consistent snapshot at a sequence number)
 * and deltas (the contiguous range of changes since the previous backup, naming the full they build on);
 * {@link io.dictdb.backup.Backups} lists, verifies and restores a backup folder. Files are ordered by the sequence
 * numbers and image ids in their headers, never by their names or modification times.
 */
package io.dictdb.backup;
