package io.dictdb.binary;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.spi.Change;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.DeltaCommits;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import net.jpountz.lz4.LZ4Exception;

/**
 * Reads one kryo image of format 1 or 2 (see {@link KryoImageWriter}), streaming: the LZ4 frame is decompressed by
 * {@link Lz4FrameReader} with the safe (pure Java, bounds-checked) decompressor, block by block, and each call
 * decodes only what it returns. The two formats differ only in how a full image's records are laid out.
 */
final class KryoImageReader extends BinaryImageReader {
    private Input input;
    private KryoWire.In wire;
    /** {@link KryoCodec#FORMAT_1} or {@link KryoCodec#FORMAT_2}, from the magic bytes. */
    private int format;
    /** The header read. */
    private ImageHeader header;
    /** Whether {@link #doReadCommits()} read the end marker (a delta without commits). */
    private boolean ended;

    KryoImageReader(InputStream in) {
        super("kryo", in);
    }

    @Override
    protected ImageHeader doReadHeader() throws IOException {
        byte[] magic = new byte[KryoCodec.MAGIC.length];
        int have = 0;
        while (have < magic.length) {
            int n = source.read(magic, have, magic.length - have);
            if (n < 0) {
                throw new CodecException("Truncated kryo image: it ends within its " + magic.length
                        + " magic bytes");
            }
            have += n;
        }
        if (!Arrays.equals(magic, 0, 4, KryoCodec.MAGIC, 0, 4)) {
            throw new CodecException("Not a kryo image: bad magic bytes");
        }
        format = magic[4];
        if (format != KryoCodec.FORMAT_1 && format != KryoCodec.FORMAT_2) {
            throw new CodecException("Unsupported kryo format version " + (format & 0xFF) + " (this library reads "
                    + "versions " + KryoCodec.FORMAT_1 + " and " + KryoCodec.FORMAT_2 + ")");
        }
        Lz4FrameReader frame = new Lz4FrameReader(source);
        ImageHeader header = call(() -> {
            input = new Input(frame, 64 * 1024);
            wire = new KryoWire.In(input);
            int version = input.readVarInt(true);
            int kindByte = wire.readByte();
            if ((kindByte & ~(1 | KryoCodec.HAS_DATABASE_ID)) != 0) {
                throw new CodecException("Corrupt kryo image: unknown image kind " + kindByte);
            }
            int kind = kindByte & 1;
            long first = input.readVarLong(true);
            long last = input.readVarLong(true);
            String id = readOptional();
            String base = readOptional();
            long seconds = input.readVarLong(false);
            int nanos = input.readVarInt(true);
            String database = (kindByte & KryoCodec.HAS_DATABASE_ID) == 0 ? null
                    : wire.readString(ImageHeader.MAX_ID_LENGTH * 3, "a database id");
            try {
                return new ImageHeader(version, kind == 0 ? ImageKind.FULL : ImageKind.DELTA, first, last, id, base,
                        Instant.ofEpochSecond(seconds, nanos), database);
            } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
                throw new CodecException("Corrupt kryo image: invalid header: " + e.getMessage(), e);
            }
        });
        if (header.formatVersion() != ImageHeader.FORMAT_VERSION) {
            throw new CodecException("Unsupported kryo image format version " + header.formatVersion()
                    + " (this library reads version " + ImageHeader.FORMAT_VERSION + ")");
        }
        this.header = header;
        return header;
    }

    private String readOptional() {
        int present = wire.readByte();
        if (present == 0) {
            return null;
        }
        if (present != 1) {
            throw new CodecException("Corrupt kryo image: bad marker " + present + " in the header");
        }
        return wire.readString(ImageHeader.MAX_ID_LENGTH * 3, "an image id");
    }

    @Override
    protected TableDefinition doNextTable() throws IOException {
        records = 0;
        return call(() -> {
            int marker = wire.readByte();
            if (marker == KryoCodec.END) {
                return null;
            }
            if (marker != KryoCodec.NEXT) {
                throw new CodecException("Corrupt kryo image: unexpected byte " + marker + " where a table starts");
            }
            TableDefinition definition = wire.readDefinition();
            tables++;
            return definition;
        });
    }

    @Override
    protected Record doNextRecord() throws IOException {
        if (format == KryoCodec.FORMAT_2) {
            // called once per record: no lambda through call(), whose allocation showed in the profile
            try {
                int tag = input.readVarInt(true);
                if (tag == KryoWire.R_END) {
                    return null;
                }
                records++;
                return wire.readRecord(tag);
            } catch (KryoException | LZ4Exception | DecodeError e) {
                throw translate(e);
            }
        }
        return call(() -> {
            int marker = wire.readByte();
            if (marker == KryoCodec.END) {
                return null;
            }
            if (marker != KryoCodec.NEXT) {
                throw new CodecException("Corrupt kryo image: unexpected byte " + marker + " after record "
                        + records + " of table '" + currentTable().name() + "'");
            }
            records++;
            return wire.readFields(0);
        });
    }

    @Override
    protected Change doNextChange() throws IOException {
        return call(() -> {
            int op = wire.readByte();
            if (op == KryoCodec.END) {
                return null;
            }
            long seq = input.readVarLong(true);
            sequence = seq;
            try {
                switch (op) {
                    case KryoCodec.C_UPSERT: {
                        String t = wire.readName();
                        return new Change.Upsert(seq, t, wire.readFields(0));
                    }
                    case KryoCodec.C_DELETE: {
                        String t = wire.readName();
                        Object key = wire.readValue(0);
                        if (key == null) {
                            throw new CodecException("Corrupt kryo image: change " + seq + " deletes a null key");
                        }
                        return new Change.Delete(seq, t, io.dictdb.Values.canonical("key", key));
                    }
                    case KryoCodec.C_CREATE_TABLE:
                        return new Change.CreateTable(seq, wire.readDefinition());
                    case KryoCodec.C_DROP_TABLE:
                        return new Change.DropTable(seq, wire.readName());
                    case KryoCodec.C_CREATE_INDEX: {
                        String t = wire.readName();
                        return new Change.CreateIndex(seq, t, wire.readIndex("change " + seq + " of table '"
                                + KryoWire.abbreviate(t) + "'"));
                    }
                    case KryoCodec.C_DROP_INDEX: {
                        String t = wire.readName();
                        return new Change.DropIndex(seq, t, wire.readName());
                    }
                    default:
                        throw new CodecException("Corrupt kryo image: unknown change type " + op + " at change " + seq);
                }
            } catch (IllegalArgumentException e) {
                throw new CodecException("Corrupt kryo image at change " + seq + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    protected List<TableState> doReadTableStates() throws IOException {
        return call(() -> {
            int n = wire.readCount(ImageLimits.MAX_TABLES, "the table state count");
            List<TableState> list = new ArrayList<>(ImageLimits.preallocation(n));
            for (int i = 0; i < n; i++) {
                String name = wire.readName();
                long next = input.readVarLong(true);
                try {
                    list.add(new TableState(name, next));
                } catch (IllegalArgumentException e) {
                    throw new CodecException("Corrupt kryo image: " + e.getMessage(), e);
                }
            }
            return List.copyOf(list);
        });
    }

    /** A delta's commits ({@link KryoCodec#COMMITS}), or its end marker when it has none (every older delta). */
    @Override
    protected List<CommitRange> doReadCommits() throws IOException {
        return call(() -> {
            int marker = wire.readByte();
            if (marker == KryoCodec.EOF) {
                ended = true;
                return List.of();
            }
            if (marker != KryoCodec.COMMITS) {
                throw new CodecException("Corrupt kryo image: unexpected byte " + marker + " where the commits or "
                        + "the end should be");
            }
            DeltaCommits commits = new DeltaCommits(header);
            int n = commits.checkCount(Integer.toUnsignedLong(input.readVarInt(true)));
            for (int i = 0; i < n; i++) {
                long first = input.readVarLong(true);
                long span = input.readVarLong(true);
                if (span < 1 || first < 1 || first > Long.MAX_VALUE - span) {
                    throw new CodecException("Corrupt kryo image: commit #" + (i + 1) + " starts at " + first
                            + " and spans " + Long.toUnsignedString(span) + " more: not a commit range");
                }
                commits.add(first, first + span);
            }
            return commits.toList();
        });
    }

    @Override
    protected void doFinish() throws IOException {
        call(() -> {
            int end = ended ? KryoCodec.EOF : wire.readByte();
            if (end != KryoCodec.EOF) {
                throw new CodecException("Corrupt kryo image: unexpected byte " + end + " where it should end");
            }
            if (input.read() != -1) {
                throw new CodecException("Corrupt kryo image: data follows its end");
            }
            return null;
        });
        // the LZ4 frame reader stops at the frame's end mark: anything after it is still in the caller's stream
        if (source.read() != -1) {
            throw new CodecException("Corrupt kryo image: data follows its LZ4 frame");
        }
    }

    @Override
    protected void doClose() {
        // the caller owns the stream
    }

    /**
     * Runs decoding steps: an I/O failure of the caller's stream comes back as the IOException it was; Kryo and
     * LZ4 failures (truncation, corrupt blocks, bad checksums) become a {@link CodecException}.
     */
    private <T> T call(Supplier<T> step) throws IOException {
        try {
            return step.get();
        } catch (KryoException | LZ4Exception | DecodeError e) {
            throw translate(e);
        }
    }

    /** A decoding failure as the caller's IOException it was, or else a {@link CodecException}. */
    private IOException translate(RuntimeException e) throws IOException {
        if (e instanceof KryoException k) {
            if (source.failure() != null) {
                return source.failure();
            }
            if (k.getCause() instanceof CodecException c) {
                throw c;
            }
            throw KryoWire.failure(k);
        }
        if (e instanceof LZ4Exception) {
            throw new CodecException("Corrupt kryo image: LZ4 decompression failed: " + e.getMessage(), e);
        }
        throw ((DecodeError) e).at("kryo", position());
    }
}
