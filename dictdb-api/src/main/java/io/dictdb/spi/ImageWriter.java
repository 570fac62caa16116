package io.dictdb.spi;

import io.dictdb.Record;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * Writes one image, streaming: it keeps no more than the record or change being written. Calls come in this
 * order, and an implementation may throw {@link IllegalStateException} for any other:
 *
 * <pre>
 * writeHeader(header)
 * FULL:  ( beginTable(definition)  writeRecord(record)*  endTable() )*
 * DELTA: writeChange(change)*                        (in sequence order)
 * writeTableStates(states)                           (exactly once, for both kinds)
 * DELTA: writeCommits(commits)                       (once; may be left out when there are none)
 * finish()
 * close()                                            (always, also after a failure)
 * </pre>
 *
 * <p>Records and values are canonical (see {@link io.dictdb.Values}); a codec writes every canonical value so that
 * its reader gives back an equal value of the same type ({@code -0.0}, NaN, infinities, {@code byte[]} content,
 * {@code BigDecimal} scale included). A value a codec cannot write (for example nesting deeper than
 * {@link ImageLimits#MAX_DEPTH}) makes it throw {@link io.dictdb.CodecException}, naming the table and field.
 * I/O errors of the stream are thrown as {@link IOException}. The writer does no checksums or framing: the
 * caller ({@link io.dictdb.file.ImageFiles}) does.
 *
 * <p>Extending {@link AbstractImageWriter} gives an implementation this call order, checked, for free.
 */
public interface ImageWriter extends Closeable {

    /**
     * Writes the header; the first call.
     *
     * @param header the header
     * @throws IOException if the stream fails
     */
    void writeHeader(ImageHeader header) throws IOException;

    /**
     * Starts a table of a full image; its records follow.
     *
     * @param definition the table's definition
     * @throws IOException if the stream fails
     */
    void beginTable(TableDefinition definition) throws IOException;

    /**
     * Writes one record of the current table.
     *
     * @param record the record
     * @throws IOException if the stream fails
     */
    void writeRecord(Record record) throws IOException;

    /**
     * Ends the current table.
     *
     * @throws IOException if the stream fails
     */
    void endTable() throws IOException;

    /**
     * Writes one change of a delta.
     *
     * @param change the change
     * @throws IOException if the stream fails
     */
    void writeChange(Change change) throws IOException;

    /**
     * Writes the key counters of the tables that exist at the image's last sequence number, in table creation
     * order; once, after the records or changes.
     *
     * @param states the table states
     * @throws IOException if the stream fails
     */
    void writeTableStates(List<TableState> states) throws IOException;

    /**
     * Writes which changes of a delta were committed together (a transaction, an {@code insertAll}, an update of
     * many records), so that a restore at a sequence number inside one stops before it instead of splitting it.
     * Called once for a delta, after {@link #writeTableStates(List)} and before {@link #finish()}, with the ranges
     * in increasing order, not overlapping, each inside the header's {@code firstSequence..lastSequence}; only
     * commits of two changes or more are listed, and a caller with none may leave the call out. Never called for
     * a full image.
     *
     * <p>The default does nothing, for codecs written before commits were recorded: such a codec loses the
     * transaction boundaries, and a restore at a sequence number inside a transaction could then split it. The
     * codec compatibility kit ({@code dictdb-codec-tck}) requires a codec to write them and
     * {@link ImageReader#readCommits()} to give them back.
     *
     * @param commits the commit ranges, checked as above by {@link AbstractImageWriter}
     * @throws IOException if the stream fails
     */
    default void writeCommits(List<CommitRange> commits) throws IOException {
        // a codec that predates commits drops them (see above)
    }

    /**
     * Ends the image and flushes everything to the stream; the stream itself stays open.
     *
     * @throws IOException if the stream fails
     */
    void finish() throws IOException;

    /**
     * Releases the writer's resources. Closing the underlying stream is allowed but not required: callers that
     * need the stream afterwards shield it.
     *
     * @throws IOException if releasing fails
     */
    @Override
    void close() throws IOException;

    /**
     * A view of {@code out} that passes writes and flushes through but whose {@code close()} only flushes. The
     * frame of {@link io.dictdb.file.ImageFiles} gives every codec's writer such a view; a codec that wraps the stream it is given
     * in a stream that closes what it wraps (a compressor, say) shields it too, so that {@link #finish()} leaves
     * the caller's stream open.
     *
     * @param out the stream to shield
     * @return a stream whose {@code close()} leaves {@code out} open
     */
    static OutputStream shield(OutputStream out) {
        return new FilterOutputStream(Objects.requireNonNull(out, "out")) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
