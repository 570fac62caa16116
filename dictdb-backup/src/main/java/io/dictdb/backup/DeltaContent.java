package io.dictdb.backup;

import io.dictdb.BackupException;
import io.dictdb.spi.Change;
import io.dictdb.spi.CommitRange;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.TableState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A delta file read whole (its checksum checked before anything was decoded), as a restore and
 * {@link Backups#applyDelta} apply it.
 *
 * @param header the delta's header
 * @param changes its changes, in file order
 * @param states the key counters it carries (none for the Python DictDB's deltas)
 * @param commits the ranges of its changes committed together (a transaction, an {@code insertAll}), in increasing
 *     order, inside the header's range: a restore at a sequence number inside one stops before it. Empty for deltas
 *     written before commits were recorded and for the Python DictDB's deltas
 */
record DeltaContent(ImageHeader header, List<Change> changes, List<TableState> states, List<CommitRange> commits) {

    /**
     * Reads a delta file whole.
     *
     * @param file the file
     * @param files the image files to read through
     * @return its content
     * @throws BackupException if the file is a full image
     * @throws RuntimeException as {@link ImageFiles#read} does when the file cannot be read
     */
    static DeltaContent read(Path file, ImageFiles files) {
        return files.read(file, null, (header, reader) -> {
            if (header.kind() != ImageKind.DELTA) {
                throw new BackupException("File " + file + " is a " + header.kind() + " image, not a delta");
            }
            List<Change> changes = new ArrayList<>();
            Change c;
            while ((c = reader.nextChange()) != null) {
                changes.add(c);
            }
            List<TableState> states = reader.readTableStates();
            return new DeltaContent(header, changes, states, reader.readCommits());
        });
    }
}
