package io.dictdb.binary;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.dictdb.CodecException;
import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.internal.Utf16Bytes;
import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.RecordShape;
import io.dictdb.spi.StoredCondition;
import io.dictdb.spi.TableDefinition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The byte-level encoding of the Kryo codec: values, records, names and table definitions, written with Kryo's
 * {@link Output} and read with its {@link Input} (Kryo's object-graph serialization is not used at all, so no class
 * name or type is ever read from a file). Every value starts with one type byte from a fixed table; every length
 * and count read is checked against {@link Limits} before anything is allocated for it.
 *
 * <p>Strings are a varint byte length then the UTF-16 code units encoded like UTF-8, each surrogate on its own
 * (so any Java string, even one holding an unpaired surrogate, reads back exactly). Field and table names go
 * through a per-image name table: the first occurrence writes the name, later ones its number. In format 2 the
 * records of a full image go through a per-image shape table as well (see {@link Out#writeRecord}).
 */
final class KryoWire {
    static final int T_NULL = 0;
    static final int T_FALSE = 1;
    static final int T_TRUE = 2;
    static final int T_LONG = 3;
    static final int T_DOUBLE = 4;
    static final int T_DECIMAL = 5;
    static final int T_STRING = 6;
    static final int T_INSTANT = 7;
    static final int T_DATE = 8;
    static final int T_UUID = 9;
    static final int T_BYTES = 10;
    static final int T_LIST = 11;
    static final int T_MAP = 12;

    /** Strings up to this many chars are encoded in place in Kryo's buffer: 3 bytes a char fit a one-byte varint. */
    static final int SHORT_STRING = 42;

    /** Total encoded bytes of the names the name table remembers; later new names are written out every time. */
    static final int MAX_NAME_TABLE_BYTES = 16 << 20;

    /** Format 2, a record's tag: the end of the table's records. */
    static final int R_END = 0;
    /** Format 2, a record's tag: a new shape (its field names) follows, remembered as the next shape number. */
    static final int R_NEW_SHAPE = 1;
    /** Format 2, a record's tag: a shape follows for this record only (the shape table is full). */
    static final int R_ONE_OFF_SHAPE = 2;
    /** Format 2, a record's tag: this value plus the shape's number names a remembered shape. */
    static final int R_SHAPE_BASE = 3;
    /** The most shapes an image remembers (writer) or may define (reader). */
    static final int MAX_SHAPES = 4096;
    /** The most field names all remembered shapes of an image hold together. */
    static final int MAX_SHAPE_NAMES = 1 << 20;

    /**
     * Where an index's field would be, the mark of an index written with all its parts (composite, unique, partial):
     * the empty name, which no field may be, so a plain index reads as it always did.
     */
    static final String INDEX_SPEC = "";

    private KryoWire() {
    }

    /** Writes values into a Kryo {@link Output}. Not thread-safe; one per image. */
    static final class Out {
        final Output out;
        private final HashMap<String, Integer> names = new HashMap<>();
        private long nameBytes;
        private byte[] scratch = new byte[256];
        private final HashMap<List<String>, Integer> shapes = new HashMap<>();
        private long shapeNames;
        private String[] lastShape;
        private int lastShapeId;

        Out(Output out) {
            this.out = out;
        }

        /** Encodes a string into {@link #scratch}; returns the byte count. */
        private int encode(String s, int limit, String what) {
            int len = s.length();
            if (len > limit) {
                throw new CodecException("Cannot write " + what + " of " + len + " chars: the kryo codec reads at "
                        + "most " + limit + " encoded bytes");
            }
            if ((long) len * 3 > scratch.length) {
                scratch = new byte[(int) Math.min(Math.max((long) len * 3, scratch.length * 2L), Integer.MAX_VALUE - 8)];
            }
            int n = Utf16Bytes.encode(s, scratch, 0);
            if (n > limit) {
                throw new CodecException("Cannot write " + what + " of " + n + " encoded bytes: the kryo codec "
                        + "reads at most " + limit);
            }
            return n;
        }

        void writeString(String s, int limit, String what) {
            int len = s.length();
            int pos = out.position();
            byte[] buffer = out.getBuffer();
            if (len <= SHORT_STRING && buffer.length - pos > 3 * SHORT_STRING && limit >= 3 * SHORT_STRING) {
                // the common short string: encoded straight into Kryo's buffer behind a one-byte length (at most
                // 3 * 42 = 126 bytes, so one varint byte), with no copy through the scratch buffer
                int n = Utf16Bytes.encode(s, buffer, pos + 1);
                buffer[pos] = (byte) n;
                out.setPosition(pos + 1 + n);
                return;
            }
            int n = encode(s, limit, what);
            out.writeVarInt(n, true);
            out.writeBytes(scratch, 0, n);
        }

        /** A field or table name: its number in the name table, or 0 and the name when it is new. */
        void writeName(String name) {
            Integer id = names.get(name);
            if (id != null) {
                out.writeVarInt(id + 1, true);
                return;
            }
            int n = encode(name, Limits.MAX_NAME_BYTES, "the name '" + abbreviate(name) + "'");
            out.writeVarInt(0, true);
            out.writeVarInt(n, true);
            out.writeBytes(scratch, 0, n);
            if (names.size() < Limits.MAX_NAMES && nameBytes + n <= MAX_NAME_TABLE_BYTES) {
                names.put(name, names.size());
                nameBytes += n;
            }
        }

        void writeValue(Object v, int depth) {
            if (v == null) {
                out.writeByte(T_NULL);
            } else if (v instanceof String s) {
                out.writeByte(T_STRING);
                writeString(s, Limits.MAX_STRING_BYTES, "a string");
            } else if (v instanceof Long l) {
                out.writeByte(T_LONG);
                out.writeVarLong(l, false);
            } else if (v instanceof Double d) {
                out.writeByte(T_DOUBLE);
                out.writeLong(Double.doubleToRawLongBits(d));
            } else if (v instanceof Boolean b) {
                out.writeByte(b ? T_TRUE : T_FALSE);
            } else if (v instanceof Record r) {
                checkWriteDepth(depth);
                out.writeByte(T_MAP);
                writeFields(r, depth + 1);
            } else if (v instanceof List<?> list) {
                checkWriteDepth(depth);
                out.writeByte(T_LIST);
                out.writeVarInt(list.size(), true);
                for (Object e : list) {
                    writeValue(e, depth + 1);
                }
            } else if (v instanceof BigDecimal d) {
                byte[] unscaled = d.unscaledValue().toByteArray();
                if (unscaled.length > Limits.MAX_DECIMAL_BYTES || Math.abs((long) d.scale()) > Limits.MAX_DECIMAL_SCALE) {
                    throw new CodecException("Cannot write a BigDecimal of " + unscaled.length
                            + " bytes with scale " + d.scale() + ": the kryo codec reads at most "
                            + Limits.MAX_DECIMAL_BYTES + " bytes and scales up to " + Limits.MAX_DECIMAL_SCALE);
                }
                out.writeByte(T_DECIMAL);
                out.writeVarInt(d.scale(), false);
                out.writeVarInt(unscaled.length, true);
                out.writeBytes(unscaled);
            } else if (v instanceof Instant t) {
                out.writeByte(T_INSTANT);
                out.writeVarLong(t.getEpochSecond(), false);
                out.writeVarInt(t.getNano(), true);
            } else if (v instanceof LocalDate d) {
                out.writeByte(T_DATE);
                out.writeVarLong(d.toEpochDay(), false);
            } else if (v instanceof UUID u) {
                out.writeByte(T_UUID);
                out.writeLong(u.getMostSignificantBits());
                out.writeLong(u.getLeastSignificantBits());
            } else if (v instanceof byte[] bytes) {
                if (bytes.length > Limits.MAX_BINARY_BYTES) {
                    throw new CodecException("Cannot write a byte array of " + bytes.length
                            + " bytes: the kryo codec reads at most " + Limits.MAX_BINARY_BYTES);
                }
                out.writeByte(T_BYTES);
                out.writeVarInt(bytes.length, true);
                out.writeBytes(bytes);
            } else {
                writeValue(Canonical.of(v), depth);
            }
        }

        private static void checkWriteDepth(int depth) {
            if (depth >= Limits.MAX_DEPTH) {
                throw new CodecException("Cannot write lists and maps nested deeper than " + Limits.MAX_DEPTH
                        + " levels");
            }
        }

        /**
         * A top-level record of a full image in format 2: a tag naming its shape (the field names in order,
         * written once per image), then its values only. Most tables hold a handful of shapes, so the names cost
         * nothing per record and the writer's name lookups go away; the last shape is tried first, by identity
         * (records of one shape share one interned key array, so their names are the same strings).
         */
        void writeRecord(Record record) {
            int n = record.size();
            String[] last = lastShape;
            if (last != null && last.length == n && hasNames(record, last)) {
                out.writeVarInt(R_SHAPE_BASE + lastShapeId, true);
            } else {
                String[] names = record.fields().toArray(new String[n]);
                List<String> key = Arrays.asList(names);
                Integer id = shapes.get(key);
                if (id != null) {
                    out.writeVarInt(R_SHAPE_BASE + id, true);
                    lastShape = names;
                    lastShapeId = id;
                } else if (shapes.size() < MAX_SHAPES && shapeNames + n <= MAX_SHAPE_NAMES) {
                    out.writeVarInt(R_NEW_SHAPE, true);
                    writeShape(names);
                    lastShapeId = shapes.size();
                    lastShape = names;
                    shapes.put(key, lastShapeId);
                    shapeNames += n;
                } else {
                    out.writeVarInt(R_ONE_OFF_SHAPE, true);
                    writeShape(names);
                }
            }
            // indexed access: no iterator, no entry per field
            for (int i = 0; i < n; i++) {
                writeValue(record.valueAt(i), 0);
            }
        }

        private static boolean hasNames(Record record, String[] names) {
            for (int i = 0; i < names.length; i++) {
                String k = record.fieldAt(i);
                String name = names[i];
                if (k != name && !k.equals(name)) {
                    return false;
                }
            }
            return true;
        }

        private void writeShape(String[] names) {
            out.writeVarInt(names.length, true);
            for (String name : names) {
                writeName(name);
            }
        }

        /** The end of a table's records in format 2. */
        void writeEndOfRecords() {
            out.writeVarInt(R_END, true);
        }

        /** A record's fields: count, then name and value pairs. */
        void writeFields(Map<String, ?> record, int depth) {
            out.writeVarInt(record.size(), true);
            if (record instanceof Record r) {
                for (int i = 0, n = r.size(); i < n; i++) {
                    writeName(r.fieldAt(i));
                    writeValue(r.valueAt(i), depth);
                }
                return;
            }
            for (Map.Entry<String, ?> e : record.entrySet()) {
                writeName(e.getKey());
                writeValue(e.getValue(), depth);
            }
        }

        void writeDefinition(TableDefinition def) {
            writeName(def.name());
            writeName(def.primaryKey());
            Schema schema = def.schema();
            if (schema == null) {
                out.writeByte(0);
            } else {
                out.writeByte(1);
                out.writeVarInt(schema.fields().size(), true);
                for (Map.Entry<String, FieldType> f : schema.fields().entrySet()) {
                    writeName(f.getKey());
                    writeName(f.getValue().name());
                    out.writeBoolean(schema.optionalFields().contains(f.getKey()));
                }
            }
            out.writeVarInt(def.indexes().size(), true);
            for (IndexDefinition index : def.indexes()) {
                writeIndex(index);
            }
        }

        /**
         * A plain index as its field and type name, as every version wrote it (older readers read files holding only
         * plain indexes). Any other starts with the empty name, which no field may be ({@link #INDEX_SPEC}): the
         * field count and fields, the type name, a unique flag, then 0 for no condition or 1 and the condition as a
         * value ({@link StoredCondition}).
         */
        void writeIndex(IndexDefinition index) {
            if (index.isPlain()) {
                writeName(index.field());
                writeName(index.type().name());
                return;
            }
            writeName(INDEX_SPEC);
            out.writeVarInt(index.fields().size(), true);
            for (String f : index.fields()) {
                writeName(f);
            }
            writeName(index.type().name());
            out.writeBoolean(index.unique());
            if (index.condition() == null) {
                out.writeByte(0);
            } else {
                out.writeByte(1);
                writeValue(StoredCondition.toValue(index.condition()), 0);
            }
        }
    }

    /** Reads values from a Kryo {@link Input}, bounding everything it reads. Not thread-safe; one per image. */
    static final class In {
        final Input in;
        private final ArrayList<String> names = new ArrayList<>();
        private long nameBytes;
        private byte[] scratch = new byte[256];
        private char[] chars = new char[256];
        private final ArrayList<RecordShape> shapes = new ArrayList<>();
        private long shapeNames;

        In(Input in) {
            this.in = in;
        }

        int readByte() {
            return in.readByte() & 0xFF;
        }

        /** A non-negative count or length, at most {@code limit}. */
        int readCount(int limit, String what) {
            int n = in.readVarInt(true);
            if (n < 0 || n > limit) {
                throw new DecodeError(what + " claims " + Integer.toUnsignedLong(n)
                        + (n < 0 ? " (negative as a signed length)" : "") + ", more than the limit of " + limit);
            }
            return n;
        }

        /**
         * Reads {@code n} bytes (already bounded by the caller). Small lengths use a reusable buffer when
         * {@code reuse}; large ones grow chunk by chunk with the bytes actually read, so a false claim of a huge
         * length costs no more memory than the bytes the file really holds.
         */
        byte[] readBlob(int n, boolean reuse) {
            if (n <= Limits.CHUNK) {
                byte[] b;
                if (reuse) {
                    if (scratch.length < n) {
                        scratch = new byte[Math.max(n, scratch.length * 2)];
                    }
                    b = scratch;
                } else {
                    b = new byte[n];
                }
                in.readBytes(b, 0, n);
                return b;
            }
            byte[] b = new byte[Limits.CHUNK];
            int have = 0;
            while (have < n) {
                if (have == b.length) {
                    b = Arrays.copyOf(b, (int) Math.min((long) b.length * 2, n));
                }
                int step = Math.min(b.length, n) - have;
                in.readBytes(b, have, step);
                have += step;
            }
            if (b.length != n) {
                b = Arrays.copyOf(b, n);
            }
            if (reuse && n <= 4 * Limits.CHUNK) {
                scratch = b;
            }
            return b;
        }

        String readString(int limit, String what) {
            int n = readCount(limit, what);
            int pos = in.position();
            if (in.limit() - pos >= n) {
                // the bytes are already in Kryo's buffer: decoded from there, with no copy to the scratch buffer
                String s = decode(in.getBuffer(), pos, n);
                in.setPosition(pos + n);
                return s;
            }
            byte[] b = readBlob(n, true);
            return decode(b, 0, n);
        }

        private String decode(byte[] b, int n) {
            return decode(b, 0, n);
        }

        /** Decodes {@code n} bytes of {@code b} from {@code off} (see {@link Out#writeString}). */
        private String decode(byte[] b, int off, int n) {
            int end = off + n;
            int i = off;
            while (i < end && b[i] >= 0) {
                i++;
            }
            if (i == end) {
                return new String(b, off, n, StandardCharsets.ISO_8859_1);
            }
            i -= off;
            if (off != 0) {
                b = Arrays.copyOfRange(b, off, end);
            }
            if (chars.length < n) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            char[] c = chars;
            for (int k = 0; k < i; k++) {
                c[k] = (char) b[k];
            }
            int m = i;
            while (i < n) {
                int x = b[i] & 0xFF;
                if (x < 0x80) {
                    c[m++] = (char) x;
                    i++;
                } else if ((x & 0xE0) == 0xC0 && i + 1 < n && (b[i + 1] & 0xC0) == 0x80) {
                    c[m++] = (char) (((x & 0x1F) << 6) | (b[i + 1] & 0x3F));
                    i += 2;
                } else if ((x & 0xF0) == 0xE0 && i + 2 < n && (b[i + 1] & 0xC0) == 0x80
                        && (b[i + 2] & 0xC0) == 0x80) {
                    c[m++] = (char) (((x & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F));
                    i += 3;
                } else {
                    throw new DecodeError("malformed text at byte " + i);
                }
            }
            return new String(c, 0, m);
        }

        /** A field or table name (see {@link Out#writeName}). */
        String readName() {
            int id = in.readVarInt(true);
            if (id == 0) {
                int n = readCount(Limits.MAX_NAME_BYTES, "a name length");
                String name = decode(readBlob(n, true), n);
                if (names.size() < Limits.MAX_NAMES && nameBytes + n <= MAX_NAME_TABLE_BYTES) {
                    names.add(name);
                    nameBytes += n;
                }
                return name;
            }
            if (id < 0 || id > names.size()) {
                throw new DecodeError("a name refers to name #" + Integer.toUnsignedLong(id) + " but only "
                        + names.size() + " names were defined");
            }
            return names.get(id - 1);
        }

        Object readValue(int depth) {
            int type = in.readByte();
            switch (type) {
                case T_NULL:
                    return null;
                case T_FALSE:
                    return Boolean.FALSE;
                case T_TRUE:
                    return Boolean.TRUE;
                case T_LONG:
                    return in.readVarLong(false);
                case T_DOUBLE:
                    return Double.longBitsToDouble(in.readLong());
                case T_STRING:
                    return readString(Limits.MAX_STRING_BYTES, "a string length");
                case T_DECIMAL: {
                    int scale = in.readVarInt(false);
                    if (Math.abs((long) scale) > Limits.MAX_DECIMAL_SCALE) {
                        throw new DecodeError("decimal scale " + scale + " is beyond the limit of "
                                + Limits.MAX_DECIMAL_SCALE);
                    }
                    int n = readCount(Limits.MAX_DECIMAL_BYTES, "a decimal length");
                    if (n == 0) {
                        throw new DecodeError("empty decimal");
                    }
                    return new BigDecimal(new BigInteger(readBlob(n, false)), scale);
                }
                case T_INSTANT: {
                    long seconds = in.readVarLong(false);
                    int nanos = in.readVarInt(true);
                    try {
                        return Instant.ofEpochSecond(seconds, nanos);
                    } catch (DateTimeException | ArithmeticException e) {
                        throw new DecodeError("invalid instant (" + seconds + " s, " + nanos + " ns)");
                    }
                }
                case T_DATE: {
                    long day = in.readVarLong(false);
                    try {
                        return LocalDate.ofEpochDay(day);
                    } catch (DateTimeException e) {
                        throw new DecodeError("invalid date (epoch day " + day + ")");
                    }
                }
                case T_UUID:
                    return new UUID(in.readLong(), in.readLong());
                case T_BYTES: {
                    int n = readCount(Limits.MAX_BINARY_BYTES, "a byte array length");
                    return readBlob(n, false);
                }
                case T_LIST: {
                    checkDepth(depth);
                    int n = readCount(Limits.MAX_LIST_ELEMENTS, "a list size");
                    ArrayList<Object> list = new ArrayList<>(ImageLimits.preallocation(n));
                    for (int i = 0; i < n; i++) {
                        try {
                            list.add(readValue(depth + 1));
                        } catch (DecodeError e) {
                            throw e.index(i);
                        }
                    }
                    return list;
                }
                case T_MAP:
                    checkDepth(depth);
                    return readFields(depth + 1);
                default:
                    throw new DecodeError("unknown value type " + (type & 0xFF));
            }
        }

        private static void checkDepth(int depth) {
            if (depth >= Limits.MAX_DEPTH) {
                throw new DecodeError("lists and maps nest deeper than " + Limits.MAX_DEPTH + " levels");
            }
        }

        /**
         * A top-level record of format 2 (see {@link Out#writeRecord}), its tag already read (not {@link #R_END}).
         */
        Record readRecord(int tag) {
            RecordShape shape;
            try {
                if (tag == R_NEW_SHAPE || tag == R_ONE_OFF_SHAPE) {
                    String[] names = readShape();
                    // names checked here once per shape (rule, repeats), not once per record
                    shape = RecordShape.of(Arrays.asList(names));
                    if (tag == R_NEW_SHAPE) {
                        if (shapes.size() >= MAX_SHAPES || shapeNames + names.length > MAX_SHAPE_NAMES) {
                            throw new DecodeError("the image defines more than " + MAX_SHAPES + " record shapes or "
                                    + MAX_SHAPE_NAMES + " names in them");
                        }
                        shapes.add(shape);
                        shapeNames += names.length;
                    }
                } else {
                    long id = Integer.toUnsignedLong(tag) - R_SHAPE_BASE;
                    if (id < 0 || id >= shapes.size()) {
                        throw new DecodeError("a record refers to shape #" + id + " but only " + shapes.size()
                                + " shapes were defined");
                    }
                    shape = shapes.get((int) id);
                }
                List<String> names = shape.names();
                Object[] values = new Object[names.size()];
                for (int i = 0; i < values.length; i++) {
                    try {
                        values[i] = readValue(0);
                    } catch (DecodeError e) {
                        throw e.field(names.get(i));
                    }
                }
                return shape.record(values);
            } catch (IllegalArgumentException e) {
                throw new DecodeError(e.getMessage());
            }
        }

        /** A shape's field names, each at most once (checked here, once per shape, not per record). */
        private String[] readShape() {
            int n = readCount(Limits.MAX_ENTRIES, "a record shape's field count");
            ArrayList<String> names = new ArrayList<>(ImageLimits.preallocation(n));
            HashSet<String> seen = n > 16 ? new HashSet<>() : null;
            for (int i = 0; i < n; i++) {
                String name = readName();
                if (seen != null ? !seen.add(name) : names.contains(name)) {
                    throw new DecodeError("field '" + abbreviate(name) + "' appears twice in a record shape");
                }
                names.add(name);
            }
            return names.toArray(new String[0]);
        }

        /** A record's fields (see {@link Out#writeFields}), as a canonical {@link Record}. */
        Record readFields(int depth) {
            int n = readCount(Limits.MAX_ENTRIES, "a field count");
            try {
                if (n <= 16) {
                    Object[] pairs = new Object[2 * n];
                    for (int i = 0; i < n; i++) {
                        String name = readName();
                        pairs[2 * i] = name;
                        try {
                            pairs[2 * i + 1] = readValue(depth);
                        } catch (DecodeError e) {
                            throw e.field(name);
                        }
                    }
                    return Record.of(pairs);
                }
                LinkedHashMap<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String name = readName();
                    if (map.containsKey(name)) {
                        throw new DecodeError("field '" + abbreviate(name) + "' appears twice");
                    }
                    try {
                        map.put(name, readValue(depth));
                    } catch (DecodeError e) {
                        throw e.field(name);
                    }
                }
                return Record.of(map);
            } catch (IllegalArgumentException e) {
                throw new DecodeError(e.getMessage());
            }
        }

        TableDefinition readDefinition() {
            String name = readName();
            String where = "the definition of table '" + abbreviate(name) + "'";
            String primaryKey = readName();
            Schema schema = null;
            int hasSchema = readByte();
            if (hasSchema == 1) {
                int n = readCount(Limits.MAX_FIELDS, "the schema field count");
                Schema.Builder b = Schema.builder();
                try {
                    for (int i = 0; i < n; i++) {
                        String field = readName();
                        FieldType type = enumValue(FieldType.class, readName(), where);
                        boolean optional = in.readBoolean();
                        if (optional) {
                            b.optional(field, type);
                        } else {
                            b.field(field, type);
                        }
                    }
                } catch (IllegalArgumentException e) {
                    throw new CodecException("Corrupt kryo image: " + e.getMessage() + " in " + where, e);
                }
                schema = b.build();
            } else if (hasSchema != 0) {
                throw new CodecException("Corrupt kryo image: bad schema marker " + hasSchema + " in " + where);
            }
            int n = readCount(Limits.MAX_INDEXES, "the index count");
            List<IndexDefinition> indexes = new ArrayList<>(Math.min(n, 16));
            for (int i = 0; i < n; i++) {
                indexes.add(readIndex(where));
            }
            try {
                return new TableDefinition(name, primaryKey, schema, indexes);
            } catch (IllegalArgumentException e) {
                throw new CodecException("Corrupt kryo image: " + e.getMessage() + " in " + where, e);
            }
        }

        IndexDefinition readIndex(String where) {
            String field = readName();
            if (!field.equals(INDEX_SPEC)) {
                IndexType type = enumValue(IndexType.class, readName(), where);
                try {
                    return new IndexDefinition(field, type);
                } catch (IllegalArgumentException e) {
                    throw new CodecException("Corrupt kryo image: " + e.getMessage() + " in " + where, e);
                }
            }
            int n = readCount(Limits.MAX_FIELDS, "the field count of an index in " + where);
            List<String> fields = new ArrayList<>(ImageLimits.preallocation(n));
            for (int i = 0; i < n; i++) {
                fields.add(readName());
            }
            IndexType type = enumValue(IndexType.class, readName(), where);
            int unique = readByte();
            if (unique > 1) {
                throw new CodecException("Corrupt kryo image: bad unique flag " + unique + " of an index in " + where);
            }
            int hasCondition = readByte();
            if (hasCondition > 1) {
                throw new CodecException("Corrupt kryo image: bad condition marker " + hasCondition + " of an index in "
                        + where);
            }
            String at = "an index on " + fields + " in " + where;
            try {
                return new IndexDefinition(fields, type, unique == 1, hasCondition == 0 ? null
                        : StoredCondition.fromValue(readValue(0), "kryo image, " + at));
            } catch (IllegalArgumentException e) {
                throw new CodecException("Corrupt kryo image: " + e.getMessage() + " in " + at, e);
            }
        }
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String name, String where) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new CodecException("Corrupt image: unknown " + type.getSimpleName() + " '" + abbreviate(name)
                + "' in " + where);
    }

    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }

    /** Turns Kryo's own failures (end of input, bad varints) into a {@link CodecException}. */
    static CodecException failure(KryoException e) {
        String msg = e.getMessage();
        if (msg != null && msg.toLowerCase(java.util.Locale.ROOT).contains("underflow")) {
            return new CodecException("Truncated kryo image: it ends in the middle of a value", e);
        }
        return new CodecException("Corrupt kryo image: " + msg, e);
    }
}
