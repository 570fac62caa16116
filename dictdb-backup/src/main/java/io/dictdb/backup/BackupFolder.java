package io.dictdb.backup;

import io.dictdb.BackupException;
import io.dictdb.file.FrameHeaderLine;
import io.dictdb.file.ImageFiles;
import io.dictdb.file.ImageInfo;
import io.dictdb.spi.ImageKind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/** Reading a backup folder: which files are backups, their headers, and how deltas chain onto fulls. */
final class BackupFolder {
    /** Oldest first: creation time, then sequence numbers, then name (only to make the order total). */
    static final Comparator<BackupFile> ORDER = Comparator.comparing(BackupFile::createdAt)
            .thenComparingLong(BackupFile::lastSequence).thenComparingLong(BackupFile::firstSequence)
            .thenComparing(f -> f.kind() == BackupFile.Kind.DELTA ? 0 : 1)
            .thenComparing(f -> f.path().getFileName().toString());

    private BackupFolder() {
    }

    /** A file that could not be read, with what its header line claims when that part is still legible. */
    record Bad(Path path, String reason, Map<String, String> claimed) {
        Optional<String> claim(String key) {
            return Optional.ofNullable(claimed.get(key));
        }

        long claimedLast() {
            try {
                return claim("last").map(Long::parseLong).orElse(-1L);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** What a folder holds. */
    record Scan(List<BackupFile> good, List<Bad> bad) {
        /** The database ids of the readable files, sorted; files with none are not counted. */
        SortedSet<String> databaseIds() {
            SortedSet<String> ids = new TreeSet<>();
            for (BackupFile f : good) {
                if (f.databaseId() != null) {
                    ids.add(f.databaseId());
                }
            }
            return ids;
        }
    }

    /**
     * The part of a scan that belongs to one database. With {@code databaseId} null: the whole folder when it holds
     * the chains of at most one database id (files without an id, written before ids existed, go with it);
     * refused when it holds several. With an id: that database's readable files, and the unreadable files whose
     * header line claims that id or no id at all (they may be its own).
     *
     * @throws BackupException naming the folder and the ids it holds when it holds several and none was named, or
     *     none of the named one
     */
    static Scan select(Path dir, Scan scan, String databaseId) {
        SortedSet<String> ids = scan.databaseIds();
        if (databaseId == null) {
            if (ids.size() > 1) {
                throw new BackupException("Backup folder " + dir + " holds the backups of " + ids.size()
                        + " databases (ids " + String.join(", ", ids) + "): say which one (its database id)");
            }
            return scan;
        }
        if (!ids.contains(databaseId)) {
            throw new BackupException("Backup folder " + dir + " holds no backup of database " + databaseId
                    + (ids.isEmpty() ? " (it holds no backup with a database id)"
                    : " (it holds those of " + String.join(", ", ids) + ")"));
        }
        List<BackupFile> good = scan.good().stream().filter(f -> databaseId.equals(f.databaseId())).toList();
        List<Bad> bad = scan.bad().stream().filter(b -> b.claim("db").map(databaseId::equals).orElse(true))
                .toList();
        return new Scan(good, bad);
    }

    /** The backup files of a folder (by name pattern; temporary and other files are ignored), sorted by name. */
    static List<Path> candidates(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BackupException("Backup folder " + dir + " does not exist or is not a folder");
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (BackupFileName.matches(p.getFileName().toString()) && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new BackupException("Cannot list backup folder " + dir + ": " + e, e);
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    /** The temporary files an interrupted write left in the folder. */
    static List<Path> temporaryFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (BackupFileName.isTemporary(p.getFileName().toString())) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /**
     * Reads every backup file's header with {@code reader} ({@link ImageFiles#inspect}: checksum and header, or
     * {@link ImageFiles#verify}: everything).
     */
    static Scan scan(Path dir, Function<Path, ImageInfo> reader) {
        List<BackupFile> good = new ArrayList<>();
        List<Bad> bad = new ArrayList<>();
        for (Path p : candidates(dir)) {
            try {
                good.add(toFile(reader.apply(p)));
            } catch (RuntimeException e) {
                bad.add(new Bad(p, String.valueOf(e.getMessage()), FrameHeaderLine.claimed(p)));
            }
        }
        good.sort(ORDER);
        return new Scan(good, bad);
    }

    static BackupFile toFile(ImageInfo info) {
        var h = info.header();
        BackupFile.Kind kind = h.kind() == ImageKind.FULL ? BackupFile.Kind.FULL : BackupFile.Kind.DELTA;
        return new BackupFile(info.file(), kind, h.createdAt(), h.firstSequence(), h.lastSequence(), info.size(),
                info.codec(), h.imageId(), h.baseImageId(), h.databaseId());
    }

    /** The unreadable files with their reasons, for a message: {@code name (reason), ...}. */
    static String describe(List<Bad> bad) {
        StringBuilder sb = new StringBuilder();
        for (Bad b : bad) {
            sb.append(sb.length() == 0 ? "" : ", ").append(b.path().getFileName()).append(" (").append(b.reason())
                    .append(')');
        }
        return sb.toString();
    }

    /** The good fulls written by this library. */
    static List<BackupFile> fulls(List<BackupFile> good) {
        return good.stream().filter(f -> f.kind() == BackupFile.Kind.FULL && !f.foreign()).toList();
    }

    /** The good deltas of a full, in sequence order. */
    static List<BackupFile> deltasOf(BackupFile full, List<BackupFile> good) {
        return good.stream()
                .filter(f -> f.kind() == BackupFile.Kind.DELTA && full.imageId().equals(f.baseImageId()))
                .sorted(Comparator.comparingLong(BackupFile::firstSequence).thenComparing(ORDER))
                .toList();
    }

    /** A full and the deltas that link onto it without a gap. */
    record Chain(BackupFile full, List<BackupFile> links, Optional<VerifyReport.Problem> stop,
                 List<VerifyReport.Problem> problems) {
    }

    /**
     * Follows a full's deltas by sequence number: each must start right after the one before. The chain stops at
     * the first missing link; {@code problems} lists every gap and overlap of the full's deltas.
     */
    static Chain chain(BackupFile full, List<BackupFile> good, List<Bad> bad) {
        List<BackupFile> links = new ArrayList<>();
        List<VerifyReport.Problem> problems = new ArrayList<>();
        VerifyReport.Problem stop = null;
        long expected = full.lastSequence() + 1;
        BackupFile previous = full;
        for (BackupFile d : deltasOf(full, good)) {
            if (d.firstSequence() == expected) {
                if (stop == null) {
                    links.add(d);
                }
            } else if (d.firstSequence() > expected) {
                VerifyReport.Problem p = missingLink(full, previous, expected, d, bad);
                problems.add(p);
                if (stop == null) {
                    stop = p;
                }
            } else {
                problems.add(new VerifyReport.Problem(d.path(), VerifyReport.Problem.Kind.GAP, "it covers changes "
                        + d.firstSequence() + ".." + d.lastSequence() + " but the chain of full " + full.path()
                        .getFileName() + " is already at " + (expected - 1) + " (after " + previous.path()
                        .getFileName() + "): it overlaps and is not applied"));
                continue;
            }
            expected = d.lastSequence() + 1;
            previous = d;
        }
        return new Chain(full, links, Optional.ofNullable(stop), problems);
    }

    /** The unreadable file whose header line claims to be the delta of {@code full} starting at {@code first}. */
    static Optional<Bad> claimant(BackupFile full, long first, List<Bad> bad) {
        for (Bad b : bad) {
            if (full.imageId().equals(b.claimed().get("base"))
                    && Long.toString(first).equals(b.claimed().get("first"))) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The problem for a missing link: a gap before {@code next}, naming the unreadable file that held it, if any. */
    static VerifyReport.Problem missingLink(BackupFile full, BackupFile previous, long expected, BackupFile next,
                                            List<Bad> bad) {
        String why = claimant(full, expected, bad).map(b -> "; " + b.path().getFileName() + " claims them but "
                + "cannot be read: " + b.reason()).orElse("");
        return new VerifyReport.Problem(next.path(), VerifyReport.Problem.Kind.GAP, "it starts at change "
                + next.firstSequence() + " but changes " + expected + ".." + (next.firstSequence() - 1)
                + " are missing (no readable delta of " + full.path().getFileName() + " starts at " + expected
                + why + "); the chain stops after " + previous.path().getFileName() + " at sequence "
                + (expected - 1));
    }
}
