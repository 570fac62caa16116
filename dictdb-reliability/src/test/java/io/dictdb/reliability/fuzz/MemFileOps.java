package io.dictdb.reliability.fuzz;

import io.dictdb.file.FileOps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** File operations on an in-memory map, so that fuzzing through {@code ImageFiles} never touches the disk. */
final class MemFileOps implements FileOps {
    private final Map<Path, byte[]> files = new HashMap<>();

    void put(Path file, byte[] bytes) {
        files.put(file.toAbsolutePath(), bytes);
    }

    byte[] get(Path file) {
        return files.get(file.toAbsolutePath());
    }

    @Override
    public WritableFile create(Path file) {
        Path key = file.toAbsolutePath();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return new WritableFile() {
            @Override
            public int write(ByteBuffer src) {
                int n = src.remaining();
                byte[] b = new byte[n];
                src.get(b);
                out.write(b, 0, n);
                return n;
            }

            @Override
            public void force() {
                // memory
            }

            @Override
            public void close() {
                files.put(key, out.toByteArray());
            }
        };
    }

    @Override
    public SeekableByteChannel openRead(Path file) throws IOException {
        byte[] bytes = files.get(file.toAbsolutePath());
        if (bytes == null) {
            throw new NoSuchFileException(file.toString());
        }
        return new ReadChannel(bytes);
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        byte[] b = files.remove(source.toAbsolutePath());
        if (b == null) {
            throw new NoSuchFileException(source.toString());
        }
        files.put(target.toAbsolutePath(), b);
    }

    @Override
    public void forceDirectory(Path directory) {
        // memory
    }

    @Override
    public void deleteIfExists(Path file) {
        files.remove(file.toAbsolutePath());
    }

    /** A read-only channel over a byte array. */
    static final class ReadChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private long position;
        private boolean open = true;

        ReadChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!open) {
                throw new ClosedChannelException();
            }
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
