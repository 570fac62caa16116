package io.dictdb.core.journal;

import io.dictdb.DictDbException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive hold of a durable database on its folder: an operating-system lock on {@code dictdb.lock} in it, so
 * that a second open (in this JVM or another process) fails at once, and a crashed process leaves nothing locked
 * (the lock dies with it; the file may stay and means nothing).
 */
public final class FolderLock implements AutoCloseable {
    /** The lock file's name in the folder. */
    public static final String FILE_NAME = "dictdb.lock";

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder.
     *
     * @param folder an existing folder
     * @return the lock; close it to release the folder
     * @throws DictDbException if the folder is open elsewhere (this JVM or another process), or the lock file cannot
     *     be opened, naming the folder
     */
    public static FolderLock acquire(Path folder) {
        FileChannel channel;
        try {
            channel = FileChannel.open(folder.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new DictDbException("Cannot open the lock file of database folder " + folder + ": " + e, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new DictDbException("Database folder " + folder + " is already open in another process");
            }
            return new FolderLock(folder, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new DictDbException("Database folder " + folder + " is already open in this JVM", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DictDbException("Cannot lock database folder " + folder + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * The folder held.
     *
     * @return the folder
     */
    public Path folder() {
        return folder;
    }

    /** Releases the folder. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it all the same
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
