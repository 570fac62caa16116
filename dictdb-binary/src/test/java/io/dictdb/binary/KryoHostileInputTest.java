package io.dictdb.binary;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.io.Output;
import io.dictdb.spi.ImageLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;

/** Hand-crafted kryo payloads that lie about lengths, counts, depth and types. */
class KryoHostileInputTest {
    private final KryoCodec codec = new KryoCodec();

    /** The content of a full image up to the first field value of the first record of table "t". */
    private static Output recordValueStart() {
        Output out = new Output(1024, -1);
        KryoWire.Out wire = new KryoWire.Out(out);
        out.writeVarInt(1, true);
        out.writeByte(0);
        out.writeVarLong(1, true);
        out.writeVarLong(1, true);
        out.writeByte(0);
        out.writeByte(0);
        out.writeVarLong(0, false);
        out.writeVarInt(0, true);
        out.writeByte(KryoCodec.NEXT);
        wire.writeDefinition(new io.dictdb.spi.TableDefinition("t", "id", null, java.util.List.of()));
        out.writeByte(KryoCodec.NEXT);
        out.writeVarInt(1, true);
        wire.writeName("v");
        return out;
    }

    /** The magic and an LZ4 frame around {@code content}. */
    static byte[] payload(byte[] content) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(KryoCodec.MAGIC);
            try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(bytes)) {
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
        Images image = Images.read(codec, ok);
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
        assertThat(Hostile.rejects(codec, concat(KryoCodec.MAGIC, new byte[] {4, 0x22, 0x4D, 0x18, 1, 2, 3})))
                .hasMessageContaining("kryo");
        byte[] good = withValue(concat(new byte[] {KryoWire.T_STRING}, varint(2), "ok".getBytes(),
                new byte[] {KryoCodec.END, KryoCodec.END, 0, KryoCodec.EOF}));
        good[good.length / 2 + 4] ^= 0x10;
        Hostile.rejects(codec, good);
    }
}
