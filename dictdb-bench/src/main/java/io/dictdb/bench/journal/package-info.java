/**
 * What durability costs: a journalled insert in {@code SYNC} mode (one writer and 32) against the machine's own
 * fsync rate, measured in the same run, and in {@code ASYNC} mode against the in-memory insert; and the time an
 * {@code open} takes to replay a journal of 1M changes.
 */
package io.dictdb.bench.journal;
