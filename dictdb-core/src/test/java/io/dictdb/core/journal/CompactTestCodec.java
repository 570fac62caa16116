package io.dictdb.core.journal;

import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small binary codec for delta images of records holding strings, longs, ints, doubles, booleans and nulls, for
 * core's journal tests: the real codecs (dictdb-json, dictdb-binary) depend on core for their own tests, so core
 * cannot use them. Only what a journal entry needs is implemented; full images are refused.
 */
public final class CompactTestCodec implements Codec {
    /** The name tests register it under. */
    public static final String NAME = "compact-test";

    /** Registers the codec (idempotent). */
    public static void install() {
        io.dictdb.spi.Codecs.register(new CompactTestCodec());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String fileExtension() {
        return "ctest";
    }

    @Override
    public ImageWriter newWriter(OutputStream out) {
        DataOutputStream d = new DataOutputStream(out);
        return new ImageWriter() {
            @Override
            public void writeHeader(ImageHeader h) throws IOException {
                if (h.kind() != ImageKind.DELTA) {
                    throw new IOException("only deltas");
                }
                d.writeLong(h.firstSequence());
                d.writeLong(h.lastSequence());
                d.writeUTF(h.imageId());
                d.writeUTF(h.databaseId() == null ? "" : h.databaseId());
                d.writeLong(h.createdAt().toEpochMilli());
            }

            @Override
            public void beginTable(TableDefinition definition) throws IOException {
                throw new IOException("only deltas");
            }

            @Override
            public void writeRecord(Record record) throws IOException {
                throw new IOException("only deltas");
            }

            @Override
            public void endTable() throws IOException {
                throw new IOException("only deltas");
            }

            @Override
            public void writeChange(Change c) throws IOException {
                d.writeByte(1);
                d.writeLong(c.sequence());
                if (c instanceof Change.Upsert u) {
                    d.writeByte('U');
                    d.writeUTF(u.table());
                    d.writeInt(u.record().size());
                    for (int i = 0; i < u.record().size(); i++) {
                        d.writeUTF(u.record().fieldAt(i));
                        writeValue(d, u.record().valueAt(i));
                    }
                } else if (c instanceof Change.Delete x) {
                    d.writeByte('D');
                    d.writeUTF(x.table());
                    writeValue(d, x.key());
                } else if (c instanceof Change.CreateTable ct) {
                    d.writeByte('C');
                    d.writeUTF(ct.definition().name());
                    d.writeUTF(ct.definition().primaryKey());
                    d.writeInt(ct.definition().indexes().size());
                    for (IndexDefinition i : ct.definition().indexes()) {
                        d.writeUTF(i.field());
                        d.writeUTF(i.type().name());
                    }
                } else if (c instanceof Change.DropTable dt) {
                    d.writeByte('X');
                    d.writeUTF(dt.table());
                } else if (c instanceof Change.CreateIndex ci) {
                    d.writeByte('I');
                    d.writeUTF(ci.table());
                    d.writeUTF(ci.index().field());
                    d.writeUTF(ci.index().type().name());
                } else if (c instanceof Change.DropIndex di) {
                    d.writeByte('J');
                    d.writeUTF(di.table());
                    d.writeUTF(di.field());
                }
            }

            @Override
            public void writeTableStates(List<TableState> states) throws IOException {
                d.writeByte(0); // end of changes
                d.writeInt(states.size());
                for (TableState s : states) {
                    d.writeUTF(s.table());
                    d.writeLong(s.nextKey());
                }
            }

            @Override
            public void writeCommits(List<CommitRange> commits) throws IOException {
                d.writeInt(commits.size());
                for (CommitRange c : commits) {
                    d.writeLong(c.first());
                    d.writeLong(c.last());
                }
            }

            @Override
            public void finish() throws IOException {
                d.flush();
            }

            @Override
            public void close() throws IOException {
                d.flush();
            }
        };
    }

    private static void writeValue(DataOutputStream d, Object v) throws IOException {
        if (v == null) {
            d.writeByte('n');
        } else if (v instanceof String x) {
            d.writeByte('s');
            d.writeUTF(x);
        } else if (v instanceof Long x) {
            d.writeByte('l');
            d.writeLong(x);
        } else if (v instanceof Integer x) {
            d.writeByte('i');
            d.writeInt(x);
        } else if (v instanceof Double x) {
            d.writeByte('d');
            d.writeDouble(x);
        } else if (v instanceof Boolean x) {
            d.writeByte('b');
            d.writeBoolean(x);
        } else {
            throw new IOException("unsupported value type " + v.getClass().getName());
        }
    }

    private static Object readValue(DataInputStream d) throws IOException {
        int tag = d.readByte();
        return switch (tag) {
            case 'n' -> null;
            case 's' -> d.readUTF();
            case 'l' -> d.readLong();
            case 'i' -> d.readInt();
            case 'd' -> d.readDouble();
            case 'b' -> d.readBoolean();
            default -> throw new IOException("bad value tag " + tag);
        };
    }

    @Override
    public ImageReader newReader(InputStream in) {
        DataInputStream d = new DataInputStream(in);
        return new ImageReader() {
            private ImageHeader header;

            @Override
            public ImageHeader readHeader() throws IOException {
                long first = d.readLong();
                long last = d.readLong();
                String imageId = d.readUTF();
                String dbId = d.readUTF();
                Instant at = Instant.ofEpochMilli(d.readLong());
                header = new ImageHeader(ImageHeader.FORMAT_VERSION, ImageKind.DELTA, first, last, imageId, null, at,
                        dbId.isEmpty() ? null : dbId);
                return header;
            }

            @Override
            public TableDefinition nextTable() {
                return null;
            }

            @Override
            public Record nextRecord() {
                return null;
            }

            @Override
            public Change nextChange() throws IOException {
                if (d.readByte() == 0) {
                    return null;
                }
                long seq = d.readLong();
                int kind = d.readByte();
                return switch (kind) {
                    case 'U' -> {
                        String table = d.readUTF();
                        int n = d.readInt();
                        Map<String, Object> m = new LinkedHashMap<>();
                        for (int i = 0; i < n; i++) {
                            m.put(d.readUTF(), readValue(d));
                        }
                        yield new Change.Upsert(seq, table, Record.of(m));
                    }
                    case 'D' -> new Change.Delete(seq, d.readUTF(), readValue(d));
                    case 'C' -> {
                        String name = d.readUTF();
                        String pk = d.readUTF();
                        int n = d.readInt();
                        List<IndexDefinition> idx = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            idx.add(new IndexDefinition(d.readUTF(), IndexType.valueOf(d.readUTF())));
                        }
                        yield new Change.CreateTable(seq, new TableDefinition(name, pk, null, idx));
                    }
                    case 'X' -> new Change.DropTable(seq, d.readUTF());
                    case 'I' -> new Change.CreateIndex(seq, d.readUTF(),
                            new IndexDefinition(d.readUTF(), IndexType.valueOf(d.readUTF())));
                    case 'J' -> new Change.DropIndex(seq, d.readUTF(), d.readUTF());
                    default -> throw new IOException("bad change kind " + kind);
                };
            }

            @Override
            public List<TableState> readTableStates() throws IOException {
                int n = d.readInt();
                List<TableState> out = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    out.add(new TableState(d.readUTF(), d.readLong()));
                }
                return out;
            }

            @Override
            public List<CommitRange> readCommits() throws IOException {
                int n = d.readInt();
                List<CommitRange> out = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    out.add(new CommitRange(d.readLong(), d.readLong()));
                }
                return out;
            }

            @Override
            public void finish() {
            }

            @Override
            public void close() {
            }
        };
    }
}
