package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.core.DictDB;
import io.dictdb.file.FileOps;
import io.dictdb.file.ForwardingFileOps;
import io.dictdb.file.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A save interrupted by an injected I/O failure leaves the previous file intact and no temporary file. */
class FileFailureTest {

    @TempDir
    Path dir;

    /** Where to fail. */
    enum Fault { CREATE, WRITE, WRITE_AFTER_SOME, FORCE, CLOSE, RENAME }

    /** The standard operations with one fault injected. */
    static class FailingOps extends ForwardingFileOps {
        private final Fault fault;

        FailingOps(Fault fault) {
            this.fault = fault;
        }

        @Override
        public WritableFile create(Path file) throws IOException {
            if (fault == Fault.CREATE) {
                throw new IOException("injected: cannot create");
            }
            WritableFile f = super.create(file);
            return new ForwardingFile(f) {
                long written;

                @Override
                public int write(ByteBuffer src) throws IOException {
                    if (fault == Fault.WRITE || (fault == Fault.WRITE_AFTER_SOME && written > 0)) {
                        throw new IOException("injected: disk full");
                    }
                    int n = f.write(src);
                    written += n;
                    return n;
                }

                @Override
                public void force() throws IOException {
                    if (fault == Fault.FORCE) {
                        throw new IOException("injected: fsync failed");
                    }
                    f.force();
                }

                @Override
                public void close() throws IOException {
                    f.close();
                    if (fault == Fault.CLOSE) {
                        throw new IOException("injected: close failed");
                    }
                }
            };
        }

        @Override
        public void moveAtomically(Path source, Path target) throws IOException {
            if (fault == Fault.RENAME) {
                throw new IOException("injected: rename failed");
            }
            super.moveAtomically(source, target);
        }
    }

    private static DictDB db(int records) {
        DictDB db = DictDB.create();
        db.createTable("t");
        for (int i = 0; i < records; i++) {
            db.table("t").insert(Map.of("v", "value " + i));
        }
        return db;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyInjectedFailureLeavesThePreviousFileIntactAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("db.json");
        db(3).save(file);
        byte[] before = Files.readAllBytes(file);
        for (Fault fault : Fault.values()) {
            DictDB bigger = db(5000); // several buffer-fulls, so a write can fail midway
            assertThatThrownBy(() -> bigger.save(file, "json", ImageFiles.using(new FailingOps(fault))))
                    .as(fault.name()).isInstanceOf(CodecException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("injected")
                    .hasMessageContaining("previous file is untouched");
            assertThat(Files.readAllBytes(file)).as(fault.name()).isEqualTo(before);
            assertThat(names()).as(fault.name()).containsExactly("db.json");
            assertThat(DictDB.load(file).table("t").count()).isEqualTo(3);
        }
    }

    @Test
    void shortWritesAreCompleted() throws Exception {
        FileOps oneByteAtATime = new ForwardingFileOps() {
            @Override
            public WritableFile create(Path f) throws IOException {
                WritableFile w = super.create(f);
                return new ForwardingFile(w) {
                    @Override
                    public int write(ByteBuffer src) throws IOException {
                        if (!src.hasRemaining()) {
                            return 0;
                        }
                        ByteBuffer one = src.slice().limit(Math.min(7, src.remaining()));
                        int n = w.write(one);
                        src.position(src.position() + n);
                        return n;
                    }
                };
            }
        };
        Path file = dir.resolve("short.json");
        db(200).save(file, "json", ImageFiles.using(oneByteAtATime));
        assertThat(DictDB.load(file).table("t").count()).isEqualTo(200);
        assertThat(names()).containsExactly("short.json");
    }

    @Test
    void aFailedDirectoryForceSaysTheNewFileIsInPlace() throws Exception {
        Path file = dir.resolve("db.json");
        FileOps failingDirForce = new FailingOps(null) {
            @Override
            public void forceDirectory(Path directory) throws IOException {
                throw new IOException("injected: directory fsync failed");
            }
        };
        assertThatThrownBy(() -> db(5).save(file, "json", ImageFiles.using(failingDirForce)))
                .isInstanceOf(CodecException.class).hasMessageContaining("the new file is in place");
        assertThat(DictDB.load(file).table("t").count()).isEqualTo(5);
        assertThat(names()).containsExactly("db.json");
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    @Test
    void aBodyThrowingACheckedExceptionItDoesNotDeclareLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("db.json");
        db(3).save(file);
        byte[] before = Files.readAllBytes(file);
        // a body written in another JVM language, or with a sneaky throw, can throw any checked exception
        Exception checked = new java.util.concurrent.TimeoutException("injected: the body gave up");
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> ImageFiles.standard().write(file,
                new JsonCodec(), io.dictdb.spi.ImageHeader.full(1, java.time.Instant.EPOCH), w -> sneakyThrow(checked)));
        assertThat(thrown).isInstanceOf(CodecException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("injected").hasRootCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(names()).containsExactly("db.json");
    }

    @Test
    void aFileThatAcceptsNoBytesFailsTheSaveInsteadOfSpinningForever() throws Exception {
        Path file = dir.resolve("db.json");
        db(3).save(file);
        byte[] before = Files.readAllBytes(file);
        FileOps stuck = new FailingOps(null) {
            @Override
            public WritableFile create(Path f) throws IOException {
                WritableFile real = super.create(f);
                return new WritableFile() {
                    @Override
                    public int write(ByteBuffer src) {
                        return 0; // a wrapper that makes no progress
                    }

                    @Override
                    public void force() throws IOException {
                        real.force();
                    }

                    @Override
                    public void close() throws IOException {
                        real.close();
                    }
                };
            }
        };
        Throwable thrown = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> org.assertj.core.api.Assertions.catchThrowable(
                        () -> db(5).save(file, "json", ImageFiles.using(stuck))));
        assertThat(thrown).isInstanceOf(CodecException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("previous file is untouched");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(names()).containsExactly("db.json");
    }
}
