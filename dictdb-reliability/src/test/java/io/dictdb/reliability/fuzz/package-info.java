/**
 * Fuzzing: {@link io.dictdb.reliability.fuzz.FuzzChild} (a child JVM with a capped heap and a per-input watchdog)
 * feeds mutated valid images to each codec's reader directly and through {@code ImageFiles} with a valid frame;
 * {@link io.dictdb.reliability.fuzz.FuzzRegressionTest} replays the kept inputs of
 * {@code src/test/resources/fuzz-regressions}.
 */
package io.dictdb.reliability.fuzz;
