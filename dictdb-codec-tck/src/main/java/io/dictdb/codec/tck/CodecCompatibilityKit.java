package io.dictdb.codec.tck;

import io.dictdb.CodecException;
import io.dictdb.FieldType;
import io.dictdb.Record;
import io.dictdb.query.Conditions;
import io.dictdb.Schema;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.DeltaCommits;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.ImageHeader;
import io.dictdb.file.ImageInfo;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import io.dictdb.IndexSpec;
import io.dictdb.IndexType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The codec compatibility kit: proves a {@link Codec} keeps the SPI's contract. A codec's test subclasses it in
 * one line, as Micrometer's {@code MeterRegistryCompatibilityKit} is used:
 * <pre>
 * class MyCodecTest extends CodecCompatibilityKit {
 *     &#64;Override
 *     protected Codec codec() {
 *         return new MyCodec();
 *     }
 * }
 * </pre>
 * Its tests are grouped by concern in {@code @Nested} classes, which the subclass inherits:
 * <ul>
 * <li><b>round trips</b>: random full images and deltas (QuickTheories; every canonical type and edge value,
 * unicode with surrogate pairs, empty tables, schemas, indexes, every change kind, with and without a database id)
 * and values nested to the depth limit come back strictly equal;</li>
 * <li><b>the value rule</b> described in {@link ImageLimits}: every record the API accepts round-trips, drawn from
 * {@link EdgeRecords}, and values at each limit do (the limits of many megabytes with
 * {@code -Ddictdb.longTests=true});</li>
 * <li><b>commits</b>: a delta's commits ({@link ImageWriter#writeCommits(List)}) round-trip (random ranges, none,
 * many, at the header's bounds), a reader that leaves them unread still reads the delta to its end, and commits out
 * of order, overlapping, outside the header's range or more than it holds are refused (those need
 * {@link #uncheckedCommits()});</li>
 * <li><b>index specs</b>: composite, unique, partial (random conditions of every kind) and elements indexes
 * round-trip in full images and deltas, a dropped index is named as {@link IndexDefinition#name()} says, and an
 * unknown index type or a bad stored condition is refused naming it (a codec with a compressed payload overrides
 * {@link #replaceInPayload(byte[], String, String)});</li>
 * <li><b>streaming</b>: a large image is written and read without being held whole;</li>
 * <li><b>hostile input</b>: every truncation, trailing bytes and values nested too deeply are refused with a
 * {@link CodecException}, random bit flips fail with nothing else, and random garbage is refused: the garbage law,
 * never read as an image;</li>
 * <li><b>the shared frame</b> ({@link ImageFiles}): framed files and plain exports read back, and every truncation
 * and bit flip of a file is refused naming the file.</li>
 * </ul>
 * Test reports name the nested classes after the kit ({@code CodecCompatibilityKit$HostileInput}); every failure
 * message starts with the codec's name and the subclass. Set {@code -Ddictdb.longTests=true} for ten times the
 * random examples.
 */
@ExtendWith(FailureNamesTheCodec.class)
public abstract class CodecCompatibilityKit {

    private Path dir;

    /**
     * For subclasses.
     */
    protected CodecCompatibilityKit() {
    }

    /**
     * The codec under test; may return a new instance or the same one on every call.
     *
     * @return the codec
     */
    protected abstract Codec codec();

    /**
     * How many random images each property checks.
     *
     * @return the number of examples: 200, or 2,000 with {@code -Ddictdb.longTests=true}
     */
    protected int examples() {
        return Boolean.getBoolean("dictdb.longTests") ? 2000 : 200;
    }

    /**
     * How many records the streaming test writes and reads.
     *
     * @return 200,000
     */
    protected int largeImageRecords() {
        return 200_000;
    }

    /**
     * Writes a delta's commits past the checks of the SPI ({@code AbstractImageWriter} refuses invalid ones before
     * the codec sees them), so that the kit can make the hostile files a codec's reader must refuse: ranges out of
     * order, overlapping, outside the header's range. A codec's test in the writer's package returns, for example,
     * {@code (writer, commits) -> ((MyImageWriter) writer).doWriteCommits(commits)}.
     *
     * @return the unchecked way in, or null (the default) to skip the kit's hostile-commit tests
     */
    protected UncheckedCommits uncheckedCommits() {
        return null;
    }

    /** Writes a delta's commits as given, unchecked ({@link #uncheckedCommits()}). */
    @FunctionalInterface
    public interface UncheckedCommits {
        /**
         * Encodes {@code commits} with {@code writer}, whose table states have been written, as its
         * {@code writeCommits} would if nothing checked them.
         *
         * @param writer the codec's writer, made by {@link Codec#newWriter(OutputStream)}
         * @param commits the ranges, possibly invalid for the header
         * @throws IOException if the stream fails
         */
        void write(ImageWriter writer, List<CommitRange> commits) throws IOException;
    }

    /** Creates a scratch directory and registers the codec so the frame can find it by name; runs for every test. */
    @BeforeEach
    void setUpKit() throws IOException {
        dir = Files.createTempDirectory("dictdb-tck-");
        Codecs.register(codec());
    }

    /** Removes the scratch directory and the registration. */
    @AfterEach
    void tearDownKit() throws IOException {
        Codecs.unregister(codec().name());
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The codec's name and file extension are lower-case words, as {@code Codecs} and file names need. */
    @Test
    void nameAndExtensionAreLowerCaseWords() {
        Codec c = codec();
        assertTrue(c.name().matches("[a-z0-9][a-z0-9_-]*"), "codec name '" + c.name() + "'");
        assertTrue(c.fileExtension().matches("[a-z0-9]+"), "file extension '" + c.fileExtension() + "'");
    }

    /** Full images and deltas come back strictly equal ({@link Strict}). */
    @Nested
    class RoundTrips {
        @Test
        void everyEdgeValueRoundTrips() {
            Record r = RandomImages.everyEdgeValue();
            TableDefinition d = new TableDefinition("edge \uD83D\uDE00 \"table\"", "id", null,
                    List.of(new IndexDefinition("long1", IndexType.HASH)));
            Image image = new Image(ImageHeader.full(7, Instant.parse("2024-01-02T03:04:05.000000006Z")),
                    List.of(new Image.Table(d, List.of(r))), List.of(), List.of(new TableState(d.name(), 2)));
            assertRoundTrip(image);
        }

        @Test
        void emptyImagesRoundTrip() {
            assertRoundTrip(new Image(ImageHeader.full(0, Instant.EPOCH), List.of(), List.of(), List.of()));
            TableDefinition empty = new TableDefinition("empty", "id", null, List.of());
            assertRoundTrip(new Image(ImageHeader.full(3, Instant.EPOCH), List.of(new Image.Table(empty, List.of())),
                    List.of(), List.of(new TableState("empty", 1))));
            assertRoundTrip(new Image(ImageHeader.delta(5, 4, "base", Instant.EPOCH), List.of(), List.of(),
                    List.of()));
        }

        @Test
        void randomFullImagesRoundTrip() {
            qt().withExamples(examples()).withShrinkCycles(0).forAll(longs().all())
                    .checkAssert(seed -> assertRoundTrip(new RandomImages(seed).fullImage(), "seed " + seed));
        }

        @Test
        void randomDeltasWithEveryChangeKindRoundTrip() {
            qt().withExamples(examples()).withShrinkCycles(0).forAll(longs().all())
                    .checkAssert(seed -> assertRoundTrip(new RandomImages(seed).delta(), "seed " + seed));
        }

        /** The header's database id is carried in the payload; an image without one (older files) reads with none. */
        @Test
        void theDatabaseIdIsCarriedAndAnImageWithoutOneReadsWithNone() {
            for (String id : Arrays.asList("0f4c2b1e-7d6a-4e3b-9a8c-1b2c3d4e5f60", null)) {
                assertRoundTrip(new Image(ImageHeader.full(2, Instant.EPOCH, id), List.of(), List.of(), List.of()),
                        "full image, database id " + id);
                assertRoundTrip(new Image(ImageHeader.delta(3, 3, "base", Instant.EPOCH, id), List.of(),
                        List.of(new Change.DropTable(3, "t")), List.of()), "delta, database id " + id);
            }
        }

        @Test
        void valuesNestedToTheLimitRoundTrip() {
            Object v = "bottom";
            for (int i = 0; i < ImageLimits.MAX_DEPTH; i++) {
                v = i % 2 == 0 ? List.of(v) : Map.of("k", v);
            }
            Record r = Record.of("id", 1L, "deep", v);
            assertRoundTrip(fullImageOf(List.of(r)));
        }

        @Test
        void valuesNestedToTheLimitRoundTripWithEveryTypeAtTheBottom() {
            // The innermost container is the 256th level; scalars a codec may encode as small tagged objects sit in it,
            // and so does a map whose keys look like tags; in a full image and in a delta.
            Object scalars = Arrays.asList(Instant.ofEpochSecond(1, 2), new BigDecimal("1.50"),
                    new byte[] {1, 2}, UUID.fromString("00000000-0000-0001-0000-000000000002"), LocalDate.of(2024, 2, 29),
                    -0.0, Double.NaN, Double.NEGATIVE_INFINITY, null, "bottom");
            Object tagLike = Map.of("$instant", "not a tag");
            for (Object bottom : List.of(scalars, tagLike)) {
                Object v = bottom;
                for (int i = 1; i < ImageLimits.MAX_DEPTH; i++) {
                    v = i % 2 == 0 ? List.of(v) : Map.of("k", v);
                }
                Record r = Record.of("id", 1L, "deep", v);
                assertRoundTrip(fullImageOf(List.of(r)), "full image");
                assertRoundTrip(new Image(ImageHeader.delta(1, 1, "base", Instant.EPOCH), List.of(),
                        List.of(new Change.Upsert(1, "t", r)), List.of()), "delta");
            }
        }
    }

    /** The value rule of {@link ImageLimits}: what the API accepts, the codec keeps. */
    @Nested
    class ValueRule {
        /**
         * The law of the value rule ({@link ImageLimits}): every record the API accepts, drawn from {@link EdgeRecords}
         * ({@code $}-names first in records and nested maps, huge and tiny decimals, long names and strings, control
         * characters and unpaired surrogates in strings, extremes of every type), round-trips equal through the codec,
         * in a full image and in a delta, and so do table definitions whose names are such names.
         */
        @Test
        void everyRecordTheValueRuleAcceptsRoundTripsInFullImagesAndDeltas() {
            qt().withExamples(examples()).forAll(lists().of(EdgeRecords.records()).ofSizeBetween(1, 4),
                    EdgeRecords.names(), EdgeRecords.names(), EdgeRecords.dollarNames()).checkAssert(
                            (records, table, key, field) -> {
                                TableDefinition d = edgeDefinition(table, key, field);
                                assertRoundTrip(fullImageOf(d, records), "full image");
                                assertRoundTrip(deltaOf(d, records), "delta");
                            });
        }

        /** Values exactly at each limit of the rule that fits a quick test round-trip, in a full image and a delta. */
        @Test
        void valuesAtEachLimitRoundTrip() {
            TableDefinition d = edgeDefinition("$limits", "$id", "$type");
            for (Record r : EdgeRecords.atTheLimits()) {
                assertRoundTrip(fullImageOf(d, List.of(r)), "full image, " + r.get("case"));
                assertRoundTrip(deltaOf(d, List.of(r)), "delta, " + r.get("case"));
            }
        }

        /**
         * Values at the limits of many megabytes round-trip (the worst case of each encoding: control characters,
         * surrogate pairs, an unpaired surrogate, a byte array). Runs with {@code -Ddictdb.longTests=true}: it takes
         * seconds and a gigabyte or two of heap.
         */
        @Test
        void valuesAtTheLargeLimitsRoundTrip() {
            assumeTrue(Boolean.getBoolean("dictdb.longTests"), "a long test: -Ddictdb.longTests=true");
            TableDefinition d = new TableDefinition("large", "id", null, List.of());
            for (Record r : EdgeRecords.atTheLargeLimits()) {
                assertRoundTrip(fullImageOf(d, List.of(r)), "full image, " + r.get("case"));
            }
        }
    }

    /** A delta's commits: which changes were committed together, so a restore never splits a transaction. */
    @Nested
    class Commits {
        @Test
        void randomCommitsRoundTripInDeltas() {
            qt().withExamples(examples()).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
                Random random = new Random(seed);
                RandomImages images = new RandomImages(seed);
                // anywhere in the sequence numbers, up to the largest a header allows
                long first = 1 + (random.nextBoolean() ? random.nextInt(100)
                        : (random.nextLong() & Long.MAX_VALUE) % (Long.MAX_VALUE - 500));
                long last = first - 1 + random.nextInt(random.nextBoolean() ? 12 : 400);
                ImageHeader h = ImageHeader.delta(first, last, "base", Instant.EPOCH);
                Image delta = new Image(h, List.of(), List.of(), List.of(), images.commits(first, last));
                assertRoundTrip(delta, "seed " + seed + ", commits " + delta.commits());
                Image withChanges = images.delta();
                assertRoundTrip(withChanges, "seed " + seed + ", commits " + withChanges.commits());
            });
        }

        @Test
        void noCommitsManyCommitsAndCommitsAtTheHeadersBoundsRoundTrip() {
            ImageHeader h = ImageHeader.delta(3, 8, "base", Instant.EPOCH);
            Image small = smallDelta();
            assertRoundTrip(small.withCommits(List.of()), "no commits");
            assertRoundTrip(small.withCommits(List.of(new CommitRange(3, 8))), "one commit of the whole delta");
            assertRoundTrip(small.withCommits(List.of(new CommitRange(3, 4), new CommitRange(5, 6),
                    new CommitRange(7, 8))), "every pair");
            // many: as many as a delta of 200,001 sequence numbers holds, with no change left (a net-form delta)
            long last = 200_001;
            List<CommitRange> many = new ArrayList<>();
            for (long s = 1; s < last; s += 2) {
                many.add(new CommitRange(s, s + 1));
            }
            assertEquals(DeltaCommits.maxCount(ImageHeader.delta(1, last, "base", Instant.EPOCH)), many.size());
            assertRoundTrip(new Image(ImageHeader.delta(1, last, "base", Instant.EPOCH), List.of(), List.of(),
                    List.of(), many), "100,000 commits");
            // the largest sequence numbers a header allows
            long top = Long.MAX_VALUE - 1;
            assertRoundTrip(new Image(ImageHeader.delta(top - 5, top, "base", Instant.EPOCH), List.of(),
                    List.of(new Change.DropTable(top - 5, "t"), new Change.DropTable(top, "u")), List.of(),
                    List.of(new CommitRange(top - 5, top - 4), new CommitRange(top - 1, top))),
                    "commits at the top of the sequence numbers");
            assertRoundTrip(new Image(h, List.of(), List.of(), List.of(), List.of(new CommitRange(3, 4))),
                    "a commit whose changes were all netted away");
        }

        /** A caller that predates commits (it goes from the table states to {@code finish()}) still reads the delta. */
        @Test
        void aDeltaWithCommitsReadsToItsEndWhenTheyAreLeftUnread() throws IOException {
            Image delta = smallDelta();
            assertFalse(delta.commits().isEmpty());
            byte[] payload = delta.encode(codec());
            try (ImageReader r = codec().newReader(new ByteArrayInputStream(payload))) {
                assertEquals(delta.header(), r.readHeader());
                for (Change expected : delta.changes()) {
                    assertNull(Strict.difference(new Image(delta.header(), List.of(), List.of(expected), List.of()),
                            new Image(delta.header(), List.of(), List.of(r.nextChange()), List.of())));
                }
                assertNull(r.nextChange());
                assertEquals(delta.states(), r.readTableStates());
                r.finish();
            }
            Path file = dir.resolve("delta." + codec().fileExtension());
            ImageFiles.standard().write(file, codec(), delta.header(), delta::writeBody);
            assertEquals(delta.header(), ImageFiles.standard().verify(file).header());
            assertNull(Strict.difference(delta, ImageFiles.standard().read(file, Image::read)));
        }

        @Test
        void aFullImageHasNoCommits() throws IOException {
            Image full = smallImage();
            try (ImageWriter w = codec().newWriter(new ByteArrayOutputStream())) {
                w.writeHeader(full.header());
                w.writeTableStates(List.of());
                assertThrows(IllegalStateException.class, () -> w.writeCommits(List.of()));
            }
        }

        /**
         * Commits out of order, overlapping, outside the header's range or more than it holds are refused with a
         * {@link CodecException} naming the commit, whether the caller reads them or goes straight to
         * {@code finish()}.
         */
        @Test
        void hostileCommitsAreRefusedNamingTheCommit() {
            UncheckedCommits unchecked = uncheckedCommits();
            assumeTrue(unchecked != null, "the codec's test gives no uncheckedCommits()");
            ImageHeader h = ImageHeader.delta(10, 19, "base", Instant.EPOCH);
            Map<String, List<CommitRange>> hostile = new LinkedHashMap<>();
            hostile.put("out of order", List.of(new CommitRange(14, 15), new CommitRange(10, 11)));
            hostile.put("overlapping", List.of(new CommitRange(10, 13), new CommitRange(13, 15)));
            hostile.put("the same twice", List.of(new CommitRange(10, 11), new CommitRange(10, 11)));
            hostile.put("before the range", List.of(new CommitRange(8, 10)));
            hostile.put("after the range", List.of(new CommitRange(18, 20)));
            hostile.put("far outside", List.of(new CommitRange(Long.MAX_VALUE - 2, Long.MAX_VALUE)));
            List<CommitRange> tooMany = new ArrayList<>();
            for (long s = 10; s < 10 + 2 * (DeltaCommits.maxCount(h) + 1); s += 2) {
                tooMany.add(new CommitRange(s, s + 1));
            }
            hostile.put("more than the range holds", tooMany);
            for (Map.Entry<String, List<CommitRange>> e : hostile.entrySet()) {
                byte[] payload = encodeUnchecked(unchecked, new Image(h, List.of(),
                        List.of(new Change.DropTable(12, "t")), List.of(new TableState("t", 3)), e.getValue()));
                Throwable t = decodeFailure(payload);
                assertTrue(t instanceof CodecException, () -> "commits " + e.getKey() + " " + e.getValue() + " gave "
                        + (t == null ? "a delta" : t.toString()) + " instead of a CodecException");
                assertTrue(t.getMessage().contains("commit"), () -> "the message names the commit: "
                        + t.getMessage());
                Throwable skipped = drainFailure(payload);
                assertTrue(skipped instanceof CodecException, () -> "commits " + e.getKey() + ", left unread, gave "
                        + (skipped == null ? "a delta" : skipped.toString()) + " instead of a CodecException");
            }
            // the unchecked way in writes valid commits as the writer does
            Image valid = smallDelta();
            assertNull(Strict.difference(valid, Image.decode(codec(), encodeUnchecked(unchecked, valid))));
        }

        @Test
        void everyTruncationOfADeltaWithCommitsIsRefused() {
            Image delta = new Image(ImageHeader.delta(1, 9, "base", Instant.EPOCH), List.of(),
                    List.of(new Change.DropTable(2, "t")), List.of(), List.of(new CommitRange(1, 2),
                    new CommitRange(4, 9)));
            byte[] payload = delta.encode(codec());
            for (int len = 0; len < payload.length; len++) {
                int at = len;
                Throwable t = decodeFailure(Arrays.copyOf(payload, len));
                assertTrue(t instanceof CodecException, () -> "a delta with commits truncated to " + at + " of "
                        + payload.length + " bytes gave " + (t == null ? "a delta" : t.toString()));
            }
        }

        private byte[] encodeUnchecked(UncheckedCommits unchecked, Image delta) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageWriter w = codec().newWriter(out)) {
                w.writeHeader(delta.header());
                for (Change c : delta.changes()) {
                    w.writeChange(c);
                }
                w.writeTableStates(delta.states());
                unchecked.write(w, delta.commits());
                w.finish();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        /** Reads a payload as a caller that predates commits: changes, table states, finish. */
        private Throwable drainFailure(byte[] payload) {
            try (ImageReader r = codec().newReader(new ByteArrayInputStream(payload))) {
                r.readHeader();
                while (r.nextChange() != null) {
                    // dropped
                }
                r.readTableStates();
                r.finish();
                return null;
            } catch (Throwable t) {
                return t;
            }
        }
    }

    /** Writers and readers stream: neither holds the image whole. */
    @Nested
    class Streaming {
        @Test
        void largeImagesStreamInBothDirections() throws IOException {
            int n = largeImageRecords();
            Path file = dir.resolve("large");
            long[] writtenBeforeFinish = new long[1];
            CountingOutputStream out = new CountingOutputStream(Files.newOutputStream(file));
            try (out; ImageWriter w = codec().newWriter(out)) {
                w.writeHeader(ImageHeader.full(n, Instant.EPOCH));
                w.beginTable(new TableDefinition("big", "id", null, List.of()));
                for (long i = 0; i < n; i++) {
                    w.writeRecord(largeRecord(i));
                }
                w.endTable();
                writtenBeforeFinish[0] = out.count;
                w.writeTableStates(List.of(new TableState("big", n + 1L)));
                w.finish();
            }
            long size = Files.size(file);
            assertTrue(writtenBeforeFinish[0] >= size / 2, "the writer streams: " + writtenBeforeFinish[0]
                    + " of " + size + " bytes had reached the stream before the table states and finish()");
            CountingInputStream in = new CountingInputStream(Files.newInputStream(file));
            try (in; ImageReader r = codec().newReader(in)) {
                assertEquals(ImageKind.FULL, r.readHeader().kind());
                assertNotNull(r.nextTable());
                assertNull(Strict.difference(largeRecord(0), r.nextRecord()));
                assertTrue(in.count < size / 2, "the reader streams: it had consumed " + in.count + " of " + size
                        + " bytes after the first record");
                for (long i = 1; i < n; i++) {
                    Record rec = r.nextRecord();
                    assertNotNull(rec, "record " + i);
                    if (i % 9973 == 0) {
                        assertNull(Strict.difference(largeRecord(i), rec));
                    }
                }
                assertNull(r.nextRecord());
                assertNull(r.nextTable());
                assertEquals(List.of(new TableState("big", n + 1L)), r.readTableStates());
                r.finish();
            }
        }
    }

    /** Damaged, foreign and hostile payloads fail with a {@link CodecException} and nothing else. */
    @Nested
    class HostileInput {
        @Test
        void everyTruncationOfAPayloadIsRefused() {
            for (Image image : List.of(smallImage(), smallDelta())) {
                byte[] payload = image.encode(codec());
                ImageKind kind = image.header().kind();
                for (int len = 0; len < payload.length; len++) {
                    byte[] cut = Arrays.copyOf(payload, len);
                    int at = len;
                    Throwable t = decodeFailure(cut);
                    assertNotNull(t, () -> "a " + kind + " payload truncated to " + at + " of " + payload.length
                            + " bytes was read as a whole image");
                    assertTrue(t instanceof CodecException, () -> "a " + kind + " payload truncated to " + at
                            + " bytes failed with " + t + " instead of a CodecException");
                }
            }
        }

        /**
         * Bytes after the end of an image are refused: a zero byte, a letter, and a second copy of the image (two
         * images glued together are not one). A text codec may ignore trailing white space; nothing else.
         */
        @Test
        void trailingBytesAreRefused() {
            for (Image image : List.of(smallImage(), smallDelta())) {
                byte[] payload = image.encode(codec());
                for (byte[] tail : List.of(new byte[] {0}, new byte[] {'x'}, payload)) {
                    byte[] longer = Arrays.copyOf(payload, payload.length + tail.length);
                    System.arraycopy(tail, 0, longer, payload.length, tail.length);
                    Throwable t = decodeFailure(longer);
                    assertTrue(t instanceof CodecException, () -> "a " + image.header().kind() + " payload followed by "
                            + tail.length + " more bytes gave " + (t == null ? "an image" : t.toString())
                            + " instead of a CodecException");
                }
            }
        }

        /**
         * Random bit flips in a small full image, a small delta and random images of both kinds either fail with a
         * {@link CodecException} or read as some image (a flipped bit inside a string may well leave a valid image);
         * never another exception.
         */
        @Test
        void randomBitFlipsAreRefusedOrReadCleanly() {
            byte[][] small = {smallImage().encode(codec()), smallDelta().encode(codec())};
            qt().withExamples(examples() * 2).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
                Random random = new Random(seed);
                byte[] damaged = switch (random.nextInt(4)) {
                    case 0, 1 -> small[random.nextInt(2)].clone();
                    case 2 -> new RandomImages(seed).fullImage().encode(codec());
                    default -> new RandomImages(seed).delta().encode(codec());
                };
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    int bit = random.nextInt(damaged.length * 8);
                    damaged[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                Throwable t = decodeFailure(damaged);
                if (t != null && !(t instanceof CodecException)) {
                    fail("a payload with flipped bits (seed " + seed + ") failed with " + t
                            + " instead of a CodecException", t);
                }
            });
        }

        /**
         * The garbage law: random bytes (0 to 199 of them) are refused with a {@link CodecException}: never read as an
         * image, and never failing with another exception. A weaker law was considered, that garbage may decode when the
         * image re-encodes to the same bytes (a format in which any bytes are an image); the kit holds codecs to the
         * stricter one, since a format that reads random bytes as a database cannot tell a damaged or foreign file from
         * its own. The project's codecs keep it: kryo by its magic, cbor and json by the structure every image starts
         * with, which random bytes make with a vanishing probability.
         */
        @Test
        void randomGarbageIsRefused() {
            qt().withExamples(examples()).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
                Random random = new Random(seed);
                byte[] garbage = new byte[random.nextInt(200)];
                random.nextBytes(garbage);
                Throwable t = decodeFailure(garbage);
                if (t == null) {
                    fail("random bytes (seed " + seed + ", " + garbage.length + " bytes) were read as an image: "
                            + Arrays.toString(garbage));
                }
                if (!(t instanceof CodecException)) {
                    fail("random bytes (seed " + seed + ") failed with " + t + " instead of a CodecException", t);
                }
            });
        }

        @Test
        void valuesNestedTooDeeplyAreRefused() {
            for (int depth : new int[] {ImageLimits.MAX_DEPTH + 1, 10_000}) {
                Object v = "bottom";
                for (int i = 0; i < depth; i++) {
                    v = Record.of("v", List.of(v)).get("v"); // canonical lists nest without the copy's depth check
                }
                Record r = Record.of(Map.of("id", 1L, "deep", v));
                Image image = fullImageOf(List.of(r));
                byte[] payload;
                try {
                    payload = image.encode(codec());
                } catch (CodecException refused) {
                    continue; // refused when writing
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError("writing a value nested " + depth + " levels failed with " + e
                            + " instead of a CodecException", e);
                }
                Throwable t = decodeFailure(payload);
                assertTrue(t instanceof CodecException, "a value nested " + depth + " levels was written, and reading "
                        + "it gave " + (t == null ? "no error" : t.toString()) + " instead of a CodecException");
            }
        }
    }

    /**
     * Index specs ({@link IndexDefinition}): composite, unique, partial and elements indexes come back whole in
     * full images and deltas, with conditions of every kind; an unknown index type or a bad stored condition is
     * refused with a {@link CodecException} that names it.
     */
    @Nested
    class IndexSpecs {
        @Test
        void everyKindOfIndexRoundTripsInFullImagesAndDeltas() {
            TableDefinition d = indexedUsers();
            Record r = Record.of("id", 1L, "email", "a@example.com", "deleted", false, "tags", List.of("java", 2L));
            assertRoundTrip(fullImageOf(d, List.of(r)), "a full image with " + d.indexes());
            List<Change> changes = new ArrayList<>();
            long seq = 0;
            changes.add(new Change.CreateTable(++seq, new TableDefinition(d.name(), "id", null, List.of())));
            for (IndexDefinition index : d.indexes()) {
                changes.add(new Change.CreateIndex(++seq, d.name(), index));
            }
            for (IndexDefinition index : d.indexes()) {
                changes.add(new Change.DropIndex(++seq, d.name(), index.name())); // email, city+age, tags[]...
            }
            changes.add(new Change.CreateTable(++seq, d));
            assertRoundTrip(new Image(ImageHeader.delta(1, seq, "base", Instant.EPOCH), List.of(), changes,
                    List.of(new TableState(d.name(), 2))), "a delta creating and dropping " + d.indexes());
        }

        @Test
        void partialIndexesWithRandomConditionsRoundTrip() {
            qt().withExamples(examples()).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
                RandomImages random = new RandomImages(seed);
                IndexDefinition index = new IndexDefinition(List.of("a", "b"), IndexType.SORTED, seed % 2 == 0,
                        random.condition(0));
                TableDefinition d = new TableDefinition("t", "id", null, List.of(index));
                assertRoundTrip(fullImageOf(d, List.of()), "seed " + seed + ", full image");
                assertRoundTrip(new Image(ImageHeader.delta(4, 4, "base", Instant.EPOCH), List.of(),
                        List.of(new Change.CreateIndex(4, "t", index)), List.of()), "seed " + seed + ", delta");
            });
        }

        @Test
        void anUnknownIndexTypeIsRefusedNamingIt() {
            for (Image image : List.of(fullImageOf(indexedUsers(), List.of()), createIndexDelta())) {
                byte[] payload = replaceInPayload(image.encode(codec()), "SORTED", "SORTEX");
                Throwable t = decodeFailure(payload);
                assertTrue(t instanceof CodecException && t.getMessage().contains("SORTEX"), () -> "an index of "
                        + "type SORTEX in a " + image.header().kind() + " image gave " + t);
            }
        }

        @Test
        void aBadStoredConditionIsRefusedNamingItAndTheTable() {
            for (Image image : List.of(fullImageOf(indexedUsers(), List.of()), createIndexDelta())) {
                byte[] payload = replaceInPayload(image.encode(codec()), "startsWith", "startsWitX");
                Throwable t = decodeFailure(payload);
                assertTrue(t instanceof CodecException && t.getMessage().contains("startsWitX")
                        && t.getMessage().contains("users"), () -> "a condition with the unknown op startsWitX in a "
                        + image.header().kind() + " image gave " + t);
            }
        }
    }

    /** The shared frame ({@link ImageFiles}) around the codec's payload. */
    @Nested
    class Frame {
        @Test
        void framedFilesRoundTripAndNameTheirCodec() {
            Image image = smallImage();
            Path file = dir.resolve("image." + codec().fileExtension());
            ImageInfo written = ImageFiles.standard().write(file, codec(), image.header(), image::writeBody);
            assertTrue(written.framed());
            Image back = ImageFiles.standard().read(file, Image::read);
            assertNull(Strict.difference(image, back));
            ImageInfo info = ImageFiles.standard().inspect(file);
            assertEquals(codec().name(), info.codec());
            assertEquals(image.header(), info.header());
        }

        @Test
        void plainExportsReadBackWithoutAFrame() throws IOException {
            Image image = smallImage();
            Path file = dir.resolve("export." + codec().fileExtension());
            ImageInfo written = ImageFiles.standard().export(file, codec(), image.header(), image::writeBody);
            assertFalse(written.framed());
            assertEquals(Files.size(file), image.encode(codec()).length, "a plain export is the bare payload");
            Image back = ImageFiles.standard().read(file, codec().name(), Image::read);
            assertNull(Strict.difference(image, back));
        }

        @Test
        void everyTruncationOfAFramedFileIsRefusedNamingTheFile() throws IOException {
            Image image = smallImage();
            Path file = dir.resolve("whole." + codec().fileExtension());
            ImageFiles.standard().write(file, codec(), image.header(), image::writeBody);
            byte[] bytes = Files.readAllBytes(file);
            Path cut = dir.resolve("cut." + codec().fileExtension());
            for (int len = 0; len < bytes.length; len++) {
                Files.write(cut, Arrays.copyOf(bytes, len));
                int at = len;
                CodecException e = assertThrows(CodecException.class,
                        () -> ImageFiles.standard().read(cut, Image::read),
                        () -> "a file truncated to " + at + " of " + bytes.length + " bytes was read");
                assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
            }
        }

        @Test
        void bitFlipsAnywhereInAFramedFileAreRefusedNamingTheFile() throws IOException {
            Image image = smallImage();
            Path file = dir.resolve("whole." + codec().fileExtension());
            ImageFiles.standard().write(file, codec(), image.header(), image::writeBody);
            byte[] bytes = Files.readAllBytes(file);
            Path flipped = dir.resolve("flipped." + codec().fileExtension());
            List<Integer> bits = new ArrayList<>();
            Random random = new Random(bytes.length);
            for (int i = 0; i < examples(); i++) {
                bits.add(random.nextInt(bytes.length * 8));
            }
            for (int i = 0; i < 8; i++) {
                bits.add(i); // the magic
                bits.add((bytes.length - 1) * 8 - i * 8); // the trailer
            }
            for (int bit : bits) {
                byte[] damaged = bytes.clone();
                damaged[bit / 8] ^= (byte) (1 << (bit % 8));
                Files.write(flipped, damaged);
                CodecException e = assertThrows(CodecException.class,
                        () -> ImageFiles.standard().read(flipped, Image::read),
                        () -> "a file with bit " + bit + " flipped was read");
                assertTrue(e.getMessage().contains(flipped.toString()), e.getMessage());
            }
        }
    }

    /**
     * The payload with every occurrence of {@code from} replaced by {@code to}, a text of the same length in UTF-8,
     * for the kit's hostile index tests (an unknown index type, a bad condition). The default replaces the bytes of
     * the payload as they are; a codec whose payload is compressed or checksummed overrides it to replace inside
     * the content and rebuild the rest.
     *
     * @param payload a payload the codec wrote
     * @param from the text to find, which the payload holds as UTF-8
     * @param to the text to put in its place, as long in UTF-8
     * @return the changed payload
     */
    protected byte[] replaceInPayload(byte[] payload, String from, String to) {
        byte[] changed = replaceAll(payload, from, to);
        if (Arrays.equals(changed, payload)) {
            fail("the " + codec().name() + " payload does not hold '" + from + "' as UTF-8: override "
                    + "replaceInPayload to replace it inside the content");
        }
        return changed;
    }

    /**
     * A copy of {@code bytes} with every occurrence of {@code from} (as UTF-8) replaced by {@code to}.
     *
     * @param bytes the bytes
     * @param from the text to find
     * @param to the text to put in its place, as long in UTF-8
     * @return the changed copy
     */
    protected static byte[] replaceAll(byte[] bytes, String from, String to) {
        byte[] f = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (f.length != t.length || f.length == 0) {
            throw new IllegalArgumentException("'" + from + "' and '" + to + "' must be as long, and not empty");
        }
        byte[] out = bytes.clone();
        for (int i = 0; i + f.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, out, i, t.length);
                i += f.length - 1;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    /**
     * A table with an index of every kind: plain, composite hash, composite sorted unique, partial unique (email
     * unique among records not soft-deleted), elements, and a partial sorted index on a text condition.
     */
    private static TableDefinition indexedUsers() {
        return new TableDefinition("users", "id", null, List.of(
                new IndexDefinition("name", IndexType.HASH),
                IndexDefinition.of(IndexSpec.hash("city", "age")),
                IndexDefinition.of(IndexSpec.sorted("country", "city", "age").unique()),
                IndexDefinition.of(IndexSpec.hash("email").unique().where(Conditions.field("deleted").eq(false))),
                IndexDefinition.of(IndexSpec.elements("tags")),
                IndexDefinition.of(IndexSpec.sorted("score").where(Conditions.field("name").startsWith("Al")
                        .and(Conditions.field("tags").hasAny("java", 3L))))));
    }

    /** A delta creating a sorted index whose condition is a text test. */
    private static Image createIndexDelta() {
        IndexDefinition index = IndexDefinition.of(IndexSpec.sorted("city", "age")
                .where(Conditions.field("name").startsWith("Al").or(Conditions.field("age").gt(17))));
        return new Image(ImageHeader.delta(9, 9, "base", Instant.EPOCH), List.of(),
                List.of(new Change.CreateIndex(9, "users", index)), List.of());
    }

    /** A definition whose table, primary-key, schema-field and index names are edge names. */
    private static TableDefinition edgeDefinition(String table, String key, String field) {
        Schema.Builder schema = Schema.builder().field(key, FieldType.ANY);
        if (!field.equals(key)) {
            schema.optional(field, FieldType.ANY);
        }
        return new TableDefinition(table, key, schema.build(), List.of(new IndexDefinition(field, IndexType.HASH)));
    }

    private static Image fullImageOf(TableDefinition d, List<Record> records) {
        return new Image(ImageHeader.full(records.size(), Instant.EPOCH), List.of(new Image.Table(d, records)),
                List.of(), List.of(new TableState(d.name(), records.size() + 1L)));
    }

    /** A delta that creates the table, upserts the records, deletes one, and changes indexes and the table. */
    private static Image deltaOf(TableDefinition d, List<Record> records) {
        List<Change> changes = new ArrayList<>();
        long seq = 0;
        changes.add(new Change.CreateTable(++seq, d));
        for (Record r : records) {
            changes.add(new Change.Upsert(++seq, d.name(), r));
        }
        String field = d.indexes().get(0).field();
        changes.add(new Change.Delete(++seq, d.name(), field));
        changes.add(new Change.DropIndex(++seq, d.name(), field));
        changes.add(new Change.CreateIndex(++seq, d.name(), new IndexDefinition(field, IndexType.SORTED)));
        changes.add(new Change.DropTable(++seq, d.name()));
        return new Image(ImageHeader.delta(1, seq, "base", Instant.EPOCH), List.of(), changes,
                List.of(new TableState(d.name(), records.size() + 1L)));
    }

    private void assertRoundTrip(Image image) {
        assertRoundTrip(image, "");
    }

    private void assertRoundTrip(Image image, String context) {
        byte[] payload = image.encode(codec());
        Image back = Image.decode(codec(), payload);
        String d = Strict.difference(image, back);
        assertNull(d, () -> context + ": " + d);
    }

    private static Image fullImageOf(List<Record> records) {
        TableDefinition d = new TableDefinition("t", "id", null, List.of());
        return new Image(ImageHeader.full(records.size(), Instant.EPOCH), List.of(new Image.Table(d, records)),
                List.of(), List.of(new TableState("t", records.size() + 1L)));
    }

    private static Record largeRecord(long i) {
        return Record.of("id", i, "name", "name-" + i, "score", i * 0.5, "tags", List.of("a", i));
    }

    private Image smallImage() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", 1L);
        m.put("name", "Zoë \uD83D\uDE00");
        m.put("score", -0.0);
        m.put("when", Instant.parse("2024-01-01T00:00:00Z"));
        m.put("tags", List.of("x", 2L));
        TableDefinition d = new TableDefinition("users", "id", null, List.of(new IndexDefinition("name",
                IndexType.SORTED)));
        return new Image(ImageHeader.full(2, Instant.EPOCH), List.of(new Image.Table(d,
                List.of(Record.of(m), Record.of("id", 2L)))), List.of(), List.of(new TableState("users", 3)));
    }

    /** A small delta with one change of each kind, and two commits (one at the header's first sequence number). */
    private static Image smallDelta() {
        TableDefinition d = new TableDefinition("users", "id", null, List.of());
        List<Change> changes = List.of(
                new Change.Upsert(3, "users", Record.of("id", 3L, "name", "Zo\u00eb \uD83D\uDE00", "score", -0.0)),
                new Change.Delete(4, "users", 1L),
                new Change.CreateTable(5, d),
                new Change.CreateIndex(6, "users", new IndexDefinition("name", IndexType.HASH)),
                new Change.DropIndex(7, "users", "name"),
                new Change.DropTable(8, "users"));
        return new Image(ImageHeader.delta(3, 8, "base", Instant.EPOCH), List.of(), changes,
                List.of(new TableState("users", 4)), List.of(new CommitRange(3, 4), new CommitRange(6, 8)));
    }

    private Throwable decodeFailure(byte[] payload) {
        try {
            Image.decode(codec(), new ByteArrayInputStream(payload));
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** Counts bytes written. */
    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** Counts bytes read. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(n);
            count += s;
            return s;
        }
    }
}
