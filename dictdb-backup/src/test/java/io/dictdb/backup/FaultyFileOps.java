package io.dictdb.backup;

import io.dictdb.spi.FileOps;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** File operations that fail (or block) on demand, at a chosen step of a write. */
final class FaultyFileOps implements FileOps {
    /** Where the next failure happens. */
    enum Step { CREATE, WRITE, FORCE, MOVE, FORCE_DIRECTORY, SILENT_FLIP }

    private final FileOps real = FileOps.standard();
    /** How many writes to fail from now on. */
    final AtomicInteger failures = new AtomicInteger();
    volatile Step step = Step.WRITE;
    /** When set, {@link #create} counts {@code entered} down and waits for {@code release}. */
    volatile CountDownLatch entered;
    volatile CountDownLatch release;
    final AtomicInteger creates = new AtomicInteger();

    void failNext(int count, Step where) {
        step = where;
        failures.set(count);
    }

    private boolean failing(Step s) {
        return step == s && failures.get() > 0;
    }

    private IOException consume(Step s) {
        failures.decrementAndGet();
        return new IOException("injected failure at " + s);
    }

    @Override
    public WritableFile create(Path file) throws IOException {
        creates.incrementAndGet();
        CountDownLatch in = entered;
        CountDownLatch out = release;
        if (in != null && out != null) {
            in.countDown();
            try {
                if (!out.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("test latch never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (failing(Step.CREATE)) {
            throw consume(Step.CREATE);
        }
        WritableFile w = real.create(file);
        return new WritableFile() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                if (failing(Step.WRITE)) {
                    ByteBuffer half = src.duplicate();
                    half.limit(half.position() + half.remaining() / 2);
                    w.write(half); // a torn write: part of the bytes reach the file
                    throw consume(Step.WRITE);
                }
                if (failing(Step.SILENT_FLIP) && src.remaining() > 100) {
                    failures.decrementAndGet();
                    int at = src.position() + src.remaining() / 2;
                    src.put(at, (byte) (src.get(at) ^ 0x01)); // the device stores a wrong bit and says nothing
                }
                int n = w.write(src);
                return n;
            }

            @Override
            public void force() throws IOException {
                if (failing(Step.FORCE)) {
                    throw consume(Step.FORCE);
                }
                w.force();
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }

    @Override
    public SeekableByteChannel openRead(Path file) throws IOException {
        return real.openRead(file);
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        if (failing(Step.MOVE)) {
            throw consume(Step.MOVE);
        }
        real.moveAtomically(source, target);
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        if (failing(Step.FORCE_DIRECTORY)) {
            throw consume(Step.FORCE_DIRECTORY);
        }
        real.forceDirectory(directory);
    }

    @Override
    public void deleteIfExists(Path file) throws IOException {
        real.deleteIfExists(file);
    }
}
