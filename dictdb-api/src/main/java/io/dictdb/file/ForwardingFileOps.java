package io.dictdb.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@link FileOps} that pass every call to another, for wrappers that change one step and keep the rest: inject a
 * failure, count calls, enforce a quota. Override the steps to change; {@link ForwardingFile} does the same for an
 * open file.
 *
 * <pre>{@code
 * FileOps fullDisk = new ForwardingFileOps() {
 *     public WritableFile create(Path file) throws IOException {
 *         throw new IOException("No space left on device: " + file);
 *     }
 * };
 * ImageFiles files = ImageFiles.using(fullDisk); // for DictDB.save, BackupManager.Builder.imageFiles, ...
 * }</pre>
 */
public abstract class ForwardingFileOps implements FileOps {
    private final FileOps delegate;

    /** Forwards to {@link FileOps#standard()}. */
    protected ForwardingFileOps() {
        this(FileOps.standard());
    }

    /**
     * Forwards to {@code delegate}.
     *
     * @param delegate the operations that do the work
     */
    protected ForwardingFileOps(FileOps delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * The operations this one forwards to.
     *
     * @return the delegate
     */
    protected final FileOps delegate() {
        return delegate;
    }

    @Override
    public WritableFile create(Path file) throws IOException {
        return delegate.create(file);
    }

    @Override
    public WritableFile openAppend(Path file) throws IOException {
        return delegate.openAppend(file);
    }

    @Override
    public java.nio.MappedByteBuffer map(Path file, long size) throws IOException {
        return delegate.map(file, size);
    }

    @Override
    public void truncate(Path file, long size) throws IOException {
        delegate.truncate(file, size);
    }

    @Override
    public SeekableByteChannel openRead(Path file) throws IOException {
        return delegate.openRead(file);
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        delegate.moveAtomically(source, target);
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        delegate.forceDirectory(directory);
    }

    @Override
    public void deleteIfExists(Path file) throws IOException {
        delegate.deleteIfExists(file);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }

    /**
     * A {@link FileOps.WritableFile} that passes every call to another; override the calls to change.
     * {@link #forceData()} is not forwarded as such: it calls this file's {@link #force()} (the interface's default),
     * so that a wrapper overriding {@code force()} sees every force; override {@code forceData()} too to keep the
     * delegate's lighter force.
     */
    public abstract static class ForwardingFile implements WritableFile {
        private final WritableFile delegate;

        /**
         * Forwards to {@code delegate}.
         *
         * @param delegate the open file that does the work
         */
        protected ForwardingFile(WritableFile delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /**
         * The file this one forwards to.
         *
         * @return the delegate
         */
        protected final WritableFile delegate() {
            return delegate;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return delegate.write(src);
        }

        @Override
        public void force() throws IOException {
            delegate.force();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
