package io.dictdb.internal;

/**
 * One end of a type's section of the total order ({@link io.dictdb.Values#compare(Object, Object)}): the low end
 * sorts below every value of {@code sample}'s type and above every value of the types ranked before it; the high end
 * sorts above them and below the types ranked after it. Used to scan one type's section of a sorted index. Two
 * bounds of one type compare by end (low before high), whatever their samples.
 *
 * @param sample a value of the section's type (null: the section of null, the last one)
 * @param high whether this is the high end
 */
public record TypeBound(Object sample, boolean high) {
    /**
     * Checks the sample.
     *
     * @throws IllegalArgumentException if the sample is itself a bound
     */
    public TypeBound {
        if (sample instanceof TypeBound) {
            throw new IllegalArgumentException("A type bound's sample must be a value, not a bound");
        }
    }
}
