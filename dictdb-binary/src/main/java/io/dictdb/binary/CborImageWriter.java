package io.dictdb.binary;

import io.dictdb.CodecException;
import io.dictdb.FieldType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.spi.AbstractImageWriter;
import io.dictdb.spi.Change;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.StoredCondition;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.dataformat.cbor.CBORGenerator;

/** Writes one image as CBOR (layout in {@link CborCodec}). */
final class CborImageWriter extends AbstractImageWriter {
    static final int TAG_DATE = 100;
    static final int TAG_UUID = 37;
    static final int TAG_INSTANT = 1001;
    /**
     * A string that is not valid Unicode (it holds an unpaired UTF-16 surrogate, which CBOR text cannot carry), as
     * a byte string of its UTF-16BE code units. A private tag from the first-come-first-served range.
     */
    static final int TAG_UTF16 = 0x64640010;

    private final OutputStream target;
    private CBORGenerator g;

    CborImageWriter(OutputStream target) {
        super("cbor image writer");
        this.target = Objects.requireNonNull(target, "out");
    }

    @Override
    protected void doWriteHeader(ImageHeader header) throws IOException {
        run(() -> {
            g = (CBORGenerator) CborCodec.FACTORY.createGenerator(ObjectWriteContext.empty(), target);
            g.writeStartArray();
            g.writeString(CborCodec.MAGIC);
            g.writeStartObject(header, header.databaseId() == null ? 7 : 8);
            g.writeName("formatVersion");
            g.writeNumber(header.formatVersion());
            g.writeName("kind");
            g.writeString(header.kind().name());
            g.writeName("firstSequence");
            g.writeNumber(header.firstSequence());
            g.writeName("lastSequence");
            g.writeNumber(header.lastSequence());
            g.writeName("imageId");
            writeNullable(header.imageId());
            g.writeName("baseImageId");
            writeNullable(header.baseImageId());
            g.writeName("createdAt");
            writeInstant(header.createdAt());
            if (header.databaseId() != null) { // last and optional, so files written before ids still read
                g.writeName("databaseId");
                g.writeString(header.databaseId());
            }
            g.writeEndObject();
            g.writeStartArray();
        });
    }

    private void writeNullable(String s) {
        if (s == null) {
            g.writeNull();
        } else {
            g.writeString(s);
        }
    }

    @Override
    protected void doBeginTable(TableDefinition definition) throws IOException {
        run(() -> {
            g.writeStartArray();
            writeDefinition(definition);
        });
    }

    @Override
    protected void doWriteRecord(Record record) throws IOException {
        try {
            run(() -> writeRecordValue(record, 0));
        } catch (CodecException e) {
            throw new CodecException("Table '" + currentTable().name() + "': " + e.getMessage(), e);
        }
    }

    @Override
    protected void doEndTable() throws IOException {
        run(() -> g.writeEndArray());
    }

    @Override
    protected void doWriteChange(Change change) throws IOException {
        try {
            run(() -> writeChangeBody(change));
        } catch (CodecException e) {
            throw new CodecException("Change " + change.sequence() + " on table '" + change.table() + "': "
                    + e.getMessage(), e);
        }
    }

    private void writeChangeBody(Change change) {
        if (change instanceof Change.Upsert u) {
            start("upsert", u.sequence(), 4);
            g.writeString(u.table());
            writeRecordValue(u.record(), 0);
        } else if (change instanceof Change.Delete d) {
            start("delete", d.sequence(), 4);
            g.writeString(d.table());
            writeValue(d.key(), 0);
        } else if (change instanceof Change.CreateTable c) {
            start("createTable", c.sequence(), 3);
            writeDefinition(c.definition());
        } else if (change instanceof Change.DropTable d) {
            start("dropTable", d.sequence(), 3);
            g.writeString(d.table());
        } else if (change instanceof Change.CreateIndex c) {
            start("createIndex", c.sequence(), 4);
            g.writeString(c.table());
            writeIndex(c.index());
        } else if (change instanceof Change.DropIndex d) {
            start("dropIndex", d.sequence(), 4);
            g.writeString(d.table());
            g.writeString(d.field());
        } else {
            throw new CodecException("Cannot write a change of type " + change.getClass().getName());
        }
        g.writeEndArray();
    }

    private void start(String op, long sequence, int size) {
        g.writeStartArray(null, size);
        g.writeString(op);
        g.writeNumber(sequence);
    }

    @Override
    protected void doWriteTableStates(List<TableState> states) throws IOException {
        run(() -> {
            g.writeEndArray();
            g.writeStartArray(states, states.size());
            for (TableState s : states) {
                g.writeStartArray(s, 2);
                g.writeString(s.table());
                g.writeNumber(s.nextKey());
                g.writeEndArray();
            }
            g.writeEndArray();
        });
    }

    /**
     * A delta's commits as a fifth element of the image's array, {@code [[first, last], ...]}; left out when there
     * are none, so that such a delta stays as it was written before commits were recorded.
     */
    @Override
    protected void doWriteCommits(List<CommitRange> commits) throws IOException {
        if (commits.isEmpty()) {
            return;
        }
        run(() -> {
            g.writeStartArray(commits, commits.size());
            for (CommitRange c : commits) {
                g.writeStartArray(c, 2);
                g.writeNumber(c.first());
                g.writeNumber(c.last());
                g.writeEndArray();
            }
            g.writeEndArray();
        });
    }

    @Override
    protected void doFinish() throws IOException {
        run(() -> {
            g.writeEndArray();
            g.flush();
        });
    }

