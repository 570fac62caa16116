package io.dictdb.spi;

import java.util.Objects;

/**
 * Where one image reader or writer is in the call order: its {@link ImageStep} and the table it is in. Shared by
 * {@link AbstractImageReader} and {@link AbstractImageWriter}, which make the moves from step to step.
 */
final class CallOrder {
    private final String owner;
    /** What the owner expects next. */
    ImageStep step = ImageStep.HEADER;
    /** The table being read or written, at {@link ImageStep#RECORDS}; null elsewhere. */
    TableDefinition table;
    /** The image's header, once read or written; null before. */
    ImageHeader header;
    /** Tables entered so far, bounded by {@link ImageLimits#MAX_TABLES}. */
    private int tables;

    CallOrder(String owner) {
        this.owner = Objects.requireNonNull(owner, "name");
    }

    /** Refuses {@code call} unless the step is {@code allowed}. */
    void expect(String call, ImageStep allowed) {
        if (step != allowed) {
            throw outOfOrder(call, allowed.toString());
        }
    }

    /** Refuses {@code call} unless the step is {@code allowed} or {@code orAllowed}. */
    void expect(String call, ImageStep allowed, ImageStep orAllowed) {
        if (step != allowed && step != orAllowed) {
            throw outOfOrder(call, allowed + " or " + orAllowed);
        }
    }

    private IllegalStateException outOfOrder(String call, String allowed) {
        return new IllegalStateException(owner + ": " + call + "() is not allowed at step " + step + " (only at "
                + allowed + ")");
    }

    /** After the header: the tables of a full image or the changes of a delta. */
    void afterHeader(ImageHeader header) {
        this.header = header;
        step = header.kind() == ImageKind.FULL ? ImageStep.TABLES : ImageStep.CHANGES;
    }

    /**
     * Into a table: its records.
     *
     * @throws io.dictdb.CodecException past {@link ImageLimits#MAX_TABLES} tables, for every codec alike
     */
    void enterTable(TableDefinition definition) {
        tables = ImageLimits.check("tables", tables + 1L, ImageLimits.MAX_TABLES);
        table = definition;
        step = ImageStep.RECORDS;
    }

    /** After the table states: a delta's commits, or the end of a full image. */
    void afterTableStates() {
        step = header.kind() == ImageKind.DELTA ? ImageStep.COMMITS : ImageStep.FINISH;
    }

    /** Out of a table: the next table. */
    void leaveTable() {
        table = null;
        step = ImageStep.TABLES;
    }

    /**
     * Moves to {@link ImageStep#CLOSED}.
     *
     * @return whether this is the first close, the one that releases resources
     */
    boolean close() {
        if (step == ImageStep.CLOSED) {
            return false;
        }
        step = ImageStep.CLOSED;
        table = null;
        return true;
    }
}
