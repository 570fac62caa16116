package io.dictdb.spi;

import io.dictdb.Record;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The call order of {@link ImageWriter}, implemented once: a codec's writer extends this class and encodes in the
 * {@code do...} methods, which are only called in the documented order and never with null arguments. A call
 * out of order throws {@link IllegalStateException} before the codec sees it. The class also tracks the table
 * being written, for the codec's error messages.
 */
public abstract class AbstractImageWriter implements ImageWriter {
    private final CallOrder order;

    /**
     * Creates a writer at the start of an image.
     *
     * @param name what the writer is, for the messages of call order errors, for example {@code "kryo image writer"}
     */
    protected AbstractImageWriter(String name) {
        this.order = new CallOrder(name);
    }

    /**
     * What the writer expects next; while a {@code do...} method runs, the step of the call being made.
     *
     * @return the step
     */
    protected final ImageStep step() {
        return order.step;
    }

    /**
     * The table whose records are being written ({@link ImageStep#RECORDS}).
     *
     * @return its definition, or null outside a table
     */
    protected final TableDefinition currentTable() {
        return order.table;
    }

    @Override
    public final void writeHeader(ImageHeader header) throws IOException {
        order.expect("writeHeader", ImageStep.HEADER);
        Objects.requireNonNull(header, "header");
        doWriteHeader(header);
        order.afterHeader(header);
    }

    @Override
    public final void beginTable(TableDefinition definition) throws IOException {
        order.expect("beginTable", ImageStep.TABLES);
        Objects.requireNonNull(definition, "definition");
        doBeginTable(definition);
        order.enterTable(definition);
    }

    @Override
    public final void writeRecord(Record record) throws IOException {
        order.expect("writeRecord", ImageStep.RECORDS);
        Objects.requireNonNull(record, "record");
        doWriteRecord(record);
    }

    @Override
    public final void endTable() throws IOException {
        order.expect("endTable", ImageStep.RECORDS);
        doEndTable();
        order.leaveTable();
    }

    @Override
    public final void writeChange(Change change) throws IOException {
        order.expect("writeChange", ImageStep.CHANGES);
        Objects.requireNonNull(change, "change");
        doWriteChange(change);
    }

    @Override
    public final void writeTableStates(List<TableState> states) throws IOException {
        order.expect("writeTableStates", ImageStep.TABLES, ImageStep.CHANGES);
        Objects.requireNonNull(states, "states");
        ImageLimits.check("table states", states.size(), ImageLimits.MAX_TABLES);
        doWriteTableStates(states);
        order.afterTableStates();
    }

    /**
     * Checks the commits against the delta's header ({@link DeltaCommits#check(ImageHeader, List)}) and has the
     * codec encode them with {@link #doWriteCommits(List)}.
     *
     * @param commits the commit ranges
     * @throws IllegalStateException if not called once, after the table states of a delta
     * @throws IllegalArgumentException if the ranges are out of order, overlap or lie outside the header's range
     * @throws IOException if the stream fails
     */
    @Override
    public final void writeCommits(List<CommitRange> commits) throws IOException {
        order.expect("writeCommits", ImageStep.COMMITS);
        Objects.requireNonNull(commits, "commits");
        String problem = DeltaCommits.check(order.header, commits);
        if (problem != null) {
            throw new IllegalArgumentException("Cannot write the commits of delta " + order.header.firstSequence()
                    + ".." + order.header.lastSequence() + ": " + problem);
        }
        doWriteCommits(List.copyOf(commits));
        order.step = ImageStep.FINISH;
    }

    @Override
    public final void finish() throws IOException {
        order.expect("finish", ImageStep.FINISH, ImageStep.COMMITS); // a delta without commits may skip them
        doFinish();
        order.step = ImageStep.FINISHED;
    }

    /**
     * Releases the writer's resources with {@link #doClose()}, once: later calls do nothing.
     *
     * @throws IOException if releasing fails
     */
    @Override
    public final void close() throws IOException {
        if (order.close()) {
            doClose();
        }
    }

    /**
     * Encodes the header ({@link #writeHeader(ImageHeader)}).
     *
     * @param header the header
     * @throws IOException if the stream fails
     */
    protected abstract void doWriteHeader(ImageHeader header) throws IOException;

    /**
     * Starts a table of a full image ({@link #beginTable(TableDefinition)}); {@link #currentTable()} is set after
     * this returns.
     *
     * @param definition the table's definition
     * @throws IOException if the stream fails
     */
    protected abstract void doBeginTable(TableDefinition definition) throws IOException;

    /**
     * Encodes one record of {@link #currentTable()} ({@link #writeRecord(Record)}).
     *
     * @param record the record
     * @throws IOException if the stream fails
     */
    protected abstract void doWriteRecord(Record record) throws IOException;

    /**
     * Ends {@link #currentTable()} ({@link #endTable()}).
     *
     * @throws IOException if the stream fails
     */
    protected abstract void doEndTable() throws IOException;

    /**
     * Encodes one change of a delta ({@link #writeChange(Change)}).
     *
     * @param change the change
     * @throws IOException if the stream fails
     */
    protected abstract void doWriteChange(Change change) throws IOException;

    /**
     * Encodes the table states ({@link #writeTableStates(List)}).
     *
     * @param states the table states
     * @throws IOException if the stream fails
     */
    protected abstract void doWriteTableStates(List<TableState> states) throws IOException;

    /**
     * Encodes a delta's commits ({@link #writeCommits(List)}), already checked; not called when the caller has
     * none and leaves the call out, so a codec encodes an empty list the way it encodes their absence. The default
     * drops them, for codecs written before commits were recorded: override it (the codec compatibility kit
     * requires it).
     *
     * @param commits the commit ranges, in increasing order, not overlapping, inside the header's range
     * @throws IOException if the stream fails
     */
    protected void doWriteCommits(List<CommitRange> commits) throws IOException {
        // a codec that predates commits drops them
    }

    /**
     * Ends the image and flushes it ({@link #finish()}).
     *
     * @throws IOException if the stream fails
     */
    protected abstract void doFinish() throws IOException;

    /**
     * Releases the writer's resources; called once, by the first {@link #close()}, at any step.
     *
     * @throws IOException if releasing fails
     */
    protected abstract void doClose() throws IOException;
}