    @Override
    protected void doClose() throws IOException {
        if (g != null) {
            run(g::close);
        }
    }

    private void writeDefinition(TableDefinition def) {
        g.writeStartObject(def, 4);
        g.writeName("name");
        g.writeString(def.name());
        g.writeName("primaryKey");
        g.writeString(def.primaryKey());
        g.writeName("schema");
        Schema schema = def.schema();
        if (schema == null) {
            g.writeNull();
        } else {
            g.writeStartArray(schema, schema.fields().size());
            for (Map.Entry<String, FieldType> f : schema.fields().entrySet()) {
                g.writeStartArray(f, 3);
                g.writeString(f.getKey());
                g.writeString(f.getValue().name());
                g.writeBoolean(schema.optionalFields().contains(f.getKey()));
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeName("indexes");
        g.writeStartArray(def.indexes(), def.indexes().size());
        for (IndexDefinition index : def.indexes()) {
            writeIndex(index);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * A plain index as {@code [field, type]}, as every version wrote it (older readers read files holding only plain
     * indexes); any other as {@code [[field, ...], type, unique, condition or null]}, the condition as
     * {@link StoredCondition} makes it, written as a value.
     */
    private void writeIndex(IndexDefinition index) {
        if (index.isPlain()) {
            g.writeStartArray(index, 2);
            g.writeString(index.field());
            g.writeString(index.type().name());
            g.writeEndArray();
            return;
        }
        g.writeStartArray(index, 4);
        g.writeStartArray(index.fields(), index.fields().size());
        for (String f : index.fields()) {
            g.writeString(f);
        }
        g.writeEndArray();
        g.writeString(index.type().name());
        g.writeBoolean(index.unique());
        writeValue(index.condition() == null ? null : StoredCondition.toValue(index.condition()), 0);
        g.writeEndArray();
    }

    private void writeRecordValue(Map<String, ?> record, int depth) {
        g.writeStartObject(record, record.size());
        for (Map.Entry<String, ?> e : record.entrySet()) {
            g.writeName(e.getKey());
            writeValue(e.getValue(), depth);
        }
        g.writeEndObject();
    }

    private void writeInstant(Instant t) {
        g.writeTag(TAG_INSTANT);
        g.writeStartObject(t, 2);
        g.writePropertyId(1);
        g.writeNumber(t.getEpochSecond());
        g.writePropertyId(-9);
        g.writeNumber(t.getNano());
        g.writeEndObject();
    }

    private void writeValue(Object v, int depth) {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            if (s.length() > ImageLimits.MAX_STRING_LENGTH) {
                throw new CodecException("Cannot write a string of " + s.length() + " chars: the cbor codec reads "
                        + "at most " + ImageLimits.MAX_STRING_LENGTH);
            }
            if (hasUnpairedSurrogate(s)) {
                byte[] units = new byte[s.length() * 2];
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    units[2 * i] = (byte) (c >> 8);
                    units[2 * i + 1] = (byte) c;
                }
                g.writeTag(TAG_UTF16);
                g.writeBinary(units);
            } else {
                g.writeString(s);
            }
        } else if (v instanceof Long l) {
            g.writeNumber(l.longValue());
        } else if (v instanceof Double d) {
            g.writeNumber(d.doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Record r) {
            checkDepth(depth);
            writeRecordValue(r, depth + 1);
        } else if (v instanceof List<?> list) {
            checkDepth(depth);
            g.writeStartArray(list, list.size());
            for (Object e : list) {
                writeValue(e, depth + 1);
            }
            g.writeEndArray();
        } else if (v instanceof BigDecimal d) {
            if (d.unscaledValue().bitLength() > Limits.MAX_DECIMAL_BITS
                    || Math.abs((long) d.scale()) > ImageLimits.MAX_DECIMAL_SCALE) {
                throw new CodecException("Cannot write a BigDecimal of precision " + d.precision() + " and scale "
                        + d.scale() + ": the cbor codec reads at most " + ImageLimits.MAX_DECIMAL_DIGITS
                        + " digits and scales up to " + ImageLimits.MAX_DECIMAL_SCALE);
            }
            g.writeNumber(d);
        } else if (v instanceof Instant t) {
            writeInstant(t);
        } else if (v instanceof LocalDate d) {
            g.writeTag(TAG_DATE);
            g.writeNumber(d.toEpochDay());
        } else if (v instanceof UUID u) {
            byte[] b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                    .putLong(u.getLeastSignificantBits()).array();
            g.writeTag(TAG_UUID);
            g.writeBinary(b);
        } else if (v instanceof byte[] bytes) {
            if (bytes.length > ImageLimits.MAX_BYTES_LENGTH) {
                throw new CodecException("Cannot write a byte array of " + bytes.length + " bytes: the cbor codec "
                        + "reads at most " + ImageLimits.MAX_BYTES_LENGTH);
            }
            g.writeBinary(bytes);
        } else {
            writeValue(Canonical.of(v), depth);
        }
    }

    /** Whether the string holds a surrogate that is not part of a pair (so it is not valid Unicode text). */
    static boolean hasUnpairedSurrogate(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    private static void checkDepth(int depth) {
        if (depth >= ImageLimits.MAX_DEPTH) {
            throw new CodecException("Cannot write lists and maps nested deeper than " + ImageLimits.MAX_DEPTH
                    + " levels");
        }
    }

    /** Runs generator steps, giving back an I/O failure of the stream as the IOException it was. */
    private static void run(Runnable step) throws IOException {
        try {
            step.run();
        } catch (JacksonException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new CodecException("CBOR encoding failed: " + e.getOriginalMessage(), e);
        }
    }
}
