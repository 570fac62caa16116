package io.dictdb.binary;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.spi.AbstractImageWriter;
import io.dictdb.spi.Change;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageWriter;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import net.jpountz.lz4.LZ4Exception;

/**
 * Writes one image in the kryo format, version 2: the magic bytes, then one LZ4 frame ({@link Lz4FrameWriter})
 * holding the header, the tables and their records (a shape tag, then the values) or the changes, the table states
 * and an end marker, all encoded by {@link KryoWire}. The LZ4 compression runs on a helper thread
 * ({@link CompressingPipe}) while this one encodes.
 */
final class KryoImageWriter extends AbstractImageWriter {
    private final OutputStream target;
    private CompressingPipe pipe;
    private Output output;
    private KryoWire.Out wire;

    KryoImageWriter(OutputStream target) {
        super("kryo image writer");
        this.target = Objects.requireNonNull(target, "out");
    }

    @Override
    protected void doWriteHeader(ImageHeader header) throws IOException {
        target.write(KryoCodec.MAGIC);
        pipe = new CompressingPipe(new Lz4FrameWriter(ImageWriter.shield(target)));
        output = new Output(pipe, 64 * 1024);
        wire = new KryoWire.Out(output);
        run(() -> {
            output.writeVarInt(header.formatVersion(), true);
            // the kind byte's second bit says a database id follows the creation time (absent in older files)
            output.writeByte((header.kind() == ImageKind.FULL ? 0 : 1)
                    | (header.databaseId() == null ? 0 : KryoCodec.HAS_DATABASE_ID));
            output.writeVarLong(header.firstSequence(), true);
            output.writeVarLong(header.lastSequence(), true);
            writeOptional(header.imageId());
            writeOptional(header.baseImageId());
            output.writeVarLong(header.createdAt().getEpochSecond(), false);
            output.writeVarInt(header.createdAt().getNano(), true);
            if (header.databaseId() != null) {
                wire.writeString(header.databaseId(), Limits.MAX_NAME_BYTES, "a database id");
            }
        });
    }

    private void writeOptional(String s) {
        if (s == null) {
            output.writeByte(0);
        } else {
            output.writeByte(1);
            wire.writeString(s, Limits.MAX_NAME_BYTES, "an image id");
        }
    }

    @Override
    protected void doBeginTable(TableDefinition definition) throws IOException {
        run(() -> {
            output.writeByte(KryoCodec.NEXT);
            wire.writeDefinition(definition);
        });
    }

    @Override
    protected void doWriteRecord(Record record) throws IOException {
        try {
            // called once per record: no lambda through run(), whose allocation showed in the profile
            try {
                wire.writeRecord(record);
            } catch (KryoException | LZ4Exception e) {
                throw translate(e);
            }
        } catch (CodecException e) {
            throw new CodecException("Table '" + currentTable().name() + "': " + e.getMessage(), e);
        }
    }

    @Override
    protected void doEndTable() throws IOException {
        run(wire::writeEndOfRecords);
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
            output.writeByte(KryoCodec.C_UPSERT);
            output.writeVarLong(u.sequence(), true);
            wire.writeName(u.table());
            wire.writeFields(u.record(), 0);
        } else if (change instanceof Change.Delete d) {
            output.writeByte(KryoCodec.C_DELETE);
            output.writeVarLong(d.sequence(), true);
            wire.writeName(d.table());
            wire.writeValue(d.key(), 0);
        } else if (change instanceof Change.CreateTable c) {
            output.writeByte(KryoCodec.C_CREATE_TABLE);
            output.writeVarLong(c.sequence(), true);
            wire.writeDefinition(c.definition());
        } else if (change instanceof Change.DropTable d) {
            output.writeByte(KryoCodec.C_DROP_TABLE);
            output.writeVarLong(d.sequence(), true);
            wire.writeName(d.table());
        } else if (change instanceof Change.CreateIndex c) {
            output.writeByte(KryoCodec.C_CREATE_INDEX);
            output.writeVarLong(c.sequence(), true);
            wire.writeName(c.table());
            wire.writeIndex(c.index());
        } else if (change instanceof Change.DropIndex d) {
            output.writeByte(KryoCodec.C_DROP_INDEX);
            output.writeVarLong(d.sequence(), true);
            wire.writeName(d.table());
            wire.writeName(d.field());
        } else {
            throw new CodecException("Cannot write a change of type " + change.getClass().getName());
        }
    }

    @Override
    protected void doWriteTableStates(List<TableState> states) throws IOException {
        run(() -> {
            output.writeByte(KryoCodec.END);
            output.writeVarInt(states.size(), true);
            for (TableState s : states) {
                wire.writeName(s.table());
                output.writeVarLong(s.nextKey(), true);
            }
        });
    }

    /** A delta's commits after its table states ({@link KryoCodec#COMMITS}); nothing when there are none. */
    @Override
    protected void doWriteCommits(List<CommitRange> commits) throws IOException {
        if (commits.isEmpty()) {
            return;
        }
        run(() -> {
            output.writeByte(KryoCodec.COMMITS);
            output.writeVarInt(commits.size(), true);
            for (CommitRange c : commits) {
                output.writeVarLong(c.first(), true);
                output.writeVarLong(c.last() - c.first(), true);
            }
        });
    }

    @Override
    protected void doFinish() throws IOException {
        run(() -> {
            output.writeByte(KryoCodec.EOF);
            output.flush();
        });
        try {
            pipe.finish();
        } catch (LZ4Exception e) {
            throw new CodecException("LZ4 compression failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected void doClose() {
        if (pipe != null) {
            pipe.close();
        }
    }

    /** Runs encoding steps, giving back an I/O failure of the stream as the IOException it was. */
    private static void run(Runnable step) throws IOException {
        try {
            step.run();
        } catch (KryoException | LZ4Exception e) {
            throw translate(e);
        }
    }

    /** A Kryo or LZ4 failure as the IOException it wraps, or else a {@link CodecException}. */
    private static IOException translate(RuntimeException e) throws CodecException {
        if (e instanceof KryoException) {
            if (e.getCause() instanceof IOException io) {
                return io;
            }
            throw new CodecException("Kryo encoding failed: " + e.getMessage(), e);
        }
        throw new CodecException("LZ4 compression failed: " + e.getMessage(), e);
    }
}
