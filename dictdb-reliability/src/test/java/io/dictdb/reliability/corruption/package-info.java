/**
 * Corruption trials: every truncation and random single-bit flips of every file of a backup set, checked against
 * {@code Backups.verify} and the restore.
 */
package io.dictdb.reliability.corruption;
