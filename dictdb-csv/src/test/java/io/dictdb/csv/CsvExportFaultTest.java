package io.dictdb.csv;

import io.dictdb.Database;
import io.dictdb.core.DictDB;
import io.dictdb.file.FileOps;
import io.dictdb.file.ForwardingFileOps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.SourceDSL;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;

/**
 * CSV export writes through the one atomic write of image files ({@code io.dictdb.file.AtomicFile}), so its
 * failures can be injected with a {@link FileOps}: a disk that fills after any number of writes, a failing force or
 * rename leaves the previous file exactly as it was and no temporary file.
 */
class CsvExportFaultTest {

    @TempDir
    Path dir;

    /** A disk that takes {@code budget} writes, then is full; and whose rename fails when {@code renameFails}. */
    private static FileOps failing(int budget, boolean renameFails) {
        AtomicInteger writes = new AtomicInteger();
        return new ForwardingFileOps() {
            @Override
            public WritableFile create(Path file) throws IOException {
                return new ForwardingFile(super.create(file)) {
                    @Override
                    public int write(ByteBuffer src) throws IOException {
                        if (writes.incrementAndGet() > budget) {
                            throw new IOException("No space left on device");
                        }
                        // a short write: the atomic write must ask again
                        ByteBuffer part = src.slice().limit(Math.min(src.remaining(), 4096));
                        int n = super.write(part);
                        src.position(src.position() + n);
                        return n;
                    }
                };
            }

            @Override
            public void moveAtomically(Path source, Path target) throws IOException {
                if (renameFails) {
                    throw new IOException("rename refused");
                }
                super.moveAtomically(source, target);
            }
        };
    }

    @Test
    void aFailingExportLeavesThePreviousFileIntact() throws IOException {
        Database db = DictDB.create();
        var table = db.createTable("items");
        for (int i = 0; i < 3000; i++) {
            table.insert(Map.of("name", "item number " + i, "n", i));
        }
        Path file = dir.resolve("items.csv");
        Files.writeString(file, "previous export\r\n");
        byte[] previous = Files.readAllBytes(file);

        qt().withExamples(40).forAll(SourceDSL.integers().between(0, 40), SourceDSL.booleans().all())
                .checkAssert((budget, renameFails) -> {
                    CsvException e = catchThrowableOfType(CsvException.class,
                            () -> Csv.exportTable(table, file, CsvExportOptions.defaults(),
                                    failing(budget, renameFails)));
                    try {
                        if (e == null) {
                            // the disk had room enough and the rename worked: the new export is whole
                            assertThat(renameFails).isFalse();
                            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(3001);
                            Files.write(file, previous);
                        } else {
                            assertThat(e.getMessage()).contains("items.csv");
                            assertThat(Files.readAllBytes(file)).isEqualTo(previous);
                        }
                        assertThat(dir.toFile().list()).as("no temporary file left").containsExactly("items.csv");
                    } catch (IOException io) {
                        throw new java.io.UncheckedIOException(io);
                    }
                });
    }
}
