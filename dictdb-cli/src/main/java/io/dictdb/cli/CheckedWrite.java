package io.dictdb.cli;

import io.dictdb.DictDbException;
import io.dictdb.core.DictDB;
import io.dictdb.file.FileOps;
import io.dictdb.file.ImageInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Writes a database file so that it replaces the file of that name only once it is known to read back: the image
 * is written beside it under a temporary name, loaded completely (checksum, every table, record and key counter),
 * and only then moved over the old file. A file a codec writes but cannot read again (the kind of failure that loses
 * every table of a database) is reported, and the old file is left exactly as it was.
 */
final class CheckedWrite {
    private CheckedWrite() {
    }

    /**
     * Writes {@code file} through {@code write}, checked as described above.
     *
     * @param file the file to write or replace
     * @param codec the codec {@code write} writes with (a plain file's name need not say it)
     * @param write writes the image to the path it is given and says what it wrote
     * @return what was written (its size; its path is the temporary one)
     * @throws CliException naming {@code file} if the written image does not read back; the old file is unchanged
     * @throws DictDbException if writing fails (then too the old file is unchanged)
     * @throws UncheckedIOException if the checked image cannot be moved into place
     */
    static ImageInfo replace(Path file, String codec, Function<Path, ImageInfo> write) {
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".check.tmp");
        try {
            ImageInfo info = write.apply(temp);
            try {
                // a load, as whoever opens the file next will do it: every record decoded, every rule applied
                DictDB.load(temp, codec);
            } catch (RuntimeException e) {
                throw new CliException("the new " + file + " would not read back, so it was not written and the old "
                        + "file is unchanged: " + Errors.message(e));
            }
            FileOps.standard().moveAtomically(temp, target);
            FileOps.standard().forceDirectory(target.getParent());
            return info;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the written " + file + " into place", e);
        } finally {
            try {
                FileOps.standard().deleteIfExists(temp);
            } catch (IOException ignored) {
                // the outcome is reported already; a leftover temporary file is named after the target
            }
        }
    }
}
