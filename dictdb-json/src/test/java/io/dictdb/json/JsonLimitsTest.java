package io.dictdb.json;

import io.dictdb.spi.ImageLimits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON reader's own bounds accept every value the value rule accepts ({@link ImageLimits}), in the units JSON
 * counts: escaped bytes and base64 characters. (The codec compatibility kit round-trips the values themselves; the
 * ones of many megabytes with {@code -Ddictdb.longTests=true}.)
 */
class JsonLimitsTest {

    @Test
    void theTokenGuardLetsAStringOfTheLimitInControlCharactersThrough() throws IOException {
        // every control character, one UTF-8 byte, is six in JSON: a backslash, u and four hex digits
        long escaped = 6L * ImageLimits.MAX_STRING_LENGTH;
        long total = 1 + escaped;
        try (InputStream in = new TokenGuard(new JsonHostileInputTest.Endless("\"", "\\u0001", total))) {
            byte[] buf = new byte[1 << 16];
            long n = 0;
            int r;
            while ((r = in.read(buf, 0, buf.length)) > 0) {
                n += r;
            }
            assertThat(n).isEqualTo(total);
        }
    }

    @Test
    void theBytesLimitCountsTheBytesABase64TextDecodesTo() {
        for (int n = 0; n < 64; n++) {
            byte[] bytes = new byte[n];
            String padded = Base64.getEncoder().encodeToString(bytes);
            String unpadded = Base64.getEncoder().withoutPadding().encodeToString(bytes);
            assertThat(JsonValues.decodedLength(padded)).as("padded, %d bytes", n).isEqualTo(n);
            assertThat(JsonValues.decodedLength(unpadded)).as("unpadded, %d bytes", n).isEqualTo(n);
        }
        // a byte array at the limit ends in a group of one byte, "AA==": that padding used to count as two bytes
        long limitText = (ImageLimits.MAX_BYTES_LENGTH + 2L) / 3 * 4;
        assertThat(JsonValues.decodedLength("A".repeat((int) limitText - 4) + "AA=="))
                .isEqualTo(ImageLimits.MAX_BYTES_LENGTH);
    }
}
