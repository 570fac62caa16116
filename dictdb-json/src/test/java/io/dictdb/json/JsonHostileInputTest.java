package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.codec.tck.Image;
import io.dictdb.spi.ImageReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hostile JSON: huge claims fail fast with CodecException and bounded memory. */
class JsonHostileInputTest {

    private static final String HEADER = "{\"dictdb\":\"image\",\"header\":{\"format\":1,\"kind\":\"FULL\",\"first\":1,"
            + "\"last\":0,\"id\":null,\"base\":null,\"created\":\"1970-01-01T00:00:00Z\"},\"tables\":[";
    private static final String TABLE = "{\"name\":\"t\",\"primaryKey\":\"id\",\"schema\":null,\"indexes\":[],"
            + "\"records\":[";

    /** A prefix, then one unit repeated up to {@code limit} bytes: never held in memory. */
    static final class Endless extends InputStream {
        private final byte[] prefix;
        private final byte[] unit;
        private final long limit;
        private long pos;

        Endless(String prefix, String unit, long limit) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.unit = unit.getBytes(StandardCharsets.UTF_8);
            this.limit = limit;
        }

        long consumed() {
            return pos;
        }

        @Override
        public int read() {
            if (pos >= limit) {
                return -1;
            }
            long p = pos++;
            return p < prefix.length ? prefix[(int) p] : unit[(int) ((p - prefix.length) % unit.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= limit) {
                return -1;
            }
            int n = 0;
            while (n < len && pos < limit) {
                long p = pos++;
                b[off + n++] = p < prefix.length ? prefix[(int) p] : unit[(int) ((p - prefix.length) % unit.length)];
            }
            return n;
        }
    }

    private static Throwable readAll(InputStream in) {
        try {
            Image.decode(new JsonCodec(), in);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    @Test
    void tenThousandLevelsOfNestingFailFast() {
        Endless in = new Endless(HEADER + TABLE + "{\"id\":1,\"deep\":", "[", 10_000 + 200);
        Throwable t = readAll(in);
        assertThat(t).isInstanceOf(CodecException.class).hasMessageContaining("nest");
        assertThat(in.consumed()).isLessThan(10_000 + 200);
    }

    @Test
    void aBillionTablesFailAtTheTableLimit() {
        Endless in = new Endless(HEADER, "{\"name\":\"t\",\"primaryKey\":\"id\",\"records\":[]},",
                3_000_000_000L);
        Throwable t = readAll(in);
        assertThat(t).isInstanceOf(CodecException.class).hasMessageContaining("tables 100001 is out of bounds");
        assertThat(in.consumed()).isLessThan(100_000L * 60);
    }

    @Test
    void aTwoGigabyteStringFailsAtTheStringLimit() {
        Endless in = new Endless(HEADER + TABLE + "{\"id\":1,\"s\":\"", "a", 2_200_000_000L);
        Throwable t = readAll(in);
        assertThat(t).isInstanceOf(CodecException.class).hasMessageContaining("exceeds a limit")
                .hasMessageContaining("String value length");
        assertThat(in.consumed()).isLessThan(200_000_000L);
    }

    @Test
    void aMillionDigitNumberFailsAtTheNumberLimit() {
        Endless in = new Endless(HEADER + TABLE + "{\"id\":", "7", 2_200_000_000L);
        Throwable t = readAll(in);
        assertThat(t).isInstanceOf(CodecException.class).hasMessageContaining("JSON number longer than");
        assertThat(in.consumed()).isLessThan(100_000);
    }

    @Test
    void anEndlessNameFailsAtTheNameLimit() {
        Endless in = new Endless(HEADER + TABLE + "{\"", "n", 2_200_000_000L);
        Throwable t = readAll(in);
        assertThat(t).isInstanceOf(CodecException.class);
        assertThat(in.consumed()).isLessThan(200_000_000L);
    }

    @Test
    void unknownTagsBadTagValuesAndHugeDecimalScalesAreRefused() {
        for (String value : new String[] {"{\"$evil\":\"x\"}", "{\"$bytes\":\"!!!\"}", "{\"$uuid\":\"nope\"}",
            "{\"$date\":\"2024-13-45\"}", "{\"$decimal\":\"1E-999999999\"}", "{\"$double\":\"nan-ish\"}",
            "{\"$instant\":12}", "{\"$map\":[1]}"}) {
            String json = HEADER + TABLE + "{\"id\":1,\"v\":" + value + "}]}],\"tableStates\":[]}";
            Throwable t = readAll(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
            assertThat(t).as(value).isInstanceOf(CodecException.class);
        }
    }

    @Test
    void duplicateFieldsAndTrailingContentAreRefused() {
        String dup = HEADER + TABLE + "{\"id\":1,\"id\":2}]}],\"tableStates\":[]}";
        assertThat(readAll(new ByteArrayInputStream(dup.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(CodecException.class).hasMessageContaining("Duplicate");
        String trailing = HEADER + "],\"tableStates\":[]} {}";
        assertThat(readAll(new ByteArrayInputStream(trailing.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(CodecException.class).hasMessageContaining("after the end");
    }

    @Test
    void readersCheckTheCallOrder() throws Exception {
        try (ImageReader r = new JsonCodec().newReader(new ByteArrayInputStream(new byte[0]))) {
            assertThatThrownBy(r::nextTable).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(r::readHeader).isInstanceOf(CodecException.class).hasMessageContaining("empty");
        }
    }

    @Test
    void bytesThatAreNotTextInTheDetectedEncodingAreACodecException() throws Exception {
        // found by the reliability fuzzer: "{" followed by NUL bytes makes Jackson read UTF-32, whose reader threw a
        // CharConversionException (an IOException) out of the codec instead of a CodecException
        byte[] image = (HEADER + "]}").getBytes(StandardCharsets.UTF_8);
        byte[] damaged = image.clone();
        for (int i = 1; i < 6; i++) {
            damaged[i] = 0;
        }
        try (ImageReader r = new JsonCodec().newReader(new ByteArrayInputStream(damaged))) {
            assertThatThrownBy(r::readHeader).isInstanceOf(CodecException.class).hasMessageContaining("UTF-32");
        }
    }
}
