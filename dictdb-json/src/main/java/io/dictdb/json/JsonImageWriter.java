package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.spi.Change;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageWriter;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.List;

/** Writes one JSON image, streaming. */
final class JsonImageWriter implements ImageWriter {
    private enum State { START, BODY, TABLE, STATES, FINISHED }

    private final JsonGenerator g;
    private State state = State.START;
    private ImageKind kind;
    private String table;

    JsonImageWriter(JsonGenerator g) {
        this.g = g;
    }

    private void require(State expected, String call) {
        if (state != expected) {
            throw new IllegalStateException(call + " called in state " + state + " (expected " + expected + ")");
        }
    }

    @Override
    public void writeHeader(ImageHeader h) throws IOException {
        require(State.START, "writeHeader");
        try {
            g.writeStartObject();
            g.writeStringProperty("dictdb", "image");
            g.writeName("header");
            g.writeStartObject();
            g.writeNumberProperty("format", h.formatVersion());
            g.writeStringProperty("kind", h.kind().name());
            g.writeNumberProperty("first", h.firstSequence());
            g.writeNumberProperty("last", h.lastSequence());
            g.writeStringProperty("id", h.imageId());
            g.writeStringProperty("base", h.baseImageId());
            g.writeStringProperty("created", h.createdAt().toString());
            g.writeEndObject();
            g.writeRaw('\n');
            g.writeName(h.kind() == ImageKind.FULL ? "tables" : "changes");
            g.writeStartArray();
            kind = h.kind();
            state = State.BODY;
        } catch (JacksonException e) {
            throw failure(e);
        }
    }

    @Override
    public void beginTable(TableDefinition definition) throws IOException {
        require(State.BODY, "beginTable");
        if (kind != ImageKind.FULL) {
            throw new IllegalStateException("beginTable in a " + kind + " image");
        }
        try {
            g.writeRaw('\n');
            g.writeStartObject();
            JsonValues.writeDefinition(g, definition);
            g.writeName("records");
            g.writeStartArray();
            table = definition.name();
            state = State.TABLE;
        } catch (JacksonException e) {
            throw failure(e);
        }
    }

    @Override
    public void writeRecord(Record record) throws IOException {
        require(State.TABLE, "writeRecord");
        try {
            g.writeRaw('\n');
            JsonValues.writeRecord(g, record);
        } catch (JacksonException e) {
            throw failure(e);
        } catch (CodecException e) {
            throw new CodecException("table '" + table + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void endTable() throws IOException {
        require(State.TABLE, "endTable");
        try {
            g.writeEndArray();
            g.writeEndObject();
            state = State.BODY;
        } catch (JacksonException e) {
            throw failure(e);
        }
    }

    @Override
    public void writeChange(Change change) throws IOException {
        require(State.BODY, "writeChange");
        if (kind != ImageKind.DELTA) {
            throw new IllegalStateException("writeChange in a " + kind + " image");
        }
        try {
            g.writeRaw('\n');
            g.writeStartObject();
            g.writeNumberProperty("seq", change.sequence());
            if (change instanceof Change.Upsert u) {
                g.writeStringProperty("op", "upsert");
                g.writeStringProperty("table", u.table());
                g.writeName("record");
                JsonValues.writeRecord(g, u.record());
            } else if (change instanceof Change.Delete d) {
                g.writeStringProperty("op", "delete");
                g.writeStringProperty("table", d.table());
                g.writeName("key");
                JsonValues.writeValue(g, d.key(), 1, "key");
            } else if (change instanceof Change.CreateTable c) {
                g.writeStringProperty("op", "createTable");
                g.writeName("definition");
                g.writeStartObject();
                JsonValues.writeDefinition(g, c.definition());
                g.writeEndObject();
            } else if (change instanceof Change.DropTable d) {
                g.writeStringProperty("op", "dropTable");
                g.writeStringProperty("table", d.table());
            } else if (change instanceof Change.CreateIndex c) {
                g.writeStringProperty("op", "createIndex");
                g.writeStringProperty("table", c.table());
                g.writeName("index");
                JsonValues.writeIndex(g, c.index());
            } else if (change instanceof Change.DropIndex d) {
                g.writeStringProperty("op", "dropIndex");
                g.writeStringProperty("table", d.table());
                g.writeStringProperty("field", d.field());
            } else {
                throw new CodecException("unknown change " + change.getClass().getName());
            }
            g.writeEndObject();
        } catch (JacksonException e) {
            throw failure(e);
        } catch (CodecException e) {
            throw new CodecException("change " + change.sequence() + " of table '" + change.table() + "': "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void writeTableStates(List<TableState> states) throws IOException {
        require(State.BODY, "writeTableStates");
        try {
            g.writeEndArray();
            g.writeRaw('\n');
            g.writeName("tableStates");
            g.writeStartArray();
            for (TableState s : states) {
                g.writeStartObject();
                g.writeStringProperty("table", s.table());
                g.writeNumberProperty("nextKey", s.nextKey());
                g.writeEndObject();
            }
            g.writeEndArray();
            state = State.STATES;
        } catch (JacksonException e) {
            throw failure(e);
        }
    }

    @Override
    public void finish() throws IOException {
        require(State.STATES, "finish");
        try {
            g.writeEndObject();
            g.flush();
            state = State.FINISHED;
        } catch (JacksonException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            g.close();
        } catch (JacksonException e) {
            throw failure(e);
        }
    }

    private static IOException failure(JacksonException e) {
        return e.getCause() instanceof IOException io ? io : new IOException(e.getOriginalMessage(), e);
    }
}
