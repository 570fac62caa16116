package io.dictdb.codec.tck;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Fake codecs that decode every input the same way, and the kits that run against them: run only by
 * {@link GarbageLawTest} through the JUnit Platform test kit (the class names do not match the test runner's
 * patterns). Their writers write nothing; only their readers matter here.
 */
final class FakeCodecs {
    private FakeCodecs() {
    }

    /** How a fake reader answers {@code readHeader()}, whatever the bytes. */
    private interface Verdict {
        ImageHeader on(InputStream in) throws IOException;
    }

    private record Fake(String name, Verdict verdict) implements Codec {
        @Override
        public String fileExtension() {
            return "fake";
        }

        @Override
        public ImageWriter newWriter(OutputStream out) {
            return new ImageWriter() {
                @Override
                public void writeHeader(ImageHeader header) {
                }

                @Override
                public void beginTable(TableDefinition definition) {
                }

                @Override
                public void writeRecord(Record record) {
                }

                @Override
                public void endTable() {
                }

                @Override
                public void writeChange(Change change) {
                }

                @Override
                public void writeTableStates(List<TableState> states) {
                }

                @Override
                public void finish() {
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public ImageReader newReader(InputStream in) {
            return new ImageReader() {
                @Override
                public ImageHeader readHeader() throws IOException {
                    return verdict.on(in);
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
                public Change nextChange() {
                    return null;
                }

                @Override
                public List<TableState> readTableStates() {
                    return List.of();
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

    /** Lax: reads any bytes, garbage included, as an empty full image. */
    static Codec lax() {
        return new Fake("lax", in -> {
            in.readAllBytes();
            return ImageHeader.full(0, Instant.EPOCH);
        });
    }

    /** Refuses every input with a {@link CodecException}, as the law asks of garbage. */
    static Codec refusing() {
        return new Fake("refusing", in -> {
            throw new CodecException("Not a fake image");
        });
    }

    /** Fails on every input with an exception other than a {@link CodecException}. */
    static Codec crashing() {
        return new Fake("crashing", in -> {
            throw new UncheckedIOException(new IOException("the parser fell over"));
        });
    }

    /** The kit run against {@link #lax()}. */
    static class LaxKit extends CodecCompatibilityKit {
        @Override
        protected Codec codec() {
            return lax();
        }
    }

    /** The kit run against {@link #refusing()}. */
    static class RefusingKit extends CodecCompatibilityKit {
        @Override
        protected Codec codec() {
            return refusing();
        }
    }

    /** The kit run against {@link #crashing()}. */
    static class CrashingKit extends CodecCompatibilityKit {
        @Override
        protected Codec codec() {
            return crashing();
        }
    }
}
