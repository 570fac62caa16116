package io.dictdb.binary;

import static org.assertj.core.api.Assertions.assertThat;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.codec.tck.Image;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-crafted CBOR that lies about lengths, counts, depth and tags: a valid image whose one record value (the
 * text "MARK") is replaced by hostile bytes.
 */
class CborHostileInputTest {
    private final CborCodec codec = new CborCodec();

    private byte[] valid() {
        Image image = new Image(ImageHeader.full(1, Instant.EPOCH),
                List.of(new Image.Table(new TableDefinition("t", "id", null, List.of()),
                        List.of(Record.of("v", "MARK")))),
                List.of(), List.of(new TableState("t", 2)));
        return image.encode(codec);
    }

    /** The valid image with the encoded "MARK" replaced by {@code value}, and everything after it kept or cut. */
    private byte[] withValue(boolean keepTail, int... ints) {
        byte[] value = bytes(ints);
        byte[] good = valid();
        byte[] mark = {0x64, 'M', 'A', 'R', 'K'};
        int at = -1;
        for (int i = 0; i + mark.length <= good.length && at < 0; i++) {
            if (Arrays.equals(good, i, i + mark.length, mark, 0, mark.length)) {
                at = i;
            }
        }
        assertThat(at).isPositive();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(good, 0, at);
        out.writeBytes(value);
        if (keepTail) {
            out.write(good, at + mark.length, good.length - at - mark.length);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... ints) {
        byte[] b = new byte[ints.length];
        for (int i = 0; i < ints.length; i++) {
            b[i] = (byte) ints[i];
        }
        return b;
    }

    private static int[] repeat(int times, int... unit) {
        int[] out = new int[times * unit.length];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }

    @Test
    void theSplicedImageIsValidSoEachTestChangesOneThing() {
        Image image = Image.decode(codec, withValue(true, 0x62, 'o', 'k'));
        assertThat(image.tables().get(0).records().get(0).getString("v")).isEqualTo("ok");
    }

    @Test
    void textWithTheUtf8FormOfALoneSurrogateIsRefused() {
        // found by the reliability fuzzer: Jackson decodes ED B2 A4 (a lone low surrogate, not valid UTF-8) into a
        // Java string; the image loaded, but the database could not be saved again with cbor
        CodecException e = Hostile.rejects(codec, withValue(true, 0x64, 'x', 0xED, 0xB2, 0xA4));
        assertThat(e.getMessage()).contains("unpaired surrogate");
        Hostile.rejects(codec, withValue(true, 0x63, 0xED, 0xA0, 0x80)); // a lone high surrogate
    }

    @Test
    void aTextClaimingTwoGigabytesFailsFast() {
        Hostile.rejects(codec, withValue(false, 0x7A, 0x7F, 0xFF, 0xFF, 0xFF, 'a', 'b'));
        Hostile.rejects(codec, withValue(true, 0x7A, 0x7F, 0xFF, 0xFF, 0xFF, 'a', 'b'));
    }

    @Test
    void aByteStringClaimingTwoGigabytesFailsFast() {
        Hostile.rejects(codec, withValue(false, 0x5A, 0x7F, 0xFF, 0xFF, 0xFF, 1, 2, 3));
    }

    @Test
    void lengthsBeyondASignedLongAreRefused() {
        for (int major : new int[] {0x5B, 0x7B, 0x9B, 0xBB}) {
            int[] value = new int[9];
            Arrays.fill(value, 0xFF);
            value[0] = major;
            Hostile.rejects(codec, withValue(true, value));
        }
    }

    @Test
    void hugeArrayAndMapCountsFailFast() {
        Hostile.rejects(codec, withValue(false, 0x9B, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 3));
        Hostile.rejects(codec, withValue(false, 0x9A, 0x3B, 0x9A, 0xCA, 0x00, 1));
        Hostile.rejects(codec, withValue(false, 0xBA, 0x3B, 0x9A, 0xCA, 0x00, 0x61, 'k', 1));
    }

    @Test
    void tenThousandLevelsOfNestingAreRefused() {
        var e = Hostile.rejects(codec, withValue(false, repeat(10_000, 0x81)));
        assertThat(e).hasMessageContaining("nest");
        Hostile.rejects(codec, withValue(false, repeat(10_000, 0xA1, 0x61, 'k')));
        Hostile.rejects(codec, withValue(false, repeat(10_000, 0x9F)));
    }

    @Test
    void unknownTagsAreRefused() {
        var e = Hostile.rejects(codec, withValue(true, 0xD8, 99, 0x01));
        assertThat(e).hasMessageContaining("tag 99");
        // tag 37 (UUID) on a byte string of the wrong length
        assertThat(Hostile.rejects(codec, withValue(true, 0xD8, 37, 0x43, 1, 2, 3))).hasMessageContaining("UUID");
        // tag 100 (date) out of LocalDate's range
        Hostile.rejects(codec, withValue(true, 0xD8, 100, 0x1B, 0x7F, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void aDecimalWithAHugeExponentIsRefused() {
        // tag 4 [exponent -2^31, mantissa 1]
        var e = Hostile.rejects(codec, withValue(true, 0xC4, 0x82, 0x3A, 0x7F, 0xFF, 0xFF,
                0xFF, 0x01));
        assertThat(e).hasMessageContaining("decimal");
    }

    @Test
    void duplicateFieldsAndWrongStructureAreRefused() {
        Hostile.rejects(codec, withValue(false, 0xF7));
        byte[] notAnImage = bytes(0x82, 0x61, 'x', 0x01);
        assertThat(Hostile.rejects(codec, notAnImage)).hasMessageContaining("Not a cbor image");
        Hostile.rejects(codec, new byte[0]);
    }

    /**
     * A delta's commits as a definite-length array that claims 2^31 - 1 or 2^63 - 1 of them: never allocated for;
     * Jackson refuses the larger claim itself, and the count of the smaller is bounded as the pairs come (at most 3
     * in 203..208); a claim that the stream does not hold fails too.
     */
    @Test
    void aHugeClaimedNumberOfCommitsIsRefusedAsTheyCome() {
        Image delta = new Image(ImageHeader.delta(203, 208, "base", Instant.EPOCH), List.of(), List.of(), List.of(),
                List.of(new io.dictdb.spi.CommitRange(203, 204)));
        byte[] good = delta.encode(codec);
        byte[] commits = bytes(0x81, 0x82, 0x18, 203, 0x18, 204, 0xFF); // [[203, 204]], then the image's end
        assertThat(Arrays.equals(good, good.length - commits.length, good.length, commits, 0, commits.length))
                .as("the delta ends with its commits").isTrue();
        int[] pairs = {0x82, 0x18, 203, 0x18, 204, 0x82, 0x18, 205, 0x18, 206, 0x82, 0x18, 207, 0x18, 208,
            0x82, 0x19, 0x01, 0x00, 0x19, 0x01, 0x01};
        for (int[] huge : List.of(new int[] {0x9A, 0x7F, 0xFF, 0xFF, 0xFF},
                new int[] {0x9B, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF})) {
            for (int[] tail : List.of(pairs, new int[] {0xFF}, new int[0])) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(good, 0, good.length - commits.length);
                out.writeBytes(bytes(huge));
                out.writeBytes(bytes(tail));
                CodecException e = Hostile.rejects(codec, out.toByteArray());
                if (tail == pairs && huge.length == 5) {
                    assertThat(e.getMessage()).contains("commit #4").contains("one too many");
                }
            }
        }
    }
}
