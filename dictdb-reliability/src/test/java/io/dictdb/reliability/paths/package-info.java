/**
 * Path trials: backup folders through symbolic links, non-writable folders and a full disk.
 */
package io.dictdb.reliability.paths;
