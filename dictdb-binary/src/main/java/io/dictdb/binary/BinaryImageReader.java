package io.dictdb.binary;

import io.dictdb.spi.AbstractImageReader;
import java.io.InputStream;
import java.util.Objects;

/**
 * What the cbor and kryo readers share besides the call order: the caller's stream behind a {@link Streams.Guard},
 * and the counters that say where in the image a failure happened.
 */
abstract class BinaryImageReader extends AbstractImageReader {
    /** The caller's stream; it remembers the stream's own failures. */
    final Streams.Guard source;
    /** The tables whose definitions have been read. */
    long tables;
    /** The records of the current table read or being read. */
    long records;
    /** The sequence number of the change being read, -1 before the first. */
    long sequence = -1;

    BinaryImageReader(String format, InputStream in) {
        super(format + " image reader");
        this.source = new Streams.Guard(Objects.requireNonNull(in, "in"));
    }

    /** Where the reader is, for error messages; built only on failure. */
    final String position() {
        return switch (step()) {
            case HEADER -> "the header";
            case TABLES -> "the definition of table #" + (tables + 1);
            case RECORDS -> "record " + records + " of table '" + KryoWire.abbreviate(currentTable().name()) + "'";
            case CHANGES -> sequence < 0 ? "the first change" : "change " + sequence;
            case TABLE_STATES -> "the table states";
            case COMMITS -> "the commits";
            default -> "the end of the image";
        };
    }
}
