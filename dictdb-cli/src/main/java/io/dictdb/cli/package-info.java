/**
 * The {@code dictdb} command line ({@link io.dictdb.cli.Main}): picocli commands over the DictDB library, with
 * Logback for logging (WARN to standard error by default, {@code --log-level}, {@code --log-json}). Exit codes: 0
 * success, 1 a failure found (a damaged backup, a file that cannot be read), 2 a usage error.
 */
package io.dictdb.cli;
