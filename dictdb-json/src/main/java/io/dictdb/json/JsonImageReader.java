package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.spi.AbstractImageReader;
import io.dictdb.spi.Change;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.util.List;

/**
 * Reads one JSON image, pull style. The first property of the top-level object tells the layout:
 * {@code "dictdb"} is this library's ({@link NativeJsonImage}), {@code "tables"} a Python DictDB save
 * ({@link PythonJsonSave}) and {@code "type"} a Python DictDB delta ({@link PythonJsonDelta}); the layout reads the
 * rest. This class keeps what they share: the call order, turning Jackson's and the JDK's exceptions into
 * {@link CodecException}s that say where, and refusing content after the image.
 */
final class JsonImageReader extends AbstractImageReader {
    private final JsonParser p;
    private JsonImageFormat format;

    JsonImageReader(JsonParser p) {
        super("JSON image reader");
        this.p = p;
    }

    private <T> T guard(Step<T> step) throws IOException {
        try {
            return step.run();
        } catch (StreamConstraintsException e) {
            throw new CodecException("JSON image exceeds a limit: " + e.getOriginalMessage() + " (corrupt or hostile "
                    + "input)", e);
        } catch (JacksonException e) {
            if (e.getCause() instanceof CodecException c) {
                throw c;
            }
            if (e.getCause() instanceof java.io.CharConversionException bad) {
                // bytes that are not text in the encoding Jackson detected (e.g. "{\0\0\0" read as UTF-32): bad
                // input, not an I/O failure
                throw new CodecException("invalid JSON image: " + bad.getMessage(), bad);
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new CodecException("invalid JSON image: " + e.getOriginalMessage() + " at " + location(), e);
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw new CodecException("invalid JSON image: " + e.getMessage() + " at " + location(), e);
        } catch (StackOverflowError e) {
            throw new CodecException("JSON image nests too deeply", e);
        }
    }

    private String location() {
        try {
            return JsonValues.where(p);
        } catch (RuntimeException e) {
            return "an unknown position";
        }
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    @Override
    protected ImageHeader doReadHeader() throws IOException {
        return guard(() -> {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new CodecException("empty input: not a JSON image");
            }
            JsonValues.expect(p, t, JsonToken.START_OBJECT);
            String name = p.nextName();
            format = switch (name == null ? "}" : name) {
                case "dictdb" -> NativeJsonImage.open(p);
                case "tables" -> PythonJsonSave.open(p);
                case "type" -> PythonJsonDelta.read(p);
                default -> throw new CodecException("not a DictDB image (it starts with \"" + (name == null ? "}"
                        : name) + "\")");
            };
            return format.header();
        });
    }

    @Override
    protected TableDefinition doNextTable() throws IOException {
        return guard(format::nextTable);
    }

    @Override
    protected Record doNextRecord() throws IOException {
        TableDefinition table = currentTable();
        return guard(() -> format.nextRecord(table));
    }

    @Override
    protected Change doNextChange() throws IOException {
        return guard(format::nextChange);
    }

    @Override
    protected List<TableState> doReadTableStates() throws IOException {
        return guard(format::tableStates);
    }

    @Override
    protected List<CommitRange> doReadCommits() throws IOException {
        return guard(format::commits);
    }

    @Override
    protected void doFinish() throws IOException {
        guard(() -> {
            format.finish();
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new CodecException("content after the end of the image: " + after + " at "
                        + JsonValues.where(p));
            }
            return null;
        });
    }

    @Override
    protected void doClose() throws IOException {
        try {
            p.close();
        } catch (JacksonException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
    }
}
