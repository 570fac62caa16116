package io.dictdb.core.journal;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.Values;
import io.dictdb.internal.Utf16Bytes;
import io.dictdb.spi.Change;
import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.RecordShape;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The journal's own entry encoding for the common commit: one made only of {@link Change.Upsert} and
 * {@link Change.Delete}, numbered consecutively. Framed with {@link EntryFrame#MAGIC_COMPACT}, whose checksum also
 * covers that marker byte, so a damaged marker never turns one kind of entry into the other. Commits holding a
 * table or index change keep going through the codec ({@link EntryPayload}, {@link EntryFrame#MAGIC}).
 *
 * <p>Payload, big-endian: {@code [version 1][first sequence: 8 bytes][change count: varint][database id: varint
 * (length + 1, 0 for none) + bytes]}, then per change {@code [1 upsert | 2 delete][table: varint length + bytes]}
 * followed by the record's body (upsert) or the key as a value (delete). A record's body is {@code [field count:
 * varint][names' bytes: 4 bytes][per name: varint length + bytes][one value per field]}: the names come as one block,
 * so a reader recognises a shape it has seen by comparing bytes and checks its names once. A value is a tag byte
 * and its data: null, false, true, long (zigzag varint), double (its 8 raw bits), decimal (zigzag scale, varint
 * length, unscaled two's-complement bytes), string (varint length, bytes), instant (zigzag seconds, varint nanos),
 * date (zigzag epoch day), UUID (16 bytes), byte array (varint length, bytes), list (varint count, values), record
 * (body). Text is written one UTF-16 unit at a time in 1 to 3 bytes (as UTF-8 writes the unit's code point, so an
 * unpaired surrogate, which a string value may hold, reads back as it was).
 *
 * <p>Reading is safe on hostile bytes: every length and count is bounded by {@link ImageLimits} and by the bytes
 * left, nesting by {@link Values#MAX_DEPTH}, and records are built through {@link RecordShape} (so the value rule is
 * checked as for any record); anything wrong is a {@link CodecException}.
 */
final class CompactEntry {
    static final int VERSION = 1;

    private static final int UPSERT = 1;
    private static final int DELETE = 2;

    private static final int T_NULL = 0;
    private static final int T_FALSE = 1;
    private static final int T_TRUE = 2;
    private static final int T_LONG = 3;
    private static final int T_DOUBLE = 4;
    private static final int T_DECIMAL = 5;
    private static final int T_STRING = 6;
    private static final int T_INSTANT = 7;
    private static final int T_DATE = 8;
    private static final int T_UUID = 9;
    private static final int T_BYTES = 10;
    private static final int T_LIST = 11;
    private static final int T_RECORD = 12;

    /** A string of {@link ImageLimits#MAX_STRING_LENGTH} UTF-8 bytes takes at most 1.5 times as many here. */
    private static final int MAX_STRING_BYTES = ImageLimits.MAX_STRING_LENGTH / 2 * 3;
    private static final int MAX_NAME_BYTES = ImageLimits.MAX_NAME_LENGTH / 2 * 3;
    /** The unscaled value of a decimal of {@link ImageLimits#MAX_DECIMAL_DIGITS} digits takes at most 4,153 bytes. */
    private static final int MAX_DECIMAL_BYTES = ImageLimits.MAX_DECIMAL_DIGITS / 2 + 16;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private static final ThreadLocal<Out> OUT = ThreadLocal.withInitial(Out::new);
    private static final ThreadLocal<In> IN = ThreadLocal.withInitial(In::new);

    private CompactEntry() {
    }

    /**
     * Whether a commit can be written compactly: only upserts and deletes, numbered consecutively.
     *
     * @param commit the changes, at least one
     * @return true when {@link Encoder#encodeFramed} takes it
     */
    static boolean fits(List<Change> commit) {
        long next = commit.get(0).sequence();
        for (int i = 0, n = commit.size(); i < n; i++) {
            Change c = commit.get(i);
            if (!(c instanceof Change.Upsert || c instanceof Change.Delete) || c.sequence() != next++) {
                return false;
            }
        }
        return true;
    }

    /**
     * Encodes one canonical value as this format writes a value (tag byte and data), for a store that keeps a value
     * it cannot hold natively (the Hazelcast backend).
     *
     * @param value a canonical value
     * @return a fresh array holding exactly the value
     */
    static byte[] encodeValue(Object value) {
        Out o = new Out();
        o.value(value);
        return Arrays.copyOf(o.buf, o.pos);
    }

    /**
     * Decodes what {@link #encodeValue} wrote.
     *
     * @param bytes the value's bytes
     * @return the canonical value
     * @throws CodecException if the bytes do not hold exactly one value
     */
    static Object decodeValue(byte[] bytes) {
        In in = new In();
        in.b = bytes;
        in.pos = 0;
        in.end = bytes.length;
        Object v = in.value(0);
        if (in.pos != in.end) {
            throw new CodecException("Compact value: " + (in.end - in.pos) + " bytes after the value");
        }
        return v;
    }

    /** Writes the entries of one database: its id's bytes are made once. */
    static final class Encoder {
        private final byte[] id;

        /**
         * An encoder for a database.
         *
         * @param databaseId its id, or null
         */
        Encoder(String databaseId) {
            if (databaseId == null) {
                id = null;
            } else {
                Out o = new Out();
                o.string(databaseId);
                id = Arrays.copyOf(o.buf, o.pos); // varint length + bytes; written after a "present" marker
            }
        }

        /**
         * Encodes and frames one commit that {@link #fits} says it takes.
         *
         * @param commit the changes
         * @return the framed entry, {@link EntryFrame#MAGIC_COMPACT} first, a fresh array of exactly its size
         * @throws IllegalArgumentException if the payload exceeds {@link EntryFrame#MAX_PAYLOAD}
         */
        ByteBuffer encodeFramed(List<Change> commit) {
            Out o = encodeHeld(commit);
            byte[] entry = Arrays.copyOf(o.buf, o.pos);
            o.release();
            return ByteBuffer.wrap(entry);
        }

        /**
         * Encodes and frames one commit into the calling thread's buffer and returns a view of it, valid until the
         * thread encodes again: for a writer that copies the entry at once (into a mapped segment).
         *
         * @param commit the changes
         * @return the framed entry, {@link EntryFrame#MAGIC_COMPACT} first
         * @throws IllegalArgumentException if the payload exceeds {@link EntryFrame#MAX_PAYLOAD}
         */
        ByteBuffer encodeFramedShared(List<Change> commit) {
            Out o = encodeHeld(commit);
            ByteBuffer view = ByteBuffer.wrap(o.buf, 0, o.pos);
            o.release(); // a buffer grown past the limit is dropped for the next entry; the view keeps this one
            return view;
        }

        /** Encodes and frames one commit into the calling thread's buffer, {@code [0, pos)}. */
        private Out encodeHeld(List<Change> commit) {
            Out o = OUT.get();
            o.reset(EntryFrame.HEADER);
            o.ensure(16 + (id == null ? 1 : id.length + 1));
            o.buf[o.pos++] = VERSION;
            LONGS.set(o.buf, o.pos, commit.get(0).sequence());
            o.pos += 8;
            o.varint(commit.size());
            if (id == null) {
                o.buf[o.pos++] = 0;
            } else {
                o.buf[o.pos++] = 1;
                System.arraycopy(id, 0, o.buf, o.pos, id.length);
                o.pos += id.length;
            }
            for (int i = 0, n = commit.size(); i < n; i++) {
                Change c = commit.get(i);
                if (c instanceof Change.Upsert u) {
                    o.ensure(1);
                    o.buf[o.pos++] = UPSERT;
                    o.name(u.table());
                    o.recordBody(u.record());
                } else {
                    Change.Delete d = (Change.Delete) c;
                    o.ensure(1);
                    o.buf[o.pos++] = DELETE;
                    o.name(d.table());
                    o.value(d.key());
                }
            }
            int length = o.pos - EntryFrame.HEADER;
            if (length > EntryFrame.MAX_PAYLOAD) {
                throw new IllegalArgumentException("A journal entry of " + length + " bytes exceeds the maximum of "
                        + EntryFrame.MAX_PAYLOAD);
            }
            byte[] entry = o.buf;
            entry[0] = EntryFrame.MAGIC_COMPACT;
            INTS.set(entry, 1, length);
            INTS.set(entry, 5, EntryFrame.checksum(EntryFrame.MAGIC_COMPACT, entry, EntryFrame.HEADER, length));
            return o;
        }
    }

    /** A per-thread growable output. */
    private static final class Out {
        private static final int KEEP = 1 << 16;
        private static final int NAMES = 256;
        private static final int CACHED_NAME = 64;
        byte[] buf = new byte[512];
        int pos;
        /**
         * Names written lately, by identity (field names are interned, a table's name is one instance), with their
         * bytes (length included): a record's names cost a copy each, not an encoding.
         */
        private final String[] names = new String[NAMES];
        private final byte[][] nameBytes = new byte[NAMES][];

        void reset(int reserved) {
            pos = reserved;
        }

        /** Drops a buffer grown past {@link #KEEP} by one huge entry, so a thread does not hold it for ever. */
        void release() {
            if (buf.length > KEEP) {
                buf = new byte[512];
            }
        }

        void ensure(int n) {
            if (buf.length - pos < n) {
                long want = Math.max((long) buf.length * 2, (long) pos + n);
                if (want > Integer.MAX_VALUE - 16) {
                    if ((long) pos + n > Integer.MAX_VALUE - 16) {
                        throw new IllegalArgumentException("A journal entry exceeds the maximum of "
                                + EntryFrame.MAX_PAYLOAD + " bytes");
                    }
                    want = Integer.MAX_VALUE - 16;
                }
                buf = Arrays.copyOf(buf, (int) want);
            }
        }

        void varint(int v) {
            varlong(v & 0xFFFFFFFFL);
        }

        void varlong(long v) {
            if ((v & ~0x7FL) == 0) {
                ensure(1);
                buf[pos++] = (byte) v;
                return;
            }
            ensure(10);
            byte[] b = buf;
            int p = pos;
            while ((v & ~0x7FL) != 0) {
                b[p++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            b[p++] = (byte) v;
            pos = p;
        }

        void zigzag(long v) {
            varlong((v << 1) ^ (v >> 63));
        }

        /** A name ({@link #string}), from the cache when it was written lately. */
        void name(String s) {
            int n = s.length();
            // not hashCode(): a slot from the length and two characters is enough for an identity cache
            int slot = n == 0 ? 0 : (n * 31 + s.charAt(0)) * 31 + s.charAt(n - 1) & (NAMES - 1);
            if (names[slot] == s) {
                byte[] b = nameBytes[slot];
                ensure(b.length);
                System.arraycopy(b, 0, buf, pos, b.length);
                pos += b.length;
                return;
            }
            int start = pos;
            string(s);
            if (pos - start <= CACHED_NAME) {
                names[slot] = s;
                nameBytes[slot] = Arrays.copyOfRange(buf, start, pos);
            }
        }

        /** Varint length, then one to three bytes per UTF-16 unit. */
        void string(String s) {
            int n = s.length();
            if (n < 0x80) { // one length byte; one pass while the text is ASCII
                ensure(1 + 3 * n);
                byte[] b = buf;
                int p = pos + 1;
                int i = 0;
                for (; i < n; i++) {
                    char c = s.charAt(i);
                    if (c >= 0x80) {
                        break;
                    }
                    b[p++] = (byte) c;
                }
                if (i == n) {
                    b[pos] = (byte) n;
                    pos = p;
                    return;
                }
            }
            int bytes = n;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    bytes += c >= 0x800 ? 2 : 1;
                }
            }
            varint(bytes);
            ensure(bytes);
            byte[] b = buf;
            int p = pos;
            if (bytes == n) {
                for (int i = 0; i < n; i++) {
                    b[p++] = (byte) s.charAt(i);
                }
            } else {
                p += Utf16Bytes.encode(s, b, p);
            }
            pos = p;
        }

        void recordBody(Record r) {
            int n = r.size();
            varint(n);
            ensure(4);
            int lengthAt = pos;
            pos += 4;
            for (int i = 0; i < n; i++) {
                name(r.fieldAt(i));
            }
            INTS.set(buf, lengthAt, pos - lengthAt - 4);
            for (int i = 0; i < n; i++) {
                value(r.valueAt(i));
            }
        }

        void tag(int t) {
            ensure(1);
            buf[pos++] = (byte) t;
        }

        void value(Object v) {
            if (v == null) {
                tag(T_NULL);
            } else if (v instanceof String s) {
                tag(T_STRING);
                string(s);
            } else if (v instanceof Long l) {
                tag(T_LONG);
                zigzag(l);
            } else if (v instanceof Boolean b) {
                tag(b ? T_TRUE : T_FALSE);
            } else if (v instanceof Double d) {
                ensure(9);
                buf[pos++] = T_DOUBLE;
                LONGS.set(buf, pos, Double.doubleToRawLongBits(d));
                pos += 8;
            } else if (v instanceof Record r) {
                tag(T_RECORD);
                recordBody(r);
            } else if (v instanceof List<?> list) {
                tag(T_LIST);
                int n = list.size();
                varint(n);
                for (int i = 0; i < n; i++) {
                    value(list.get(i));
                }
            } else if (v instanceof BigDecimal d) {
                tag(T_DECIMAL);
                zigzag(d.scale());
                byte[] unscaled = d.unscaledValue().toByteArray();
                bytes(unscaled);
            } else if (v instanceof Instant t) {
                tag(T_INSTANT);
                zigzag(t.getEpochSecond());
                varint(t.getNano());
            } else if (v instanceof LocalDate d) {
                tag(T_DATE);
                zigzag(d.toEpochDay());
            } else if (v instanceof UUID u) {
                ensure(17);
                buf[pos++] = T_UUID;
                LONGS.set(buf, pos, u.getMostSignificantBits());
                LONGS.set(buf, pos + 8, u.getLeastSignificantBits());
                pos += 16;
            } else if (v instanceof byte[] b) {
                tag(T_BYTES);
                bytes(b);
            } else {
                throw new IllegalArgumentException("Not a canonical DictDB value: " + v.getClass().getName());
            }
        }

        void bytes(byte[] b) {
            varint(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }
    }

    /**
     * Decodes one compact entry's payload.
     *
     * @param bytes the bytes
     * @param offset where the payload starts
     * @param length its length
     * @return the entry
     * @throws CodecException if the bytes are not a valid entry
     */
    static EntryPayload.Commit decode(byte[] bytes, int offset, int length) {
        return IN.get().commit(bytes, offset, length);
    }

    /** A per-thread reader, with what it remembers between entries: shapes, the last id and table name. */
    private static final class In {
        private static final int SHAPES = 256;
        byte[] b;
        int pos;
        int end;
        /** Shapes seen, by the hash of their names' bytes: the bytes and the shape. */
        private final byte[][] shapeBytes = new byte[SHAPES][];
        private final RecordShape[] shapes = new RecordShape[SHAPES];
        private byte[] lastId;
        private String lastIdString;
        private byte[] lastTable;
        private String lastTableString;

        EntryPayload.Commit commit(byte[] bytes, int offset, int length) {
            b = bytes;
            pos = offset;
            end = offset + length;
            try {
                if (length < 0 || offset < 0 || end > bytes.length || end < offset) {
                    throw error("a payload outside its bytes");
                }
                need(9);
                if (b[pos++] != VERSION) {
                    throw error("unknown compact entry version " + (b[pos - 1] & 0xFF));
                }
                long first = (long) LONGS.get(b, pos);
                pos += 8;
                int count = count("change count", Integer.MAX_VALUE, 2);
                if (first < 1 || count < 1 || first > Long.MAX_VALUE - (count - 1)) {
                    throw error("impossible sequence numbers " + first + " + " + count);
                }
                String id = databaseId();
                List<Change> changes = new ArrayList<>(ImageLimits.preallocation(count));
                for (int i = 0; i < count; i++) {
                    long sequence = first + i;
                    need(1);
                    int kind = b[pos++];
                    String table = table();
                    if (kind == UPSERT) {
                        need(1);
                        changes.add(new Change.Upsert(sequence, table, recordBody(0)));
                    } else if (kind == DELETE) {
                        Object key = value(0);
                        if (key == null) {
                            throw error("a delete without a key");
                        }
                        changes.add(new Change.Delete(sequence, table, Values.canonical("key", key)));
                    } else {
                        throw error("unknown change kind " + (kind & 0xFF));
                    }
                }
                if (pos != end) {
                    throw error((end - pos) + " bytes after the last change");
                }
                return new EntryPayload.Commit(first, first + count - 1, id, changes);
            } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
                throw new CodecException("Corrupt compact journal entry: " + e.getMessage() + " at byte "
                        + (pos - offset), e);
            } finally {
                b = null; // the segment is not kept by a thread-local
            }
        }

        private CodecException error(String what) {
            return new CodecException("Corrupt compact journal entry: " + what + " at byte " + pos);
        }

        private void need(int n) {
            if (end - pos < n) {
                throw error("the entry ends inside a value (" + n + " bytes needed, " + (end - pos) + " left)");
            }
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                need(1);
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw error("a number longer than 10 bytes");
        }

        long zigzag() {
            long v = varlong();
            return (v >>> 1) ^ -(v & 1);
        }

        /** A count or length read, bounded by {@code max} and by the bytes left ({@code per} at least each). */
        int count(String what, int max, int per) {
            long v = varlong();
            int n = ImageLimits.check(what, v, max);
            if ((long) n * per > end - pos) {
                throw error(what + " " + n + " exceeds the bytes left (" + (end - pos) + ")");
            }
            return n;
        }

        private String databaseId() {
            need(1);
            int present = b[pos++];
            if (present == 0) {
                return null;
            }
            if (present != 1) {
                throw error("a bad database id marker " + present);
            }
            int n = count("database id length", MAX_NAME_BYTES, 1);
            if (lastId != null && Arrays.equals(lastId, 0, lastId.length, b, pos, pos + n)) {
                pos += n;
                return lastIdString;
            }
            int start = pos;
            String s = text(n);
            lastId = Arrays.copyOfRange(b, start, start + n);
            lastIdString = s;
            return s;
        }

        private String table() {
            int n = count("table name length", MAX_NAME_BYTES, 1);
            if (lastTable != null && Arrays.equals(lastTable, 0, lastTable.length, b, pos, pos + n)) {
                pos += n;
                return lastTableString;
            }
            int start = pos;
            String s = text(n);
            if (s.isEmpty()) {
                throw error("an empty table name");
            }
            lastTable = Arrays.copyOfRange(b, start, start + n);
            lastTableString = s;
            return s;
        }

        /** {@code n} bytes of text (checked to be there), one to three per UTF-16 unit. */
        String text(int n) {
            int start = pos;
            int stop = start + n;
            int i = start;
            while (i < stop && b[i] >= 0) {
                i++;
            }
            if (i == stop) {
                pos = stop;
                return new String(b, start, n, StandardCharsets.ISO_8859_1);
            }
            char[] c = new char[n];
            int k = 0;
            for (i = start; i < stop; k++) {
                int x = b[i] & 0xFF;
                if (x < 0x80) {
                    c[k] = (char) x;
                    i++;
                } else if ((x & 0xE0) == 0xC0 && i + 1 < stop && (b[i + 1] & 0xC0) == 0x80) {
                    int ch = ((x & 0x1F) << 6) | (b[i + 1] & 0x3F);
                    if (ch < 0x80) {
                        throw error("an over-long character");
                    }
                    c[k] = (char) ch;
                    i += 2;
                } else if ((x & 0xF0) == 0xE0 && i + 2 < stop && (b[i + 1] & 0xC0) == 0x80
                        && (b[i + 2] & 0xC0) == 0x80) {
                    int ch = ((x & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
                    if (ch < 0x800) {
                        throw error("an over-long character");
                    }
                    c[k] = (char) ch;
                    i += 3;
                } else {
                    pos = i;
                    throw error("a malformed character");
                }
            }
            pos = stop;
            return new String(c, 0, k);
        }

        /** A record's body; its values nest at {@code depth}. */
        Record recordBody(int depth) {
            int n = count("field count", ImageLimits.MAX_COLLECTION_SIZE, 2);
            need(4);
            int namesLength = (int) INTS.get(b, pos);
            pos += 4;
            if (namesLength < 0 || namesLength > end - pos || namesLength < n) {
                throw error("field names of " + namesLength + " bytes for " + n + " fields");
            }
            RecordShape shape = shape(n, namesLength);
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                values[i] = value(depth);
            }
            return shape.record(values); // converts lists, checks the value rule (IllegalArgumentException)
        }

        /** The shape whose names' block starts at {@code pos}: remembered, or read and checked; skips the block. */
        private RecordShape shape(int n, int length) {
            int start = pos;
            int h = n;
            for (int i = start, stop = start + length; i < stop; i++) {
                h = 31 * h + b[i];
            }
            int slot = (h ^ (h >>> 16)) & (SHAPES - 1);
            byte[] known = shapeBytes[slot];
            RecordShape shape = shapes[slot];
            if (known != null && shape.size() == n && Arrays.equals(known, 0, known.length, b, start, start + length)) {
                pos = start + length;
                return shape;
            }
            int stop = start + length;
            int outerEnd = end;
            end = stop; // the names are read inside their block
            List<String> names = new ArrayList<>(ImageLimits.preallocation(n));
            for (int i = 0; i < n; i++) {
                int len = count("field name length", MAX_NAME_BYTES, 1);
                names.add(text(len));
            }
            if (pos != stop) {
                throw error("field names of " + (stop - pos) + " bytes more than " + n + " names");
            }
            end = outerEnd;
            shape = RecordShape.of(names); // checks the names (rule, repeats): IllegalArgumentException
            shapeBytes[slot] = Arrays.copyOfRange(b, start, stop);
            shapes[slot] = shape;
            return shape;
        }

        Object value(int depth) {
            need(1);
            int tag = b[pos++];
            switch (tag) {
                case T_NULL:
                    return null;
                case T_FALSE:
                    return Boolean.FALSE;
                case T_TRUE:
                    return Boolean.TRUE;
                case T_LONG:
                    return zigzag();
                case T_DOUBLE: {
                    need(8);
                    double d = Double.longBitsToDouble((long) LONGS.get(b, pos));
                    pos += 8;
                    return d;
                }
                case T_STRING:
                    return text(count("string length", MAX_STRING_BYTES, 1));
                case T_DECIMAL: {
                    long scale = zigzag();
                    if (scale < -ImageLimits.MAX_DECIMAL_SCALE || scale > ImageLimits.MAX_DECIMAL_SCALE) {
                        throw error("a decimal scale " + scale + " out of bounds");
                    }
                    int n = count("decimal length", MAX_DECIMAL_BYTES, 1);
                    if (n == 0) {
                        throw error("a decimal without digits");
                    }
                    BigInteger unscaled = new BigInteger(b, pos, n);
                    pos += n;
                    return new BigDecimal(unscaled, (int) scale);
                }
                case T_INSTANT: {
                    long seconds = zigzag();
                    long nanos = varlong();
                    if (nanos < 0 || nanos > 999_999_999L) {
                        throw error("an instant's nanoseconds " + nanos + " out of bounds");
                    }
                    return Instant.ofEpochSecond(seconds, nanos); // DateTimeException past MIN..MAX
                }
                case T_DATE:
                    return LocalDate.ofEpochDay(zigzag()); // DateTimeException out of range
                case T_UUID: {
                    need(16);
                    UUID u = new UUID((long) LONGS.get(b, pos), (long) LONGS.get(b, pos + 8));
                    pos += 16;
                    return u;
                }
                case T_BYTES: {
                    int n = count("byte array length", ImageLimits.MAX_BYTES_LENGTH, 1);
                    byte[] out = Arrays.copyOfRange(b, pos, pos + n);
                    pos += n;
                    return out;
                }
                case T_LIST: {
                    if (depth >= Values.MAX_DEPTH) {
                        throw error("lists and records nest deeper than " + Values.MAX_DEPTH + " levels");
                    }
                    int n = count("list size", ImageLimits.MAX_COLLECTION_SIZE, 1);
                    List<Object> list = new ArrayList<>(ImageLimits.preallocation(n));
                    for (int i = 0; i < n; i++) {
                        list.add(value(depth + 1));
                    }
                    return list;
                }
                case T_RECORD:
                    if (depth >= Values.MAX_DEPTH) {
                        throw error("lists and records nest deeper than " + Values.MAX_DEPTH + " levels");
                    }
                    return recordBody(depth + 1);
                default:
                    throw error("unknown value type " + (tag & 0xFF));
            }
        }
    }
}
