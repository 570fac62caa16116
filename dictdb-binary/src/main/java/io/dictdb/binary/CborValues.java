package io.dictdb.binary;

import io.dictdb.Record;
import io.dictdb.spi.ImageLimits;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.UUID;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.cbor.CBORParser;

/**
 * Reading values as the cbor codec writes them ({@link CborCodec}'s value types and tags), from the parser of one
 * {@link CborImageReader}: records and nested maps, lists, the tagged scalars, with the limits of
 * {@link ImageLimits}. A bad value is thrown as a {@link DecodeError}, which the image reader turns into a
 * {@code CodecException} naming where in the image it was; the image's structure (header, tables, changes, states)
 * stays with the image reader.
 */
final class CborValues {
    private final CBORParser p;

    CborValues(CBORParser p) {
        this.p = p;
    }

    /** A token for a message: its name, or the end of the input. */
    static String describe(JsonToken t) {
        return t == null ? "the end of the input" : t.toString();
    }

    /**
     * CBOR text as read: Jackson decodes the UTF-8 form of a lone surrogate without complaint, but such text is not
     * valid UTF-8 and this codec never writes it (a string holding one is a tagged byte string), and a database
     * holding it could not be saved again: refused.
     */
    static String text(String s) {
        if (CborImageWriter.hasUnpairedSurrogate(s)) {
            throw new DecodeError("text that is not valid UTF-8 (an unpaired surrogate)");
        }
        return s;
    }

