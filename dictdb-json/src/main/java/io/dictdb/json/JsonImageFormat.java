package io.dictdb.json;

import io.dictdb.Record;
import io.dictdb.spi.Change;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.util.List;

/**
 * One of the JSON layouts {@link JsonImageReader} reads, from just after the first property name of the top-level
 * object (which told them apart) to the end of that object: this library's images ({@link NativeJsonImage}), or
 * the Python DictDB's saves ({@link PythonJsonSave}) and deltas ({@link PythonJsonDelta}). The reader calls these
 * only in the order of {@link io.dictdb.spi.AbstractImageReader} and turns Jackson's errors into
 * {@link io.dictdb.CodecException}s; a layout throws {@code CodecException} for what it finds wrong.
 */
sealed interface JsonImageFormat permits NativeJsonImage, PythonJsonSave, PythonJsonDelta {

    /**
     * The header, read when the layout was recognised.
     *
     * @return the header
     */
    ImageHeader header();

    /**
     * The next table of a full image.
     *
     * @return its definition, or null after the last one
     */
    default TableDefinition nextTable() {
        throw new IllegalStateException("a delta has no tables");
    }

    /**
     * The next record of {@code table}.
     *
     * @param table the table being read
     * @return the record, or null at the table's end
     */
    default Record nextRecord(TableDefinition table) {
        throw new IllegalStateException("a delta has no records");
    }

    /**
     * The next change of a delta.
     *
     * @return the change, or null after the last one
     */
    default Change nextChange() {
        throw new IllegalStateException("a full image has no changes");
    }

    /**
     * The key counters of the tables.
     *
     * @return the table states
     */
    List<TableState> tableStates();

    /**
     * The commits of a delta, after its table states; none for a layout that has no such field.
     *
     * @return the commit ranges, checked against the header
     */
    default List<CommitRange> commits() {
        return List.of();
    }

    /** Reads the end of the top-level object, if the layout has not read it already. */
    void finish();
}
