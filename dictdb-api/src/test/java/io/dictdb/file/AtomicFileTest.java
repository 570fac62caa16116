package io.dictdb.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.SourceDSL;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;

/**
 * The one atomic write: whichever step fails before the rename, the previous file is exactly as it was and no
 * temporary file is left; when only forcing the directory fails, the new file is in place and the failure says so.
 */
class AtomicFileTest {

    @TempDir
    Path dir;

    /** The steps a write takes, each of which can fail. */
    enum Step { CREATE, WRITE, FORCE, MOVE, FORCE_DIRECTORY, CONTENT }

    /** File operations failing at one step. */
    private static FileOps failingAt(Step step) {
        return new ForwardingFileOps() {
            @Override
            public WritableFile create(Path file) throws IOException {
                if (step == Step.CREATE) {
                    throw new IOException("injected: create");
                }
                return new ForwardingFile(super.create(file)) {
                    @Override
                    public int write(ByteBuffer src) throws IOException {
                        if (step == Step.WRITE) {
                            throw new IOException("injected: no space left on device");
                        }
                        return super.write(src);
                    }

                    @Override
                    public void force() throws IOException {
                        if (step == Step.FORCE) {
                            throw new IOException("injected: force");
                        }
                        super.force();
                    }
                };
            }

            @Override
            public void moveAtomically(Path source, Path target) throws IOException {
                if (step == Step.MOVE) {
                    throw new IOException("injected: rename");
                }
                super.moveAtomically(source, target);
            }

            @Override
            public void forceDirectory(Path directory) throws IOException {
                if (step == Step.FORCE_DIRECTORY) {
                    throw new IOException("injected: force directory");
                }
                super.forceDirectory(directory);
            }
        };
    }

    @Test
    void aFailedWriteLeavesThePreviousFileOrOnlyTheNewOne() {
        qt().withExamples(200).forAll(SourceDSL.arbitrary().enumValues(Step.class),
                        SourceDSL.integers().between(0, 200_000),
                        SourceDSL.booleans().all())
                .checkAssert((step, size, existed) -> {
                    Path file = dir.resolve("data-" + step + "-" + size + "-" + existed + ".csv");
                    byte[] previous = "previous content\n".getBytes();
                    byte[] next = new byte[size];
                    java.util.Arrays.fill(next, (byte) 'x');
                    try {
                        if (existed) {
                            Files.write(file, previous);
                        } else {
                            Files.deleteIfExists(file);
                        }
                        Throwable e = catchThrowable(() -> AtomicFile.using(failingAt(step)).write(file, out -> {
                            out.write(next);
                            if (step == Step.CONTENT) {
                                throw new IllegalStateException("injected: the content fails");
                            }
                        }));
                        // a write of nothing never reaches the file's write
                        boolean fails = step != Step.WRITE || size > 0;
                        if (!fails) {
                            assertThat(e).isNull();
                        } else if (step == Step.FORCE_DIRECTORY) {
                            assertThat(e).isInstanceOf(AtomicFile.DirectoryNotForcedException.class);
                        } else {
                            assertThat(e).isNotNull().hasMessageContaining("injected");
                        }
                        if (!fails || step == Step.FORCE_DIRECTORY) {
                            assertThat(Files.readAllBytes(file)).isEqualTo(next);
                        } else if (existed) {
                            assertThat(Files.readAllBytes(file)).isEqualTo(previous);
                        } else {
                            assertThat(file).doesNotExist();
                        }
                        try (Stream<Path> left = Files.list(dir)) {
                            assertThat(left.map(p -> p.getFileName().toString()))
                                    .noneMatch(n -> n.endsWith(".tmp"));
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    @Test
    void theSizeReturnedIsTheFileSize() throws IOException {
        Path file = dir.resolve("a.txt");
        long n = AtomicFile.standard().write(file, out -> {
            out.write('a');
            out.write(new byte[100_000]);
            out.close(); // closing the stream does not end the write
            out.write('z');
        });
        assertThat(n).isEqualTo(100_002).isEqualTo(Files.size(file));
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedSpiNameIsTheSameImageFiles() {
        FileOps ops = failingAt(Step.MOVE);
        io.dictdb.file.ImageFiles old = io.dictdb.spi.ImageFiles.using(ops);
        assertThat(old.fileOps()).isSameAs(ops);
        assertThat(io.dictdb.spi.ImageFiles.standard().fileOps()).isSameAs(FileOps.standard());
        assertThat(io.dictdb.spi.ImageFiles.MAGIC).isEqualTo(FrameHeaderLine.MAGIC);
    }
}