    /** A record (or nested map) whose START_OBJECT is the current token. */
    Record readRecord(int depth) {
        ArrayList<Object> pairs = new ArrayList<>(16);
        LinkedHashMap<String, Object> map = null;
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
            if (t != JsonToken.PROPERTY_NAME) {
                throw new DecodeError("expected a field name, found " + describe(t));
            }
            if (++n > ImageLimits.MAX_COLLECTION_SIZE) {
                throw new DecodeError("more than " + ImageLimits.MAX_COLLECTION_SIZE + " fields");
            }
            String name = p.currentName();
            if (CborImageWriter.hasUnpairedSurrogate(name)) {
                throw new DecodeError("a field name that is not valid UTF-8 text (an unpaired surrogate)");
            }
            p.nextToken();
            Object value;
            try {
                value = readValue(depth);
            } catch (DecodeError e) {
                throw e.field(name);
            }
            if (map == null && n > 16) {
                map = new LinkedHashMap<>();
                for (int i = 0; i < pairs.size(); i += 2) {
                    map.put((String) pairs.get(i), pairs.get(i + 1));
                }
                pairs = null;
            }
            if (map != null) {
                if (map.containsKey(name)) {
                    throw new DecodeError("field '" + KryoWire.abbreviate(name) + "' appears twice");
                }
                map.put(name, value);
            } else {
                pairs.add(name);
                pairs.add(value);
            }
        }
        try {
            return map != null ? Record.of(map) : Record.of(pairs.toArray());
        } catch (IllegalArgumentException e) {
            throw new DecodeError(e.getMessage());
        }
    }

    /** The value whose first token is the current token. */
    Object readValue(int depth) {
        JsonToken t = p.currentToken();
        int tag = p.getCurrentTag();
        if (t == null) {
            throw new DecodeError("the input ends within a value");
        }
        switch (t) {
            case VALUE_NULL:
                untagged(tag);
                return null;
            case VALUE_TRUE:
                untagged(tag);
                return Boolean.TRUE;
            case VALUE_FALSE:
                untagged(tag);
                return Boolean.FALSE;
            case VALUE_STRING:
                untagged(tag);
                return text(p.getString());
            case VALUE_NUMBER_INT:
                if (tag == CborImageWriter.TAG_DATE) {
                    JsonParser.NumberType type = p.getNumberType();
                    if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
                        throw new DecodeError("a date out of range");
                    }
                    long day = p.getLongValue();
                    try {
                        return LocalDate.ofEpochDay(day);
                    } catch (DateTimeException e) {
                        throw new DecodeError("invalid date (epoch day " + day + ")");
                    }
                }
                untagged(tag);
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return decimal(new BigDecimal(p.getBigIntegerValue()));
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                untagged(tag);
                if (p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
                    return decimal(p.getDecimalValue());
                }
                return p.getDoubleValue();
            case VALUE_EMBEDDED_OBJECT: {
                Object o = p.getEmbeddedObject();
                if (!(o instanceof byte[] bytes)) {
                    throw new DecodeError("unsupported value");
                }
                if (tag == CborImageWriter.TAG_UTF16) {
                    if (bytes.length % 2 != 0 || bytes.length / 2 > ImageLimits.MAX_STRING_LENGTH) {
                        throw new DecodeError("a UTF-16 string of " + bytes.length + " bytes");
                    }
                    char[] chars = new char[bytes.length / 2];
                    for (int i = 0; i < chars.length; i++) {
                        chars[i] = (char) (((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF));
                    }
                    return new String(chars);
                }
                if (tag == CborImageWriter.TAG_UUID) {
                    if (bytes.length != 16) {
                        throw new DecodeError("a UUID of " + bytes.length + " bytes");
                    }
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    return new UUID(b.getLong(), b.getLong());
                }
                untagged(tag);
                if (bytes.length > ImageLimits.MAX_BYTES_LENGTH) {
                    throw new DecodeError("a byte array of " + bytes.length + " bytes is over the limit of "
                            + ImageLimits.MAX_BYTES_LENGTH);
                }
                return bytes;
            }
            case START_ARRAY: {
                untagged(tag);
                checkDepth(depth);
                ArrayList<Object> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new DecodeError("the input ends within a list");
                    }
                    if (list.size() >= ImageLimits.MAX_COLLECTION_SIZE) {
                        throw new DecodeError("more than " + ImageLimits.MAX_COLLECTION_SIZE + " elements in a list");
                    }
                    try {
                        list.add(readValue(depth + 1));
                    } catch (DecodeError x) {
                        throw x.index(list.size());
                    }
                }
                return list;
            }
            case START_OBJECT:
                if (tag == CborImageWriter.TAG_INSTANT) {
                    return readInstant();
                }
                untagged(tag);
                checkDepth(depth);
                return readRecord(depth + 1);
            default:
                throw new DecodeError("unexpected " + t);
        }
    }

    private Instant readInstant() {
        expectName("1");
        long seconds = nextInteger("the seconds of an instant");
        expectName("-9");
        long nanos = nextInteger("the nanoseconds of an instant");
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw new DecodeError("an instant with more than seconds and nanoseconds");
        }
        if (nanos < 0 || nanos > 999_999_999) {
            throw new DecodeError("invalid nanoseconds " + nanos + " in an instant");
        }
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException | ArithmeticException e) {
            throw new DecodeError("invalid instant (" + seconds + " s)");
        }
    }

    private void expectName(String name) {
        if (p.nextToken() != JsonToken.PROPERTY_NAME || !name.equals(p.currentName())) {
            throw new DecodeError("an instant without its field " + name);
        }
    }

    private long nextInteger(String what) {
        JsonToken t = p.nextToken();
        JsonParser.NumberType type = t == JsonToken.VALUE_NUMBER_INT ? p.getNumberType() : null;
        if (p.getCurrentTag() != -1 || (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG)) {
            throw new DecodeError(what + " is not a long integer");
        }
        return p.getLongValue();
    }

    private static BigDecimal decimal(BigDecimal d) {
        if (d.unscaledValue().bitLength() > Limits.MAX_DECIMAL_BITS
                || Math.abs((long) d.scale()) > ImageLimits.MAX_DECIMAL_SCALE) {
            throw new DecodeError("a decimal beyond the limits of " + ImageLimits.MAX_DECIMAL_DIGITS
                    + " digits and scale " + ImageLimits.MAX_DECIMAL_SCALE);
        }
        return d;
    }

    private static void untagged(int tag) {
        if (tag != -1) {
            throw new DecodeError("unsupported CBOR tag " + tag);
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= ImageLimits.MAX_DEPTH) {
            throw new DecodeError("lists and maps nest deeper than " + ImageLimits.MAX_DEPTH + " levels");
        }
    }
}
