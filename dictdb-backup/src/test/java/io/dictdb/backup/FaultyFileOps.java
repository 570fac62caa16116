package io.dictdb.backup;

import io.dictdb.file.ForwardingFileOps;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** File operations that fail (or block) on demand, at a chosen step of a write. */
final class FaultyFileOps extends ForwardingFileOps {
    /** Where the next failure happens. */
    enum Step { CREATE, WRITE, FORCE, MOVE, FORCE_DIRECTORY, SILENT_FLIP }

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
        return new ForwardingFile(super.create(file)) {
            @Override
            public int write(ByteBuffer src) throws IOException {
                if (failing(Step.WRITE)) {
                    ByteBuffer half = src.duplicate();
                    half.limit(half.position() + half.remaining() / 2);
                    delegate().write(half); // a torn write: part of the bytes reach the file
                    throw consume(Step.WRITE);
                }
                if (failing(Step.SILENT_FLIP) && src.remaining() > 100) {
                    failures.decrementAndGet();
                    int at = src.position() + src.remaining() / 2;
                    src.put(at, (byte) (src.get(at) ^ 0x01)); // the device stores a wrong bit and says nothing
                }
                return delegate().write(src);
            }

            @Override
            public void force() throws IOException {
                if (failing(Step.FORCE)) {
                    throw consume(Step.FORCE);
                }
                delegate().force();
            }
        };
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        if (failing(Step.MOVE)) {
            throw consume(Step.MOVE);
        }
        super.moveAtomically(source, target);
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        if (failing(Step.FORCE_DIRECTORY)) {
            throw consume(Step.FORCE_DIRECTORY);
        }
        super.forceDirectory(directory);
    }
}
