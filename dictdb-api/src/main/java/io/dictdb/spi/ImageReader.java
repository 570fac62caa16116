package io.dictdb.spi;

import io.dictdb.Record;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Reads one image, pull style and streaming: each call decodes only what it returns. Calls come in this order:
 *
 * <pre>
 * readHeader()
 * FULL:  ( nextTable() != null, then nextRecord() until it returns null )*  until nextTable() returns null
 * DELTA: nextChange() until it returns null
 * readTableStates()
 * DELTA: readCommits()             (optional: finish() reads past the commits when it is left out)
 * finish()                         (checks that the image ends here)
 * close()                          (always)
 * </pre>
 *
 * <p>Every method throws {@link io.dictdb.CodecException} when the input is corrupt, truncated (the stream ends
 * before {@link #finish()} confirms the end) or hostile: every length, count and depth read is checked against
 * {@link ImageLimits} <em>before</em> memory is allocated for it. A reader never reads a class name or type name
 * from its input to instantiate it. It gives back canonical values ({@link io.dictdb.Values}). Failures of the
 * stream itself may be thrown as {@link IOException}; a {@link io.dictdb.CodecException} thrown by the stream
 * (the shared frame reports corruption that way) must be let through unchanged.
 *
 * <p>Extending {@link AbstractImageReader} gives an implementation this call order, checked, for free.
 */
public interface ImageReader extends Closeable {

    /**
     * Reads the header; the first call.
     *
     * @return the header
     * @throws IOException if the stream fails
     */
    ImageHeader readHeader() throws IOException;

    /**
     * The next table of a full image.
     *
     * @return its definition, or null when there are no more tables
     * @throws IOException if the stream fails
     */
    TableDefinition nextTable() throws IOException;

    /**
     * The next record of the current table.
     *
     * @return the record, or null at the table's end
     * @throws IOException if the stream fails
     */
    Record nextRecord() throws IOException;

    /**
     * The next change of a delta, in sequence order.
     *
     * @return the change, or null when there are no more
     * @throws IOException if the stream fails
     */
    Change nextChange() throws IOException;

    /**
     * The key counters of the tables, after the tables or changes.
     *
     * @return the table states, at most {@link ImageLimits#MAX_TABLES}
     * @throws IOException if the stream fails
     */
    List<TableState> readTableStates() throws IOException;

    /**
     * Which changes of a delta were committed together ({@link ImageWriter#writeCommits(List)}): called at most
     * once for a delta, after {@link #readTableStates()}; never for a full image. A caller that does not need them
     * may go straight to {@link #finish()}, which then reads past them.
     *
     * <p>The ranges come back in increasing order, not overlapping, each inside the header's
     * {@code firstSequence..lastSequence}: a codec refuses anything else with a {@link io.dictdb.CodecException}
     * naming the commit, and bounds their count before allocating for it ({@link DeltaCommits} does both). A delta
     * written before commits were recorded, or by a codec that drops them, gives an empty list, as does one in
     * which every commit was a single change. The default returns an empty list, for codecs written before
     * commits were recorded.
     *
     * @return the commit ranges, possibly empty
     * @throws IOException if the stream fails
     */
    default List<CommitRange> readCommits() throws IOException {
        return List.of();
    }

    /**
     * Checks that the image ends here (nothing but optional whitespace follows, for text formats).
     *
     * @throws IOException if the stream fails
     */
    void finish() throws IOException;

    /**
     * Releases the reader's resources.
     *
     * @throws IOException if releasing fails
     */
    @Override
    void close() throws IOException;
}
