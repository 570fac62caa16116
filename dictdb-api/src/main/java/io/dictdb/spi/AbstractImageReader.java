package io.dictdb.spi;

import io.dictdb.CodecException;
import io.dictdb.Record;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The call order of {@link ImageReader}, implemented once: a codec's reader extends this class and decodes in the
 * {@code do...} methods, which are only called in the documented order. A call out of order throws
 * {@link IllegalStateException} before the codec sees it. The class also tracks the table being read and the
 * {@link #step() step}, for the codec's error messages.
 */
public abstract class AbstractImageReader implements ImageReader {
    private final CallOrder order;

    /**
     * Creates a reader at the start of an image.
     *
     * @param name what the reader is, for the messages of call order errors, for example {@code "kryo image reader"}
     */
    protected AbstractImageReader(String name) {
        this.order = new CallOrder(name);
    }

    /**
     * What the reader expects next; while a {@code do...} method runs, the step of the call being made.
     *
     * @return the step
     */
    protected final ImageStep step() {
        return order.step;
    }

    /**
     * The table whose records are being read ({@link ImageStep#RECORDS}).
     *
     * @return its definition, or null outside a table
     */
    protected final TableDefinition currentTable() {
        return order.table;
    }

    @Override
    public final ImageHeader readHeader() throws IOException {
        order.expect("readHeader", ImageStep.HEADER);
        ImageHeader header = Objects.requireNonNull(doReadHeader(), "the header read");
        order.afterHeader(header);
        return header;
    }

    @Override
    public final TableDefinition nextTable() throws IOException {
        order.expect("nextTable", ImageStep.TABLES);
        TableDefinition definition = doNextTable();
        if (definition == null) {
            order.step = ImageStep.TABLE_STATES;
        } else {
            order.enterTable(definition);
        }
        return definition;
    }

    @Override
    public final Record nextRecord() throws IOException {
        order.expect("nextRecord", ImageStep.RECORDS);
        Record record = doNextRecord();
        if (record == null) {
            order.leaveTable();
        }
        return record;
    }

    @Override
    public final Change nextChange() throws IOException {
        order.expect("nextChange", ImageStep.CHANGES);
        Change change = doNextChange();
        if (change == null) {
            order.step = ImageStep.TABLE_STATES;
        }
        return change;
    }

    @Override
    public final List<TableState> readTableStates() throws IOException {
        order.expect("readTableStates", ImageStep.TABLE_STATES);
        List<TableState> states = Objects.requireNonNull(doReadTableStates(), "the table states read");
        ImageLimits.check("table states", states.size(), ImageLimits.MAX_TABLES);
        order.afterTableStates();
        return states;
    }

    /**
     * Has the codec decode a delta's commits with {@link #doReadCommits()} and checks them again against the
     * header ({@link DeltaCommits#check(ImageHeader, List)}), so that no codec hands out ranges out of order,
     * overlapping or outside the delta.
     *
     * @return the commit ranges, possibly empty
     * @throws IllegalStateException if not called once, after the table states of a delta
     * @throws CodecException if the commits read are invalid
     * @throws IOException if the stream fails
     */
    @Override
    public final List<CommitRange> readCommits() throws IOException {
        order.expect("readCommits", ImageStep.COMMITS);
        List<CommitRange> commits = checkedCommits();
        order.step = ImageStep.FINISH;
        return commits;
    }

    private List<CommitRange> checkedCommits() throws IOException {
        List<CommitRange> commits = List.copyOf(Objects.requireNonNull(doReadCommits(), "the commits read"));
        String problem = DeltaCommits.check(order.header, commits);
        if (problem != null) {
            throw new CodecException("invalid commits: " + problem);
        }
        return commits;
    }

    /**
     * Checks that the image ends here with {@link #doFinish()}; for a delta whose commits the caller did not read,
     * reads (and checks) them first, so that a caller that predates commits still reads to the end.
     *
     * @throws IOException if the stream fails
     */
    @Override
    public final void finish() throws IOException {
        order.expect("finish", ImageStep.FINISH, ImageStep.COMMITS);
        if (order.step == ImageStep.COMMITS) {
            checkedCommits();
        }
        doFinish();
        order.step = ImageStep.FINISHED;
    }

    /**
     * Releases the reader's resources with {@link #doClose()}, once: later calls do nothing.
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
     * Decodes the header ({@link #readHeader()}).
     *
     * @return the header, not null
     * @throws IOException if the stream fails
     */
    protected abstract ImageHeader doReadHeader() throws IOException;

    /**
     * Decodes the next table of a full image ({@link #nextTable()}).
     *
     * @return its definition, or null when there are no more tables
     * @throws IOException if the stream fails
     */
    protected abstract TableDefinition doNextTable() throws IOException;

    /**
     * Decodes the next record of {@link #currentTable()} ({@link #nextRecord()}).
     *
     * @return the record, or null at the table's end
     * @throws IOException if the stream fails
     */
    protected abstract Record doNextRecord() throws IOException;

    /**
     * Decodes the next change of a delta ({@link #nextChange()}).
     *
     * @return the change, or null when there are no more
     * @throws IOException if the stream fails
     */
    protected abstract Change doNextChange() throws IOException;

    /**
     * Decodes the table states ({@link #readTableStates()}).
     *
     * @return the table states, not null
     * @throws IOException if the stream fails
     */
    protected abstract List<TableState> doReadTableStates() throws IOException;

    /**
     * Decodes a delta's commits ({@link #readCommits()}); called once per delta, after the table states, also when
     * the caller goes straight to {@link #finish()}. Feed them through a {@link DeltaCommits}, which bounds their
     * count and checks each as it is read. The default returns an empty list, for codecs written before commits
     * were recorded: override it (the codec compatibility kit requires it).
     *
     * @return the commit ranges, not null; empty for a delta written without them
     * @throws IOException if the stream fails
     */
    protected List<CommitRange> doReadCommits() throws IOException {
        return List.of();
    }

    /**
     * Checks that the image ends here ({@link #finish()}).
     *
     * @throws IOException if the stream fails
     */
    protected abstract void doFinish() throws IOException;

    /**
     * Releases the reader's resources; called once, by the first {@link #close()}, at any step.
     *
     * @throws IOException if releasing fails
     */
    protected abstract void doClose() throws IOException;
}
