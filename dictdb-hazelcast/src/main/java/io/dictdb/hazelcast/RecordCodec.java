package io.dictdb.hazelcast;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import com.hazelcast.nio.serialization.genericrecord.GenericRecordBuilder;
import io.dictdb.Record;
import io.dictdb.core.journal.ValueBytes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns records into Compact {@link GenericRecord}s and back, exactly. A stored row is a {@value #ROW} holding the
 * insertion sequence ({@value #SEQ}), the field names in the record's order ({@value #NAMES}) and the record itself
 * ({@value #RECORD}, a {@value #FIELDS} with one field per record field). Values Compact holds exactly are typed
 * fields the members can query: STRING, INT64 (Long), FLOAT64 (Double, NaN and -0.0 included), BOOLEAN, DECIMAL,
 * DATE, TIMESTAMP_WITH_TIMEZONE (an Instant at UTC, within OffsetDateTime's range), ARRAY_OF_INT8 (byte[]) and a
 * nested {@value #ROW} for a nested record. Everything else (null, UUID, lists, strings with an unpaired
 * surrogate, instants beyond year 999,999,999) is a nested {@value #VALUE} holding the value in the journal's compact
 * value encoding ({@link ValueBytes}). Each kind of value is stored under its own Compact field name
 * ({@link #stored(char, String)}), so a member-side attribute only ever holds one Java type; {@value #NAMES} holds
 * those stored names in the record's order.
 */
final class RecordCodec {
    /** A stored row: sequence, names and the record. */
    static final String ROW = "dictdb.row";
    /** The record's fields. */
    static final String FIELDS = "dictdb.fields";
    /** A value Compact cannot hold exactly. */
    static final String VALUE = "dictdb.value";
    static final String SEQ = "seq";
    static final String NAMES = "names";
    static final String RECORD = "r";
    static final String BYTES = "bytes";

    private static final OffsetDateTime MIN_TS = OffsetDateTime.MIN.withOffsetSameLocal(ZoneOffset.UTC);
    private static final OffsetDateTime MAX_TS = OffsetDateTime.MAX.withOffsetSameLocal(ZoneOffset.UTC);

    private RecordCodec() {
    }

    /**
     * The stored form of a record.
     *
     * @param record the record (canonical values)
     * @param seq its insertion sequence
     * @return the row
     */
    static GenericRecord row(Record record, long seq) {
        String[] names = new String[record.size()];
        GenericRecordBuilder b = GenericRecordBuilder.compact(FIELDS);
        for (int i = 0; i < names.length; i++) {
            Object v = record.valueAt(i);
            names[i] = storedName(record.fieldAt(i), v);
            set(b, names[i], v);
        }
        return GenericRecordBuilder.compact(ROW)
                .setInt64(SEQ, seq)
                .setArrayOfString(NAMES, names)
                .setGenericRecord(RECORD, b.build())
                .build();
    }

    /**
     * The insertion sequence of a stored row.
     *
     * @param row the row
     * @return the sequence
     */
    static long seq(GenericRecord row) {
        return row.getInt64(SEQ);
    }

    /** The prefix of the Compact field holding each kind of value: a control character, which no DictDB name has. */
    static final char OPAQUE = '\u0001';
    static final char LONG = '\u0002';
    static final char DOUBLE = '\u0003';
    static final char DECIMAL = '\u0004';
    static final char BOOLEAN = '\u0005';
    static final char DATE = '\u0006';
    static final char INSTANT = '\u0007';

    /**
     * The Compact field holding a field's value of one kind. Each kind has its own Compact field (strings the
     * field's own name, the others the name after a control character), so every member-side attribute holds values
     * of one Java type only: Hazelcast converts a predicate's value once, to the type of the first entry it meets,
     * and would compare it wrongly with entries of another type. A value the members cannot compare at all (null,
     * bytes, a nested record, a wrapped value) is {@link #OPAQUE}.
     *
     * @param kind the kind's prefix
     * @param f the field's name
     * @return the Compact field's name
     */
    static String stored(char kind, String f) {
        return kind + f;
    }

    /** The Compact field name a value goes to. */
    private static String storedName(String f, Object v) {
        if (v instanceof String s && wellFormed(s)) {
            return f;
        } else if (v instanceof Long) {
            return stored(LONG, f);
        } else if (v instanceof Double) {
            return stored(DOUBLE, f);
        } else if (v instanceof BigDecimal) {
            return stored(DECIMAL, f);
        } else if (v instanceof Boolean) {
            return stored(BOOLEAN, f);
        } else if (v instanceof LocalDate) {
            return stored(DATE, f);
        } else if (v instanceof Instant t && timestampHolds(t)) {
            return stored(INSTANT, f);
        }
        return stored(OPAQUE, f);
    }

    private static void set(GenericRecordBuilder b, String f, Object v) {
        if (v instanceof String s && wellFormed(s)) {
            b.setString(f, s);
        } else if (v instanceof Long l) {
            b.setInt64(f, l);
        } else if (v instanceof Double d) {
            b.setFloat64(f, d);
        } else if (v instanceof Boolean z) {
            b.setBoolean(f, z);
        } else if (v instanceof BigDecimal d) {
            b.setDecimal(f, d);
        } else if (v instanceof LocalDate d) {
            b.setDate(f, d);
        } else if (v instanceof Instant t && timestampHolds(t)) {
            b.setTimestampWithTimezone(f, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        } else if (v instanceof byte[] bytes) {
            b.setArrayOfInt8(f, bytes);
        } else if (v instanceof Record r) {
            b.setGenericRecord(f, row(r, 0));
        } else {
            b.setGenericRecord(f, wrapped(v));
        }
    }

    /**
     * A value in the journal's encoding, as a {@value #VALUE}.
     *
     * @param v a canonical value
     * @return the compact record
     */
    static GenericRecord wrapped(Object v) {
        return GenericRecordBuilder.compact(VALUE).setArrayOfInt8(BYTES, ValueBytes.encode(v)).build();
    }

    /**
     * Whether an instant fits a TIMESTAMP_WITH_TIMEZONE at UTC.
     *
     * @param t the instant
     * @return true when it does
     */
    static boolean timestampHolds(Instant t) {
        return !t.isBefore(MIN_TS.toInstant()) && !t.isAfter(MAX_TS.toInstant());
    }

    /**
     * Whether a string has no unpaired surrogate (Compact writes UTF-8, which cannot carry one).
     *
     * @param s the string
     * @return true when it survives UTF-8
     */
    static boolean wellFormed(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The record a stored row holds.
     *
     * @param row the row
     * @return the record
     */
    static Record record(GenericRecord row) {
        String[] names = row.getArrayOfString(NAMES);
        GenericRecord fields = row.getGenericRecord(RECORD);
        Map<String, Object> m = new LinkedHashMap<>(Math.max(4, names.length * 2));
        for (String stored : names) {
            String f = stored.isEmpty() || stored.charAt(0) > INSTANT ? stored : stored.substring(1);
            m.put(f, value(fields, stored));
        }
        return Record.of(m);
    }

    private static Object value(GenericRecord g, String f) {
        FieldKind kind = g.getFieldKind(f);
        switch (kind) {
            case STRING:
                return g.getString(f);
            case INT64:
                return g.getInt64(f);
            case FLOAT64:
                return g.getFloat64(f);
            case BOOLEAN:
                return g.getBoolean(f);
            case DECIMAL:
                return g.getDecimal(f);
            case DATE:
                return g.getDate(f);
            case TIMESTAMP_WITH_TIMEZONE:
                return g.getTimestampWithTimezone(f).toInstant();
            case ARRAY_OF_INT8:
                return g.getArrayOfInt8(f);
            case COMPACT: {
                GenericRecord nested = g.getGenericRecord(f);
                if (nested == null) {
                    return null;
                }
                if (nested.getFieldKind(BYTES) == FieldKind.ARRAY_OF_INT8) {
                    return ValueBytes.decode(nested.getArrayOfInt8(BYTES));
                }
                return record(nested);
            }
            default:
                throw new IllegalStateException("Field '" + f + "' of a stored record has the Compact kind " + kind
                        + ", which DictDB never writes");
        }
    }

    /** Names whose characters Hazelcast object names take as they are. */
    static String objectName(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                sb.append(c);
            } else {
                sb.append('~').append(String.format("%04x", (int) c));
            }
        }
        return sb.toString();
    }

    static List<String> names(GenericRecord row) {
        return List.of(row.getArrayOfString(NAMES));
    }
}
