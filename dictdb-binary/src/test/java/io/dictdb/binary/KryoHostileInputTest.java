package io.dictdb.binary;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.io.Output;
import io.dictdb.codec.tck.Image;
import io.dictdb.spi.ImageLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

/** Hand-crafted kryo payloads that lie about lengths, counts, depth and types. */
class KryoHostileInputTest {
    private static final byte[] FORMAT_1 = {'D', 'D', 'B', 'K', 1};
    private final KryoCodec codec = new KryoCodec();

    /** The fixed start of the full images these tests build by hand, up to the marker of their first table. */
    private static void fullImageHeader(Output out) {
        out.writeVarInt(1, true);
        out.writeByte(0);
        out.writeVarLong(1, true);
        out.writeVarLong(1, true);
        out.writeByte(0);
        out.writeByte(0);
        out.writeVarLong(0, false);
        out.writeVarInt(0, true);
        out.writeByte(KryoCodec.NEXT);
    }

    /** The content of a full image up to the first field value of the first record of table "t". */
    private static Output recordValueStart() {
        Output out = new Output(1024, -1);
        KryoWire.Out wire = new KryoWire.Out(out);
        fullImageHeader(out);
        wire.writeDefinition(new io.dictdb.spi.TableDefinition("t", "id", null, java.util.List.of()));
        out.writeByte(KryoCodec.NEXT);
        out.writeVarInt(1, true);
        wire.writeName("v");
        return out;
    }

