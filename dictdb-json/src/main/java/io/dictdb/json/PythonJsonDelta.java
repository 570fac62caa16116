package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.spi.Change;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.TableState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A delta file of the Python DictDB: {@code {"type":"delta","timestamp":<epoch seconds>,"tables":{"<name>":
 * {"upserts":[records],"deletes":[keys]}}}}. It is read whole when its header is read, since its time may come
 * after its changes; per table in file order come its upserts, then its deletes, as Python applies them, numbered
 * from 1. Values are untagged; it carries no key counters. Its header is
 * {@link ImageHeader#FOREIGN_FORMAT_VERSION}, created at the file's timestamp.
 */
final class PythonJsonDelta implements JsonImageFormat {
    /** The most changes of a Python delta, which is held whole in memory. */
    static final int MAX_CHANGES = 10_000_000;

    private final ImageHeader header;
    private final Deque<Change> changes;

    private PythonJsonDelta(ImageHeader header, Deque<Change> changes) {
        this.header = header;
        this.changes = changes;
    }

    /**
     * Reads a whole delta whose {@code "type"} name has been read, to the end of its object.
     *
     * @param p the parser, at the name {@code "type"}
     * @return the delta
     */
    static PythonJsonDelta read(JsonParser p) {
        String type = JsonValues.readString(p, "type");
        if (!type.equals("delta")) {
            throw new CodecException("not a Python DictDB delta (type '" + JsonValues.abbreviate(type) + "')");
        }
        Deque<Change> changes = new ArrayDeque<>();
        Instant created = Instant.EPOCH;
        boolean sawTables = false;
        int tables = 0;
        long seq = 0;
        String name;
        while ((name = p.nextName()) != null) {
            if (name.equals("timestamp")) {
                created = readTimestamp(p);
            } else if (name.equals("tables")) {
                sawTables = true;
                JsonValues.expect(p, p.nextToken(), JsonToken.START_OBJECT);
                String t;
                while ((t = p.nextName()) != null) {
                    tables = ImageLimits.check("tables", tables + 1L, ImageLimits.MAX_TABLES);
                    seq = readTable(p, t, changes, seq);
                }
            } else {
                p.nextToken();
                p.skipChildren();
            }
        }
        if (!sawTables) {
            throw new CodecException("a Python delta without \"tables\"");
        }
        return new PythonJsonDelta(new ImageHeader(ImageHeader.FOREIGN_FORMAT_VERSION, ImageKind.DELTA, 1, seq, null,
                null, created), changes);
    }

    /** Python's {@code time.time()}: seconds since the epoch, with a fraction. */
    private static Instant readTimestamp(JsonParser p) {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw new CodecException("the delta's timestamp must be a number");
        }
        BigDecimal ts = p.getDecimalValue();
        ImageLimits.check("timestamp", ts.abs().longValue(), Integer.MAX_VALUE);
        long secs = ts.longValue();
        long nanos = ts.subtract(BigDecimal.valueOf(secs)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(secs, nanos);
    }

    /** One table's upserts and deletes, added to {@code changes} numbered after {@code seq}; returns the last. */
    private static long readTable(JsonParser p, String t, Deque<Change> changes, long seq) {
        JsonValues.expect(p, p.nextToken(), JsonToken.START_OBJECT);
        List<Change> upserts = new ArrayList<>();
        List<Change> deletes = new ArrayList<>();
        String part;
        while ((part = p.nextName()) != null) {
            boolean up = part.equals("upserts");
            if (!up && !part.equals("deletes")) {
                throw new CodecException("unknown delta property '" + part + "' of table '" + t + "'");
            }
            JsonValues.expect(p, p.nextToken(), JsonToken.START_ARRAY);
            JsonToken v;
            while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                ImageLimits.check("delta changes", changes.size() + upserts.size() + deletes.size() + 1L,
                        MAX_CHANGES);
                Object value = JsonValues.readValue(p, v, up ? 0 : 1, false);
                if (up) {
                    upserts.add(new Change.Upsert(0, t, JsonValues.toRecord(value, t)));
                } else {
                    if (value == null) {
                        throw new CodecException("table '" + t + "': a null key in the deletes");
                    }
                    deletes.add(new Change.Delete(0, t, value));
                }
            }
        }
        // Python applies a table's upserts, then its deletes.
        for (Change c : upserts) {
            changes.add(new Change.Upsert(++seq, t, ((Change.Upsert) c).record()));
        }
        for (Change c : deletes) {
            changes.add(new Change.Delete(++seq, t, ((Change.Delete) c).key()));
        }
        return seq;
    }

    @Override
    public ImageHeader header() {
        return header;
    }

    @Override
    public Change nextChange() {
        return changes.poll();
    }

    @Override
    public List<TableState> tableStates() {
        return new ArrayList<>();
    }

    @Override
    public void finish() {
        // read to the end of its object with the header
    }
}
