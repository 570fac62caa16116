/**
 * The value rule of issue 21 end to end: whatever {@code insert}, {@code update} and {@code upsert} accept is saved,
 * loaded and restored from a backup chain equal by every codec, and whatever they refuse is refused naming its
 * field ({@link io.dictdb.reliability.values.ValueRulePropertyTest}, drawing from the codec kit's
 * {@code EdgeRecords}); findings 1 and 4 of the issue for every codec
 * ({@link io.dictdb.reliability.values.ValueFindingsTest}).
 */
package io.dictdb.reliability.values;
