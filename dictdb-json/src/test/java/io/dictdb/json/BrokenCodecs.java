package io.dictdb.json;

import io.dictdb.Record;
import io.dictdb.codec.tck.CodecCompatibilityKit;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deliberately broken codecs and their kits, run only by {@link BrokenCodecsFailTheKitTest} through the JUnit
 * Platform test kit (the class names do not match the test runner's patterns).
 */
final class BrokenCodecs {
    private BrokenCodecs() {
    }

    /** A JSON codec whose writer passes everything through a hook. */
    abstract static class Wrapped implements Codec {
        private final JsonCodec json = new JsonCodec();

        @Override
        public String fileExtension() {
            return "broken";
        }

        abstract void writeChange(ImageWriter w, Change c) throws IOException;

        /** The table definition the writer passes on; the same by default. */
        TableDefinition definition(TableDefinition d) {
            return d;
        }

        abstract void writeRecord(ImageWriter w, Record r) throws IOException;

        void writeCommits(ImageWriter w, List<CommitRange> commits) throws IOException {
            w.writeCommits(commits);
        }

        @Override
        public ImageWriter newWriter(OutputStream out) {
            ImageWriter w = json.newWriter(out);
            Wrapped self = this;
            return new ImageWriter() {
                @Override
                public void writeHeader(ImageHeader header) throws IOException {
                    w.writeHeader(header);
                }

                @Override
                public void beginTable(TableDefinition definition) throws IOException {
                    w.beginTable(self.definition(definition));
                }

                @Override
                public void writeRecord(Record record) throws IOException {
                    self.writeRecord(w, record);
                }

                @Override
                public void endTable() throws IOException {
                    w.endTable();
                }

                @Override
                public void writeChange(Change change) throws IOException {
                    self.writeChange(w, change);
                }

                @Override
                public void writeTableStates(List<TableState> states) throws IOException {
                    w.writeTableStates(states);
                }

                @Override
                public void writeCommits(List<CommitRange> commits) throws IOException {
                    self.writeCommits(w, commits);
                }

                @Override
                public void finish() throws IOException {
                    w.finish();
                }

                @Override
                public void close() throws IOException {
                    w.close();
                }
            };
        }

        @Override
        public ImageReader newReader(InputStream in) {
            return json.newReader(in);
        }
    }

    /** Silently drops every DropIndex change. */
    static final class DropsDropIndex extends Wrapped {
        @Override
        public String name() {
            return "drops-drop-index";
        }

        @Override
        void writeChange(ImageWriter w, Change c) throws IOException {
            if (!(c instanceof Change.DropIndex)) {
                w.writeChange(c);
            }
        }

        @Override
        void writeRecord(ImageWriter w, Record r) throws IOException {
            w.writeRecord(r);
        }
    }

    /**
     * Writes every index as its first field and type, as a codec written before index specs would: composite,
     * unique and partial indexes lose their other parts.
     */
    static final class ForgetsIndexSpecs extends Wrapped {
        @Override
        public String name() {
            return "forgets-index-specs";
        }

        private static IndexDefinition plain(IndexDefinition i) {
            return new IndexDefinition(i.field(), i.type());
        }

        @Override
        TableDefinition definition(TableDefinition d) {
            return new TableDefinition(d.name(), d.primaryKey(), d.schema(),
                    d.indexes().stream().map(ForgetsIndexSpecs::plain).toList());
        }

        @Override
        void writeChange(ImageWriter w, Change c) throws IOException {
            if (c instanceof Change.CreateIndex ci) {
                w.writeChange(new Change.CreateIndex(ci.sequence(), ci.table(), plain(ci.index())));
            } else if (c instanceof Change.CreateTable ct) {
                w.writeChange(new Change.CreateTable(ct.sequence(), definition(ct.definition())));
            } else {
                w.writeChange(c);
            }
        }

        @Override
        void writeRecord(ImageWriter w, Record r) throws IOException {
            w.writeRecord(r);
        }
    }

    /** The kit run against {@link ForgetsIndexSpecs}. */
    static class ForgetsIndexSpecsKit extends CodecCompatibilityKit {
        @Override
        protected Codec codec() {
            return new ForgetsIndexSpecs();
        }
    }

    /** Writes -0.0 as 0.0 in top-level fields. */
    static final class LosesNegativeZero extends Wrapped {
        @Override
        public String name() {
            return "loses-negative-zero";
        }

        @Override
        void writeChange(ImageWriter w, Change c) throws IOException {
            w.writeChange(c);
        }

        @Override
        void writeRecord(ImageWriter w, Record r) throws IOException {
            Map<String, Object> m = new LinkedHashMap<>(r);
            m.replaceAll((k, v) -> v instanceof Double d && d == 0.0 ? 0.0 : v);
            w.writeRecord(Record.of(m));
        }
    }

    /**
     * A codec written before deltas carried their commits: its writer leaves {@code writeCommits} to the SPI's
     * default, which drops them (and its reader gives none back).
     */
    static final class PredatesCommits extends Wrapped {
        @Override
        public String name() {
            return "predates-commits";
        }

        @Override
        void writeChange(ImageWriter w, Change c) throws IOException {
            w.writeChange(c);
        }

        @Override
        void writeRecord(ImageWriter w, Record r) throws IOException {
            w.writeRecord(r);
        }

        @Override
        void writeCommits(ImageWriter w, List<CommitRange> commits) {
            // the SPI's default: dropped
        }
    }

    /** The kit run against {@link PredatesCommits}. */
    static class PredatesCommitsKit extends CodecCompatibilityKit {
        @Override
        protected Codec codec() {
            return new PredatesCommits();
        }
    }

    /** The kit run against {@link DropsDropIndex}. */
    static class DropsDropIndexKit extends CodecCompatibilityKit {
        @Override
        protected Codec codec() {
            return new DropsDropIndex();
        }
    }

    /** The kit run against {@link LosesNegativeZero}. */
    static class LosesNegativeZeroKit extends CodecCompatibilityKit {
        @Override
        protected Codec codec() {
            return new LosesNegativeZero();
        }
    }
}
