package io.dictdb.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * The one atomic write of the library: image files ({@link ImageFiles}) and CSV exports alike. A file is written to
 * a temporary sibling ({@code .NAME.xxxxxxxx.tmp}), forced to the device, renamed atomically over the target, and
 * the directory forced. If anything fails before the rename, the temporary file is deleted and the previous file,
 * if any, is untouched. Every step goes through a {@link FileOps}, so failures can be injected:
 * {@code AtomicFile.using(failingOps)}.
 */
public final class AtomicFile {

    private static final int BUFFER = 64 * 1024;
    private static final AtomicFile STANDARD = new AtomicFile(FileOps.standard());

    private final FileOps ops;

    private AtomicFile(FileOps ops) {
        this.ops = ops;
    }

    /**
     * Atomic writes on the default file system.
     *
     * @return the standard instance
     */
    public static AtomicFile standard() {
        return STANDARD;
    }

    /**
     * Atomic writes whose every file operation goes through {@code ops} (for example to inject failures).
     *
     * @param ops the file operations
     * @return an instance using them
     */
    public static AtomicFile using(FileOps ops) {
        return new AtomicFile(Objects.requireNonNull(ops, "ops"));
    }

    /**
     * The file operations used.
     *
     * @return the file operations
     */
    public FileOps fileOps() {
        return ops;
    }

    /**
     * Writes a file's content.
     */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole content. The stream is buffered; closing it does nothing (the atomic write closes the
         * file once the content is forced).
         *
         * @param out the temporary file's stream
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * The rename succeeded but forcing the directory to the device failed: the new file is in place, its name may
     * not survive a crash.
     */
    public static final class DirectoryNotForcedException extends IOException {
        private static final long serialVersionUID = 1L;

        DirectoryNotForcedException(Path directory, Throwable cause) {
            super("could not force the directory " + directory + " to disk after the rename: " + cause, cause);
        }
    }

    /**
     * Writes {@code file} atomically.
     *
     * @param file the file to write (replaced if it exists)
     * @param content writes the content
     * @return the number of bytes written
     * @throws DirectoryNotForcedException if only forcing the directory after the rename failed (the new file is in
     *     place)
     * @throws IOException if writing failed before the rename; the previous file is then untouched and no
     *     temporary file is left. Whatever else {@code content} throws (an unchecked exception, an error, a checked
     *     exception it did not declare) is rethrown as it is, after the same clean-up.
     */
    public long write(Path file, Content content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8)
                + ".tmp");
        long size;
        try {
            FileOps.WritableFile out = ops.create(temp);
            try {
                FileOutput stream = new FileOutput(out);
                content.writeTo(stream);
                stream.flushBuffer();
                size = stream.count;
                out.force(); // on the device before it takes the name: a crash never leaves a short file under it
            } finally {
                out.close();
            }
            ops.moveAtomically(temp, target);
        } catch (Throwable e) { // also a checked exception content throws without declaring it: clean up anyway
            try {
                ops.deleteIfExists(temp);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw AtomicFile.<RuntimeException>rethrow(e);
        }
        try {
            ops.forceDirectory(dir);
        } catch (IOException | RuntimeException e) {
            throw new DirectoryNotForcedException(dir, e);
        }
        return size;
    }

    /** Throws {@code e} as it is, checked or not (the compiler takes it for a {@code T}). */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable e) throws T {
        throw (T) e;
    }

    /** Buffers and counts what goes to a {@link FileOps.WritableFile}. */
    private static final class FileOutput extends OutputStream {
        private final FileOps.WritableFile out;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long count;

        FileOutput(FileOps.WritableFile out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (!buffer.hasRemaining()) {
                flushBuffer();
            }
            buffer.put((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            count += len;
            while (len > 0) {
                if (!buffer.hasRemaining()) {
                    flushBuffer();
                }
                int n = Math.min(len, buffer.remaining());
                buffer.put(b, off, n);
                off += n;
                len -= n;
            }
        }

        void flushBuffer() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                int n = out.write(buffer);
                if (n <= 0) {
                    // a file that takes no byte would be asked again forever
                    throw new IOException("file refused the write (" + n + " of " + buffer.remaining()
                            + " bytes written)");
                }
            }
            buffer.clear();
        }

        @Override
        public void flush() {
            // data reaches the file when the buffer fills and at the end; flushes of writers need not cost a write
        }

        @Override
        public void close() {
            // the atomic write closes the file itself, after forcing it
        }
    }
}
