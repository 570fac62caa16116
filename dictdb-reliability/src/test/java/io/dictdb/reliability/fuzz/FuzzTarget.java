package io.dictdb.reliability.fuzz;

import io.dictdb.CodecException;
import io.dictdb.DictDbException;
import io.dictdb.Record;
import io.dictdb.TableSpec;
import io.dictdb.core.change.ChangeChannel;
import io.dictdb.core.change.ChangeFollower;
import io.dictdb.core.change.ChangeSet;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.query.Conditions;
import io.dictdb.reliability.DbDigest;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.TableState;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * What the fuzzer feeds and how an input is judged. Seeds are valid framed images of a codec (a full with every
 * value type, nesting and indexes; a delta with every kind of change). An input is a payload (what a codec reads)
 * fed two ways: directly to {@link Codec#newReader} and drained, and framed with a valid CRC so that
 * {@link ImageFiles} reaches the decoder (a full is loaded into a database, a delta read and applied to one). An
 * input must end in a {@link CodecException} or a correct result: a loaded database must save and load back to the
 * same content; decoded delta changes are applied to the database of the full seed, which may refuse them with
 * its documented exceptions ({@link DictDbException}, {@link IllegalArgumentException} for an index that exists).
 * Anything else is a decoder crash.
 */
final class FuzzTarget {
    /** The trailer's size: {@code \nDICTDB-END length=} + 19 digits + {@code  crc32c=} + 8 hex digits + newline. */
    static final int TRAILER = "\nDICTDB-END length=".length() + 19 + " crc32c=".length() + 8 + 1;

    /** How an input ended. */
    enum Outcome { REFUSED, DECODED }

    /** A seed: a framed file's header line and payload. */
    record Seed(String name, byte[] headerLine, byte[] payload, ImageKind kind) {
    }

    private FuzzTarget() {
    }

    /** The valid seeds of a codec. */
    static List<Seed> seeds(String codecName) {
        Codec codec = Codecs.named(codecName);
        MemFileOps mem = new MemFileOps();
        ImageFiles files = ImageFiles.using(mem);
        List<Seed> seeds = new ArrayList<>();

        DictDB db = DictDB.create();
        ChangeFollower follower = ChangeChannel.of(db).follow();
        db.createTable(TableSpec.named("edge").index("n").index("s"));
        db.table("edge").insert(edgeRecord(0));
        db.table("edge").insert(edgeRecord(1));
        db.createTable(TableSpec.named("people").primaryKey("name").index("age"));
        for (int i = 0; i < 5; i++) {
            db.table("people").insert(Map.of("name", "p" + i, "age", (long) (20 + i), "tags", List.of("a", "b")));
        }
        Path full = Path.of("/fuzz/seed-full." + codec.fileExtension());
        db.save(full, codecName, files);
        seeds.add(split("full", mem.get(full), ImageKind.FULL));
        Snapshot snap = db.snapshot();
        follower.discardThrough(snap.sequence());

        db.table("people").upsert(Map.of("name", "p1", "age", 99L, "nested", Map.of("k", List.of(1L, 2.5, "x"))));
        db.table("people").delete(Conditions.field("name").eq("p2"));
        db.createTable(TableSpec.named("extra").index("v"));
        db.table("extra").insert(Map.of("v", 1L, "when", Instant.parse("2026-01-02T03:04:05.123456Z")));
        db.table("edge").createIndex("b");
        db.table("edge").dropIndex("s");
        db.dropTable("extra");
        db.table("edge").insert(edgeRecord(2));
        ChangeSet set = ChangeChannel.of(db).capture(follower);
        List<TableState> states = new ArrayList<>();
        for (Snapshot.TableImage t : db.snapshot().tables()) {
            states.add(new TableState(t.definition().name(), t.nextKey()));
        }
        Path delta = Path.of("/fuzz/seed-delta." + codec.fileExtension());
        files.write(delta, codec, ImageHeader.delta(set.firstSequence(), set.lastSequence(), "0123456789abcdef",
                Instant.parse("2026-01-02T03:04:05Z")), w -> {
                    for (Change c : set.changes()) {
                        w.writeChange(c);
                    }
                    w.writeTableStates(states);
                });
        seeds.add(split("delta", mem.get(delta), ImageKind.DELTA));
        return seeds;
    }

    private static Record edgeRecord(int i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", (long) i);
        m.put("s", "Zoë 日本語 \uD83D\uDE00 " + i);
        m.put("min", Long.MIN_VALUE);
        m.put("max", Long.MAX_VALUE);
        m.put("nan", Double.NaN);
        m.put("inf", Double.NEGATIVE_INFINITY);
        m.put("negzero", -0.0);
        m.put("dec", new BigDecimal("-12345678901234567890.000000000001"));
        m.put("b", i % 2 == 0);
        m.put("when", Instant.ofEpochSecond(-1, 999_999_999));
        m.put("day", LocalDate.of(1, 1, 1));
        m.put("id2", new UUID(i, -i));
        m.put("raw", new byte[] {0, (byte) 0xFF, (byte) i});
        Object nested = "leaf";
        for (int d = 0; d < 30; d++) {
            nested = d % 2 == 0 ? List.of(nested, (long) d) : Map.of("d" + d, nested);
        }
        m.put("deep", nested);
        m.put("empty", List.of());
        m.put("emptyMap", Map.of());
        return Record.of(m);
    }

    private static Seed split(String name, byte[] file, ImageKind kind) {
        int nl = 0;
        while (file[nl] != '\n') {
            nl++;
        }
        byte[] header = Arrays.copyOf(file, nl + 1);
        byte[] payload = Arrays.copyOfRange(file, nl + 1, file.length - TRAILER);
        return new Seed(name, header, payload, kind);
    }

    /** A framed file: header line, payload and a trailer with the payload's length and a valid CRC32C. */
    static byte[] frame(byte[] headerLine, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(headerLine);
        crc.update(payload);
        byte[] trailer = ("\nDICTDB-END length=" + String.format(Locale.ROOT, "%019d", payload.length) + " crc32c="
                + String.format(Locale.ROOT, "%08x", crc.getValue()) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(headerLine, headerLine.length + payload.length + trailer.length);
        System.arraycopy(payload, 0, out, headerLine.length, payload.length);
        System.arraycopy(trailer, 0, out, headerLine.length + payload.length, trailer.length);
        return out;
    }

    /**
     * Feeds a payload to the codec's reader and drains it.
     *
     * @return how it ended
     * @throws Throwable anything but a {@link CodecException}: a decoder crash
     */
    static Outcome direct(String codecName, byte[] payload) throws Throwable {
        Codec codec = Codecs.named(codecName);
        try (ImageReader r = codec.newReader(new ByteArrayInputStream(payload))) {
            ImageHeader h = r.readHeader();
            if (h.kind() == ImageKind.FULL) {
                while (r.nextTable() != null) {
                    while (r.nextRecord() != null) {
                        // drained
                    }
                }
            } else {
                while (r.nextChange() != null) {
                    // drained
                }
            }
            r.readTableStates();
            r.finish();
            return Outcome.DECODED;
        } catch (CodecException e) {
            return Outcome.REFUSED;
        }
    }

    /**
     * Reads a framed file through {@link ImageFiles}: a full is loaded, saved and loaded back (the two must hold the
     * same content); a delta's changes are read and applied to the database of {@code baseFull}.
     *
     * @return how it ended
     * @throws Throwable anything else: a decoder crash, or an {@link AssertionError} for a database that does not
     *     save and load back the same
     */
    static Outcome framed(String codecName, byte[] file, byte[] baseFull) throws Throwable {
        MemFileOps mem = new MemFileOps();
        ImageFiles files = ImageFiles.using(mem);
        Path path = Path.of("/fuzz/input." + Codecs.named(codecName).fileExtension());
        mem.put(path, file);
        ImageHeader header;
        try {
            header = files.inspect(path).header();
        } catch (CodecException e) {
            return Outcome.REFUSED;
        }
        if (header.kind() == ImageKind.FULL) {
            DictDB db;
            try {
                db = DictDB.builder().load(path, null, files);
            } catch (CodecException e) {
                return Outcome.REFUSED;
            }
            String before = DbDigest.text(db);
            Path again = Path.of("/fuzz/again." + Codecs.named(codecName).fileExtension());
            db.save(again, codecName, files);
            String after = DbDigest.text(DictDB.builder().load(again, null, files));
            if (!before.equals(after)) {
                throw new AssertionError("a decoded database does not save and load back the same:\n" + before
                        + "\n---\n" + after);
            }
            return Outcome.DECODED;
        }
        List<Change> changes;
        try {
            changes = files.read(path, null, (h, r) -> {
                List<Change> out = new ArrayList<>();
                Change c;
                while ((c = r.nextChange()) != null) {
                    out.add(c);
                }
                r.readTableStates();
                return out;
            });
        } catch (CodecException e) {
            return Outcome.REFUSED;
        }
        Path base = Path.of("/fuzz/base." + Codecs.named(codecName).fileExtension());
        mem.put(base, baseFull);
        DictDB db = DictDB.builder().load(base, null, files);
        try {
            ChangeChannel.of(db).apply(changes);
        } catch (DictDbException | IllegalArgumentException e) {
            // decoded changes that do not apply to the base (a table missing, an index already there): refused by
            // the database with its documented exceptions, after the decoder did its job
            return Outcome.REFUSED;
        }
        return Outcome.DECODED;
    }

}
