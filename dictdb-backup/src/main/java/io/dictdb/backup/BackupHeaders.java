package io.dictdb.backup;

import io.dictdb.file.ImageFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The headers of a backup folder's files, read again only for files that are new or changed (by size and
 * modification time): a warm standby looks at the folder every few hundred milliseconds, and checking every
 * file's checksum each time would read whole fulls over and over. Backup files are written atomically (a
 * temporary file renamed), so a name that is there holds a whole file.
 */
final class BackupHeaders {
    private final Path dir;
    private final ImageFiles files = ImageFiles.standard();
    private Map<Path, Known> known = new HashMap<>();

    private record Known(long size, long modified, BackupFile file) {
    }

    BackupHeaders(Path dir) {
        this.dir = dir;
    }

    /**
     * The readable backup files of the folder now, oldest first ({@link BackupFolder#ORDER}); files that cannot be
     * read are left out (and read again next time).
     *
     * @return the files
     */
    List<BackupFile> current() {
        Map<Path, Known> next = new HashMap<>();
        List<BackupFile> good = new ArrayList<>();
        for (Path p : BackupFolder.candidates(dir)) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                Known k = known.get(p);
                long modified = a.lastModifiedTime().toMillis();
                if (k == null || k.size() != a.size() || k.modified() != modified) {
                    k = new Known(a.size(), modified, BackupFolder.toFile(files.inspect(p)));
                }
                next.put(p, k);
                good.add(k.file());
            } catch (IOException | RuntimeException e) {
                // deleted meanwhile (retention), or unreadable: not a file to build on now
            }
        }
        known = next;
        good.sort(BackupFolder.ORDER);
        return good;
    }
}
