package io.dictdb.reliability.faults;

import io.dictdb.file.ForwardingFileOps;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard file operations, counting every step that changes the file system (create, write, force, close,
 * rename, directory force, delete) and failing the step whose number was armed, in the way of the armed
 * {@link Kind}. Reads are never failed. {@link #trace()} lists the steps since the last {@link #arm}.
 */
public final class StepFaultOps extends ForwardingFileOps {
    /** How the armed step fails. */
    public enum Kind {
        /** The call throws an {@link IOException}; nothing of a write reaches the file. */
        ERROR,
        /** Half of a write's bytes reach the file, then the call throws. */
        TORN,
        /** Part of a write reaches the file, then {@code IOException: No space left on device}. */
        DISK_FULL,
        /** A write takes one byte and returns 1: legal, and the image must still be whole. */
        SHORT
    }

    private final List<String> trace = new ArrayList<>();
    private int armedAt = -1;
    private Kind kind = Kind.ERROR;
    private int step;
    private String fired;

    /**
     * Fails step {@code at} (0-based, counted from now) in the way of {@code kind}; -1 arms nothing.
     *
     * @param at the step
     * @param kind how it fails
     */
    public synchronized void arm(int at, Kind kind) {
        this.armedAt = at;
        this.kind = kind;
        this.step = 0;
        this.fired = null;
        trace.clear();
    }

    /**
     * The steps since the last {@link #arm}, e.g. {@code create:x}, {@code write:x}, {@code move:x}.
     *
     * @return a copy of the trace
     */
    public synchronized List<String> trace() {
        return new ArrayList<>(trace);
    }

    /**
     * The step that was failed since the last {@link #arm}, or null.
     *
     * @return the failed step's name
     */
    public synchronized String fired() {
        return fired;
    }

    private synchronized boolean hit(String op, Path file) {
        trace.add(op + ":" + file.getFileName());
        boolean hit = step++ == armedAt;
        if (hit) {
            fired = op + ":" + file.getFileName() + ":" + kind;
        }
        return hit;
    }

    private synchronized Kind kind() {
        return kind;
    }

    @Override
    public WritableFile create(Path file) throws IOException {
        if (hit("create", file)) {
            throw new IOException("injected: cannot create " + file);
        }
        WritableFile w = super.create(file);
        return new ForwardingFile(w) {
            @Override
            public int write(ByteBuffer src) throws IOException {
                if (!hit("write", file)) {
                    return w.write(src);
                }
                switch (kind()) {
                    case TORN -> {
                        ByteBuffer half = src.duplicate();
                        half.limit(half.position() + half.remaining() / 2);
                        w.write(half);
                        throw new IOException("injected: torn write to " + file);
                    }
                    case DISK_FULL -> {
                        ByteBuffer part = src.duplicate();
                        part.limit(part.position() + part.remaining() / 3);
                        w.write(part);
                        throw new IOException("No space left on device");
                    }
                    case SHORT -> {
                        ByteBuffer one = src.duplicate();
                        one.limit(one.position() + 1);
                        int n = w.write(one);
                        src.position(src.position() + n);
                        return n;
                    }
                    default -> throw new IOException("injected: write error on " + file);
                }
            }

            @Override
            public void force() throws IOException {
                if (hit("force", file)) {
                    throw new IOException("injected: fsync failed on " + file);
                }
                w.force();
            }

            @Override
            public void close() throws IOException {
                boolean fail = hit("close", file);
                w.close();
                if (fail) {
                    throw new IOException("injected: close failed on " + file);
                }
            }
        };
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        if (hit("move", target)) {
            throw new IOException("injected: rename of " + source + " to " + target + " failed");
        }
        super.moveAtomically(source, target);
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        if (hit("forceDirectory", directory)) {
            throw new IOException("injected: cannot force directory " + directory);
        }
        super.forceDirectory(directory);
    }

    @Override
    public void deleteIfExists(Path file) throws IOException {
        if (hit("delete", file)) {
            throw new IOException("injected: cannot delete " + file);
        }
        super.deleteIfExists(file);
    }
}
