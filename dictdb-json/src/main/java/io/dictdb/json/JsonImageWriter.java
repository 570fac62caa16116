package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.spi.AbstractImageWriter;
import io.dictdb.spi.Change;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.List;

/** Writes one JSON image, streaming. */
final class JsonImageWriter extends AbstractImageWriter {
    private final JsonGenerator g;

    JsonImageWriter(JsonGenerator g) {
        super("JSON image writer");
        this.g = g;
    }

    @Override
    protected void doWriteHeader(ImageHeader h) throws IOException {
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
            if (h.databaseId() != null) { // absent rather than null: files without it stay as they were
                g.writeStringProperty("db", h.databaseId());
            }
            g.writeEndObject();
            g.writeRaw('\n');
            g.writeName(h.kind() == ImageKind.FULL ? "tables" : "changes");
            g.writeStartArray();
        } catch (JacksonException e) {
            throw failure(e);
        }
    }

    @Override
    protected void doBeginTable(TableDefinition definition) throws IOException {
        try {
            g.writeRaw('\n');
            g.writeStartObject();
            JsonValues.writeDefinition(g, definition);
            g.writeName("records");
            g.writeStartArray();
        } catch (JacksonException e) {
            throw failure(e);
        }
    }

    @Override
    protected void doWriteRecord(Record record) throws IOException {
        try {
            g.writeRaw('\n');
            JsonValues.writeRecord(g, record);
        } catch (JacksonException e) {
            throw failure(e);
        } catch (CodecException e) {
            throw new CodecException("table '" + currentTable().name() + "': " + e.getMessage(), e);
        }
    }

    @Override
    protected void doEndTable() throws IOException {
        try {
            g.writeEndArray();
            g.writeEndObject();
        } catch (JacksonException e) {
            throw failure(e);
        }
    }

    @Override
    protected void doWriteChange(Change change) throws IOException {
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
    protected void doWriteTableStates(List<TableState> states) throws IOException {
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
        } catch (JacksonException e) {
            throw failure(e);
        }
    }

    /**
     * A delta's commits as {@code "commits":[[first,last],...]} after its table states; left out when there are
     * none, so that such a delta stays as it was written before commits were recorded (and older readers read it).
     */
    @Override
    protected void doWriteCommits(List<CommitRange> commits) throws IOException {
        if (commits.isEmpty()) {
            return;
        }
        try {
            g.writeRaw('\n');
            g.writeName("commits");
            g.writeStartArray();
            for (CommitRange c : commits) {
                g.writeStartArray();
                g.writeNumber(c.first());
                g.writeNumber(c.last());
                g.writeEndArray();
            }
            g.writeEndArray();
        } catch (JacksonException e) {
            throw failure(e);
        }
    }

    @Override
    protected void doFinish() throws IOException {
        try {
            g.writeEndObject();
            g.flush();
        } catch (JacksonException e) {
            throw failure(e);
        }
    }

    @Override
    protected void doClose() throws IOException {
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
