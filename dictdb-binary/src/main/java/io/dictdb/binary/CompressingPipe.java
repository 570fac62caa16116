package io.dictdb.binary;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands the encoded bytes of an image to one helper thread that LZ4-compresses them, one chunk per LZ4 block, and
 * writes them to the caller's stream, so that encoding and compression (most of a kryo save's time) overlap. At most {@link #DEPTH} chunks of
 * {@link #CHUNK} bytes exist, so memory stays bounded. A failure of the helper is given back to the writer on its
 * next write and at {@link #finish()}. Used by one writer thread; the queues order every hand-over.
 */
final class CompressingPipe extends OutputStream {
    static final int CHUNK = Lz4FrameWriter.BLOCK_SIZE;
    static final int DEPTH = 4;

    /** A chunk of encoded bytes, or an end marker. */
    private record Chunk(byte[] data, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);
    private static final Chunk CANCEL = new Chunk(new byte[0], 0);

    /** Room for every buffer plus one marker, so putting a chunk or a marker never waits for long. */
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(DEPTH + 2);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH);
    private final Thread helper;
    private volatile Throwable failure;
    private byte[] current;
    private int used;
    private boolean closed;

    /**
     * Starts the helper thread.
     *
     * @param lz4 the LZ4 frame the helper writes to; the pipe owns it and ends it in {@link #finish()}
     */
    CompressingPipe(Lz4FrameWriter lz4) {
        for (int i = 0; i < DEPTH; i++) {
            free.add(new byte[CHUNK]);
        }
        helper = new Thread(() -> drain(lz4), "dictdb-kryo-lz4");
        helper.setDaemon(true);
        helper.start();
    }

    private void drain(Lz4FrameWriter lz4) {
        try {
            while (true) {
                Chunk chunk = full.take();
                if (chunk == CANCEL) {
                    return;
                }
                if (chunk == END) {
                    if (failure == null) {
                        lz4.finish();
                    }
                    return;
                }
                if (failure == null) {
                    try {
                        lz4.writeBlock(chunk.data(), 0, chunk.length());
                    } catch (IOException | RuntimeException | Error e) {
                        failure = e;
                    }
                }
                free.add(chunk.data());
            }
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = e;
        }
    }

    private void check() throws IOException {
        Throwable f = failure;
        if (f == null) {
            return;
        }
        if (f instanceof IOException io) {
            throw io;
        }
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        throw new IOException("LZ4 compression stopped", f);
    }

    private static InterruptedIOException interrupted() {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("interrupted while writing a kryo image");
    }

    private void send() throws IOException {
        if (current != null && used > 0) {
            try {
                full.put(new Chunk(current, used));
            } catch (InterruptedException e) {
                throw interrupted();
            }
            current = null;
            used = 0;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("kryo image stream closed");
        }
        while (len > 0) {
            check();
            if (current == null) {
                try {
                    current = free.take();
                } catch (InterruptedException e) {
                    throw interrupted();
                }
                used = 0;
            }
            int n = Math.min(len, CHUNK - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
            if (used == CHUNK) {
                send();
            }
        }
    }

    /**
     * Sends what is left, ends the LZ4 frame and waits for the helper.
     *
     * @throws IOException the helper's failure, if any
     */
    void finish() throws IOException {
        check();
        send();
        closed = true;
        full.add(END);
        try {
            helper.join();
        } catch (InterruptedException e) {
            throw interrupted();
        }
        check();
    }

    /** Stops the helper without ending the frame, when the image is abandoned; waits for it unless interrupted. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            full.add(CANCEL);
            try {
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
