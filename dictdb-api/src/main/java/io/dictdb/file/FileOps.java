package io.dictdb.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file operations {@link AtomicFile} writes through (for image files and CSV exports), {@link ImageFiles}
 * reads through, and a durable database's journal appends and deletes its segments through. {@link #standard()}
 * uses the file system; tests and reliability harnesses wrap it to inject failures (a failing or short write, a
 * failing force, a failing rename) or to pause at any step (crash trials kill the process there).
 */
public interface FileOps {

    /**
     * A file open for writing.
     */
    interface WritableFile extends Closeable {
        /**
         * Writes some of the remaining bytes of {@code src}, advancing its position; may write fewer than remain,
         * but at least one (a write that takes no byte fails the image being written).
         *
         * @param src the bytes
         * @return the number of bytes written
         * @throws IOException if writing fails
         */
        int write(ByteBuffer src) throws IOException;

        /**
         * Forces the written bytes to the storage device.
         *
         * @throws IOException if forcing fails
         */
        void force() throws IOException;

        /**
         * Forces the written bytes and what is needed to read them back (the file's size), not necessarily the
         * other metadata (times): {@code fdatasync} where the platform has it. A journal appending to a file
         * forces with it at every commit, where the saved metadata write is worth having.
         *
         * <p>By default {@link #force()}, which does more and is as safe; so a wrapper that overrides only
         * {@link #force()} (to inject a failure, to count) sees these forces too.
         *
         * @throws IOException if forcing fails
         */
        default void forceData() throws IOException {
            force();
        }
    }

    /**
     * Creates a new file for writing; fails if it exists.
     *
     * @param file the file
     * @return the open file
     * @throws IOException if it cannot be created
     */
    WritableFile create(Path file) throws IOException;

    /**
     * Opens an existing file for appending: every write goes to its end. A durable database's journal goes on
     * appending to its last segment with it (and starts new segments with {@link #create(Path)}).
     *
     * <p>The default opens it with the file system, whatever this object's other operations do; wrappers that
     * change writes override it ({@link ForwardingFileOps} forwards it).
     *
     * @param file the file
     * @return the open file, writing at its end
     * @throws IOException if it does not exist or cannot be opened
     */
    default WritableFile openAppend(Path file) throws IOException {
        return Standard.INSTANCE.openAppend(file);
    }

    /**
     * Maps a file into memory for writing, {@code size} bytes from its start: creates it if missing and extends it
     * with zeros to {@code size} if shorter (sparse where the file system allows). What is put into the buffer is in
     * the operating system's page cache at once, with no system call, so it survives a kill of the process;
     * {@link MappedByteBuffer#force()} writes it to the device. A durable database's journal appends to its segments
     * this way in {@code ASYNC} mode, and cuts the zeros it did not fill with {@link #truncate(Path, long)}.
     *
     * <p>The default maps it with the file system, whatever this object's other operations do; wrappers that change
     * writes override it ({@link ForwardingFileOps} forwards it).
     *
     * @param file the file
     * @param size the bytes to map, at most {@link Integer#MAX_VALUE}
     * @return the mapping, positioned at 0 (it stays valid after this returns; no file handle is kept open)
     * @throws IOException if the file cannot be created, extended or mapped
     */
    default MappedByteBuffer map(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            return ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
        }
    }

    /**
     * Cuts a file to {@code size} bytes (nothing happens if it is not longer) and forces it, size included.
     *
     * <p>The default uses the file system; {@link ForwardingFileOps} forwards it.
     *
     * @param file the file
     * @param size the new size
     * @throws IOException if it cannot be cut or forced
     */
    default void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
            ch.force(true);
        }
    }

    /**
     * Opens a file for reading.
     *
     * @param file the file
     * @return a channel positioned at 0
     * @throws IOException if it cannot be opened
     */
    SeekableByteChannel openRead(Path file) throws IOException;

    /**
     * Renames {@code source} to {@code target} atomically, replacing {@code target}.
     *
     * @param source the file to rename
     * @param target the new name, in the same directory
     * @throws IOException if the rename fails; then {@code target} is untouched
     */
    void moveAtomically(Path source, Path target) throws IOException;

    /**
     * Forces a directory's entries (a rename in it) to the storage device. File systems that cannot force a
     * directory are ignored.
     *
     * @param directory the directory
     * @throws IOException if forcing fails
     */
    void forceDirectory(Path directory) throws IOException;

    /**
     * Deletes a file if it exists.
     *
     * @param file the file
     * @throws IOException if it exists and cannot be deleted
     */
    void deleteIfExists(Path file) throws IOException;

    /**
     * The file operations of the default file system.
     *
     * @return the standard operations
     */
    static FileOps standard() {
        return Standard.INSTANCE;
    }

    /** The file system's operations. */
    final class Standard implements FileOps {
        static final Standard INSTANCE = new Standard();

        private Standard() {
        }

        @Override
        public WritableFile create(Path file) throws IOException {
            return new ChannelFile(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        }

        @Override
        public WritableFile openAppend(Path file) throws IOException {
            return new ChannelFile(FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        }

        /** An open file channel: nothing between the caller and the channel, so the default path costs nothing. */
        private record ChannelFile(FileChannel ch) implements WritableFile {
            @Override
            public int write(ByteBuffer src) throws IOException {
                return ch.write(src);
            }

            @Override
            public void force() throws IOException {
                ch.force(true);
            }

            @Override
            public void forceData() throws IOException {
                ch.force(false);
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        }

        @Override
        public SeekableByteChannel openRead(Path file) throws IOException {
            return FileChannel.open(file, StandardOpenOption.READ);
        }

        @Override
        public void moveAtomically(Path source, Path target) throws IOException {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void forceDirectory(Path directory) throws IOException {
            FileChannel dir;
            try {
                dir = FileChannel.open(directory, StandardOpenOption.READ);
            } catch (IOException e) {
                return; // some platforms (Windows) cannot open a directory: nothing to force there
            }
            try (dir) {
                dir.force(true);
            } catch (IOException e) {
                // some file systems refuse to force a directory; the rename is as durable as they allow
            }
        }

        @Override
        public void deleteIfExists(Path file) throws IOException {
            Files.deleteIfExists(file);
        }

        @Override
        public String toString() {
            return "FileOps.standard()";
        }
    }
}
