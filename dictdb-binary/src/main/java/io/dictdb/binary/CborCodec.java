package io.dictdb.binary;

import io.dictdb.spi.Codec;
import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;
import java.io.InputStream;
import java.io.OutputStream;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.dataformat.cbor.CBORFactory;

/**
 * The {@code "cbor"} codec: images as standard CBOR (RFC 8949), read and written with Jackson 3's streaming CBOR
 * generator and parser, so other CBOR tools can read the files.
 *
 * <p>Layout: one indefinite-length array {@code ["dictdb-image", header, body, states]}. The header is a map
 * ({@code formatVersion}, {@code kind}, {@code firstSequence}, {@code lastSequence}, {@code imageId},
 * {@code baseImageId}, {@code createdAt}, and {@code databaseId} when the image has one); the body of a full image is an array of tables, each an array of its
 * definition (a map) followed by its records (maps); the body of a delta is an array of changes, each an array
 * {@code [op, sequence, ...]} with {@code op} one of {@code upsert, delete, createTable, dropTable, createIndex,
 * dropIndex}; an index is {@code [field, type]} when plain (one field, not unique, not partial), otherwise
 * {@code [[field, ...], type, unique, condition]} with the condition a value ({@link io.dictdb.spi.StoredCondition})
 * or null; the states are {@code [table, nextKey]} pairs. A delta whose changes were committed together (a
 * transaction, an {@code insertAll}) has a fifth element, its commits: {@code [first, last]} pairs of sequence
 * numbers; a delta without (every delta written before commits were recorded) ends after its states.
 *
 * <p>Values use CBOR's native types where they are exact (integers as Long, 64-bit floats including {@code -0.0},
 * NaN and infinities, text, byte strings, booleans, null, arrays, maps) and registered tags for the rest:
 * BigDecimal as a decimal fraction (tag 4, exact scale), Instant as extended time (tag 1001: a map of seconds
 * {@code 1} and nanoseconds {@code -9}), LocalDate as days since the epoch (tag 100), UUID as a 16-byte string
 * (tag 37). A string holding an unpaired UTF-16 surrogate (valid in Java, not in CBOR text) is written as the byte
 * string of its UTF-16BE code units under the private tag {@code 0x64640010}; a field or table name holding one is
 * refused when written. Any other tag is refused. Reading is bounded by Jackson's {@link StreamReadConstraints} (nesting,
 * string, name and number lengths) and the codec's own counts ({@link ImageLimits}).
 *
 * <p>Thread-safe: the Jackson factory is shared, each writer and reader has its own generator or parser.
 */
public final class CborCodec implements Codec {
    static final String MAGIC = "dictdb-image";

    /** Shared by every reader and writer; Jackson factories are thread-safe once built. */
    static final CBORFactory FACTORY = CBORFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .streamReadConstraints(StreamReadConstraints.builder()
                    // root, body, table (or change) and record add 4 levels; an instant (a map) at the bottom 1;
                    // a partial index's condition (a value) sits 2 levels deeper than a record: in a table's
                    // definition map, its indexes array and the index's array
                    .maxNestingDepth(ImageLimits.MAX_DEPTH + 7)
                    .maxStringLength(ImageLimits.MAX_STRING_LENGTH)
                    .maxNameLength(ImageLimits.MAX_NAME_LENGTH)
                    .maxNumberLength(ImageLimits.MAX_NUMBER_LENGTH)
                    .maxDocumentLength(-1L)
                    .maxTokenCount(-1L)
                    .build())
            .build();

    /** Creates the codec (used by {@link java.util.ServiceLoader}). */
    public CborCodec() {
    }

    /**
     * The codec's name.
     *
     * @return {@code "cbor"}
     */
    @Override
    public String name() {
        return "cbor";
    }

    /**
     * The extension of its files.
     *
     * @return {@code "cbor"}
     */
    @Override
    public String fileExtension() {
        return "cbor";
    }

    @Override
    public ImageWriter newWriter(OutputStream out) {
        return new CborImageWriter(out);
    }

    @Override
    public ImageReader newReader(InputStream in) {
        return new CborImageReader(in);
    }

    @Override
    public String toString() {
        return "CborCodec[cbor]";
    }
}
