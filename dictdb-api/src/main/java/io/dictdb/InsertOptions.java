package io.dictdb;

/**
 * Options of a bulk insert. Immutable: each method returns a new instance.
 */
public final class InsertOptions {
    private static final InsertOptions DEFAULTS = new InsertOptions(0, false);

    private final int batchSize;
    private final boolean skipValidation;

    private InsertOptions(int batchSize, boolean skipValidation) {
        this.batchSize = batchSize;
        this.skipValidation = skipValidation;
    }

    /**
     * The defaults: the whole collection as one batch, schema validation on.
     *
     * @return the default options
     */
    public static InsertOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Processes the records in chunks of this size. The insert stays atomic as a whole.
     *
     * @param size records per chunk, at least 1
     * @return new options
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public InsertOptions batchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + size);
        }
        return new InsertOptions(size, skipValidation);
    }

    /**
     * Skips schema checks for trusted data; primary-key checks always run.
     *
     * @param skip true to skip schema validation
     * @return new options
     */
    public InsertOptions skipValidation(boolean skip) {
        return new InsertOptions(batchSize, skip);
    }

    /**
     * The chunk size, or 0 when the records form a single chunk.
     *
     * @return records per chunk
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Whether schema checks are skipped.
     *
     * @return true when schema validation is skipped
     */
    public boolean skipValidation() {
        return skipValidation;
    }

    @Override
    public String toString() {
        return "InsertOptions[batchSize=" + batchSize + ", skipValidation=" + skipValidation + "]";
    }
}