    /** The magic of format 1 (the layout these crafted payloads use) and an LZ4 frame around {@code content}. */
    static byte[] payload(byte[] content) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(FORMAT_1);
            // lz4-java's own frame writer, as format 1 used (safe instances, no content checksum: that would load
            // the JNI library)
            try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                    -1L, LZ4Factory.safeInstance().fastCompressor(), XXHashFactory.safeInstance().hash32(),
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE)) {
                lz4.write(content);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] withValue(byte... value) {
        Output out = recordValueStart();
        out.writeBytes(value);
        return payload(out.toBytes());
    }

    private static byte[] varint(int v) {
        Output out = new Output(8);
        out.writeVarInt(v, true);
        return out.toBytes();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void theCraftedPrefixIsValidSoEachTestChangesOneThing() {
        byte[] ok = withValue(concat(new byte[] {KryoWire.T_STRING}, varint(2), "ok".getBytes(),
                new byte[] {KryoCodec.END, KryoCodec.END, 0, KryoCodec.EOF}));
        Image image = Image.decode(codec, ok);
        assertThat(image.tables().get(0).records().get(0).getString("v")).isEqualTo("ok");
    }

    @Test
    void aStringClaimingTwoGigabytesFailsFast() {
        var e = Hostile.rejects(codec, withValue(concat(new byte[] {KryoWire.T_STRING}, varint(Integer.MAX_VALUE),
                "abc".getBytes())));
        assertThat(e).hasMessageContaining("claims 2147483647").hasMessageContaining("table 't'");
    }

    @Test
    void aStringClaimingJustUnderTheLimitCostsOnlyTheBytesPresent() {
        var e = Hostile.rejects(codec, withValue(concat(new byte[] {KryoWire.T_STRING},
                varint(ImageLimits.MAX_STRING_LENGTH), new byte[1000])));
        assertThat(e).hasMessageContaining("Truncated");
    }

    @Test
    void aByteArrayClaimingTwoGigabytesOrJustUnderTheLimitFailsFast() {
        Hostile.rejects(codec, withValue(concat(new byte[] {KryoWire.T_BYTES}, varint(Integer.MAX_VALUE))));
        Hostile.rejects(codec, withValue(concat(new byte[] {KryoWire.T_BYTES}, varint(ImageLimits.MAX_BYTES_LENGTH),
                new byte[100_000])));
    }

    @Test
    void negativeLengthsAreRefused() {
        var e = Hostile.rejects(codec, withValue(concat(new byte[] {KryoWire.T_STRING}, varint(-1))));
        assertThat(e).hasMessageContaining("negative");
        Hostile.rejects(codec, withValue(concat(new byte[] {KryoWire.T_LIST}, varint(-5))));
        Hostile.rejects(codec, withValue(concat(new byte[] {KryoWire.T_MAP}, varint(Integer.MIN_VALUE))));
    }

    @Test
    void hugeListAndMapCountsFailFast() {
        Hostile.rejects(codec, withValue(concat(new byte[] {KryoWire.T_LIST}, varint(1_000_000_000))));
        // a count within the limit, with nothing behind it: pre-allocation is capped, the input simply ends
        Hostile.rejects(codec, withValue(concat(new byte[] {KryoWire.T_LIST}, varint(ImageLimits.MAX_COLLECTION_SIZE))));
        Hostile.rejects(codec, withValue(concat(new byte[] {KryoWire.T_MAP}, varint(1_000_000_000))));
    }

    @Test
    void tenThousandLevelsOfNestingAreRefused() {
        byte[] deep = new byte[20_000];
        for (int i = 0; i < deep.length; i += 2) {
            deep[i] = KryoWire.T_LIST;
            deep[i + 1] = 1;
        }
        var e = Hostile.rejects(codec, withValue(deep));
        assertThat(e).hasMessageContaining("deeper than 256");
        byte[] maps = new byte[30_000];
        for (int i = 0; i < maps.length; i += 3) {
            maps[i] = KryoWire.T_MAP;
            maps[i + 1] = 1;
            maps[i + 2] = 1; // the name "v" again, by its number in the name table
        }
        Hostile.rejects(codec, withValue(maps));
    }

    @Test
    void anUnknownTypeByteIsRefused() {
        var e = Hostile.rejects(codec, withValue(new byte[] {99, 0, 0, 0}));
        assertThat(e).hasMessageContaining("unknown value type 99");
    }

    @Test
    void aNameNumberNeverDefinedIsRefused() {
        Output out = recordValueStart();
        out.writeByte(KryoWire.T_MAP);
        out.writeVarInt(1, true);
        out.writeVarInt(1_000, true);
        var e = Hostile.rejects(codec, payload(out.toBytes()));
        assertThat(e).hasMessageContaining("name #1000");
    }

    @Test
    void aBillionTablesFailFast() {
        Output out = new Output(64, -1);
        out.writeVarInt(1, true);
        out.writeByte(0);
        out.writeVarLong(1, true);
        out.writeVarLong(1, true);
        out.writeByte(0);
        out.writeByte(0);
        out.writeVarLong(0, false);
        out.writeVarInt(0, true);
        out.writeByte(KryoCodec.END);
        out.writeVarInt(1_000_000_000, true);
        var e = Hostile.rejects(codec, payload(out.toBytes()));
        assertThat(e).hasMessageContaining("table state count");
    }

    @Test
    void aDecimalWithAHugeScaleIsRefused() {
        Output out = new Output(16);
        out.writeByte(KryoWire.T_DECIMAL);
        out.writeVarInt(Integer.MIN_VALUE, false);
        out.writeVarInt(1, true);
        out.writeByte(1);
        Hostile.rejects(codec, withValue(out.toBytes()));
    }

    @Test
    void wrongMagicOrBrokenCompressionIsRefused() {
        assertThat(Hostile.rejects(codec, "DDBX\1 not kryo".getBytes())).hasMessageContaining("magic");
        assertThat(Hostile.rejects(codec, concat(FORMAT_1, new byte[] {4, 0x22, 0x4D, 0x18, 1, 2, 3})))
                .hasMessageContaining("kryo");
        byte[] good = withValue(concat(new byte[] {KryoWire.T_STRING}, varint(2), "ok".getBytes(),
                new byte[] {KryoCodec.END, KryoCodec.END, 0, KryoCodec.EOF}));
        good[good.length / 2 + 4] ^= 0x10;
        Hostile.rejects(codec, good);
    }

    /** A format-2 image (the current writer's frame) up to the first record tag of table "t", then {@code tail}. */
    private static byte[] formatTwo(byte[] tail) {
        Output out = new Output(1024, -1);
        KryoWire.Out wire = new KryoWire.Out(out);
        fullImageHeader(out);
        wire.writeDefinition(new io.dictdb.spi.TableDefinition("t", "id", null, List.of()));
        out.writeBytes(tail);
        return frame(KryoCodec.MAGIC, out.toBytes());
    }

    /** A format-2 image of one empty table "t" whose one index {@code index} writes, after the spec mark. */
    private static byte[] withIndexSpec(java.util.function.Consumer<KryoWire.Out> index) {
        Output out = new Output(1024, -1);
        KryoWire.Out wire = new KryoWire.Out(out);
        fullImageHeader(out);
        wire.writeName("t");
        wire.writeName("id");
        out.writeByte(0); // no schema
        out.writeVarInt(1, true); // one index
        wire.writeName(KryoWire.INDEX_SPEC);
        index.accept(wire);
        out.writeBytes(END_OF_IMAGE);
        return frame(KryoCodec.MAGIC, out.toBytes());
    }

    @Test
    void indexSpecsAreBoundedAndCheckedNamingTheTable() {
        // the prefix is valid: a composite unique index without a condition reads
        byte[] good = withIndexSpec(w -> {
            w.out.writeVarInt(2, true);
            w.writeName("a");
            w.writeName("b");
            w.writeName("HASH");
            w.out.writeByte(1);
            w.out.writeByte(0);
        });
        assertThat(Image.decode(codec, good).tables().get(0).definition().indexes()).containsExactly(
                io.dictdb.spi.IndexDefinition.of(io.dictdb.IndexSpec.hash("a", "b").unique()));
        var e = Hostile.rejects(codec, withIndexSpec(w -> w.out.writeVarInt(1_000_000_000, true)));
        assertThat(e).hasMessageContaining("field count of an index").hasMessageContaining("table 't'");
        e = Hostile.rejects(codec, withIndexSpec(w -> {
            w.out.writeVarInt(1, true);
            w.writeName("a");
            w.writeName("BTREE");
        }));
        assertThat(e).hasMessageContaining("BTREE").hasMessageContaining("table 't'");
        e = Hostile.rejects(codec, withIndexSpec(w -> {
            w.out.writeVarInt(1, true);
            w.writeName("a");
            w.writeName("SORTED");
            w.out.writeByte(7);
        }));
        assertThat(e).hasMessageContaining("unique flag 7");
        e = Hostile.rejects(codec, withIndexSpec(w -> {
            w.out.writeVarInt(1, true);
            w.writeName("a");
            w.writeName("SORTED");
            w.out.writeByte(0);
            w.out.writeByte(1);
            w.writeValue(5L, 0); // a condition must be a map
        }));
        assertThat(e).hasMessageContaining("condition").hasMessageContaining("table 't'");
        e = Hostile.rejects(codec, withIndexSpec(w -> {
            w.out.writeVarInt(2, true);
            w.writeName("a");
            w.writeName("a");
            w.writeName("SORTED");
            w.out.writeByte(0);
            w.out.writeByte(0);
        }));
        assertThat(e).hasMessageContaining("appears twice").hasMessageContaining("table 't'");
    }

    /** The magic and {@link Lz4FrameWriter}'s frame around {@code content}. */
    static byte[] frame(byte[] magic, byte[] content) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(magic);
            Lz4FrameWriter lz4 = new Lz4FrameWriter(bytes);
            for (int at = 0; at < content.length; at += Lz4FrameWriter.BLOCK_SIZE) {
                lz4.writeBlock(content, at, Math.min(Lz4FrameWriter.BLOCK_SIZE, content.length - at));
            }
            lz4.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final byte[] END_OF_IMAGE = {KryoWire.R_END, KryoCodec.END, 0, KryoCodec.EOF};

    @Test
    void theFormatTwoPrefixIsValidSoEachTestChangesOneThing() {
        Output out = new Output(64, -1);
        KryoWire.Out wire = new KryoWire.Out(out);
        out.writeVarInt(KryoWire.R_NEW_SHAPE, true);
        out.writeVarInt(1, true);
        wire.writeName("v");
        out.writeByte(KryoWire.T_LONG);
        out.writeVarLong(7, false);
        out.writeVarInt(KryoWire.R_SHAPE_BASE, true);
        out.writeByte(KryoWire.T_LONG);
        out.writeVarLong(8, false);
        Image image = Image.decode(codec, formatTwo(concat(out.toBytes(), END_OF_IMAGE)));
        assertThat(image.tables().get(0).records()).containsExactly(io.dictdb.Record.of("v", 7L),
                io.dictdb.Record.of("v", 8L));
    }

    @Test
    void aShapeNumberNeverDefinedIsRefused() {
        var e = Hostile.rejects(codec, formatTwo(concat(varint(KryoWire.R_SHAPE_BASE + 5), END_OF_IMAGE)));
        assertThat(e).hasMessageContaining("shape #5").hasMessageContaining("record 1 of table 't'");
        e = Hostile.rejects(codec, formatTwo(concat(varint(-1), END_OF_IMAGE)));
        assertThat(e).hasMessageContaining("shape #");
    }

    @Test
    void aShapeClaimingABillionFieldsFailsFast() {
        var e = Hostile.rejects(codec, formatTwo(concat(varint(KryoWire.R_NEW_SHAPE), varint(1_000_000_000))));
        assertThat(e).hasMessageContaining("shape's field count");
    }

    @Test
    void aShapeNamingAFieldTwiceIsRefused() {
        // each name written out in full (0, length, bytes): the prefix's own writer numbered "t" and "id" already
        byte[] v = concat(varint(0), varint(1), "v".getBytes());
        var e = Hostile.rejects(codec, formatTwo(concat(varint(KryoWire.R_ONE_OFF_SHAPE), varint(2), v, v,
                END_OF_IMAGE)));
        assertThat(e).hasMessageContaining("appears twice");
    }

    @Test
    void aDamagedOrLyingLz4FrameIsRefused() {
        byte[] good = formatTwo(END_OF_IMAGE);
        assertThat(Image.decode(codec, good).tables().get(0).records()).isEmpty();
        // the first block's size (after magic 5 + frame header 7) claims more than the frame's block size
        byte[] lying = good.clone();
        Lz4FrameWriter.writeIntLE(lying, 12, 1 << 30);
        assertThat(Hostile.rejects(codec, lying)).hasMessageContaining("LZ4 block claims");
        byte[] damaged = good.clone();
        damaged[17] ^= 0x01;
        assertThat(Hostile.rejects(codec, damaged)).hasMessageContaining("checksum");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        assertThat(Hostile.rejects(codec, truncated)).hasMessageContaining("Truncated");
        byte[] badDescriptor = good.clone();
        badDescriptor[10] = 0x70; // a reserved block size code
        assertThat(Hostile.rejects(codec, badDescriptor)).hasMessageContaining("kryo");
    }

    @Test
    void anUnknownFormatVersionIsRefusedByNumber() {
        byte[] future = formatTwo(END_OF_IMAGE);
        future[4] = 3;
        assertThat(Hostile.rejects(codec, future)).hasMessageContaining("format version 3");
    }

    /** The content of a delta of sequence numbers 203..208 without changes or table states, up to its commits. */
    private static Output emptyDeltaUpToCommits() {
        Output out = new Output(1024, -1);
        out.writeVarInt(1, true);
        out.writeByte(1); // a delta
        out.writeVarLong(203, true);
        out.writeVarLong(208, true);
        out.writeByte(0);
        out.writeByte(0);
        out.writeVarLong(0, false);
        out.writeVarInt(0, true);
        out.writeByte(KryoCodec.END); // no changes
        out.writeVarInt(0, true); // no table states
        out.writeByte(KryoCodec.COMMITS);
        return out;
    }

    /** A count of commits is bounded by the delta's range (at most 3 in 203..208) before anything is read for it. */
    @Test
    void aHugeCommitCountIsRefusedBeforeAnythingIsAllocated() {
        for (int claimed : new int[] {4, 1 << 30, Integer.MAX_VALUE, -1}) {
            Output out = emptyDeltaUpToCommits();
            out.writeVarInt(claimed, true);
            out.writeVarLong(203, true);
            out.writeVarLong(1, true);
            out.writeByte(KryoCodec.EOF);
            assertThat(Hostile.rejects(codec, payload(out.toBytes())).getMessage())
                    .contains("commits").contains("203..208").contains("at most 3");
        }
        Output ok = emptyDeltaUpToCommits();
        ok.writeVarInt(1, true);
        ok.writeVarLong(203, true);
        ok.writeVarLong(1, true);
        ok.writeByte(KryoCodec.EOF);
        assertThat(Image.decode(codec, payload(ok.toBytes())).commits())
                .containsExactly(new io.dictdb.spi.CommitRange(203, 204));
    }

    /** A commit whose span is zero, negative or runs past the largest sequence number is refused naming it. */
    @Test
    void aCommitThatIsNoRangeIsRefused() {
        for (long[] firstAndSpan : new long[][] {{204, 0}, {204, -1}, {Long.MAX_VALUE - 1, 2}, {0, 3}}) {
            Output out = emptyDeltaUpToCommits();
            out.writeVarInt(1, true);
            out.writeVarLong(firstAndSpan[0], true);
            out.writeVarLong(firstAndSpan[1], true);
            out.writeByte(KryoCodec.EOF);
            assertThat(Hostile.rejects(codec, payload(out.toBytes())).getMessage()).contains("commit #1");
        }
    }
}
