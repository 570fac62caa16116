package io.dictdb.reliability.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Mutations of a valid payload: bit flips, byte insertions and deletions, splices from another seed, interesting
 * bytes, length and count fields set to huge or negative values, deep nesting, duplicated chunks, truncations; one
 * to three stacked. For {@code kryo}, whose payload is an LZ4 frame, half of the inputs are
 * mutated inside the decompressed stream and compressed again, so that the Kryo decoder itself is reached.
 */
final class Mutator {
    /** The magic of the kryo format the codec writes now (format 2: shapes once per image, then values). */
    private static final byte[] KRYO_MAGIC = {'D', 'D', 'B', 'K', 2};
    private static final String[] JSON_NUMBERS = {"99999999999999999999999999", "-1", "-9223372036854775809",
        "9223372036854775808", "1e999999999", "-1e-999999999", "0.00000000001e-99999999", "2147483648", "-0",
        "NaN", "1".repeat(20_000)};

    private final String codec;
    private final List<byte[]> seeds;
    private final List<byte[]> kryoBodies;

    Mutator(String codec, List<byte[]> seeds) {
        this.codec = codec;
        this.seeds = seeds;
        this.kryoBodies = codec.equals("kryo") ? seeds.stream().map(Mutator::decompress).toList() : List.of();
    }

    /** A mutated copy of {@code seed} (index into the seeds). */
    byte[] mutate(int seed, Random r) {
        if (codec.equals("kryo") && r.nextBoolean()) {
            byte[] body = kryoBodies.get(seed);
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                body = once(body, r, kryoBodies);
            }
            return compress(body);
        }
        byte[] b = seeds.get(seed);
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            b = once(b, r, seeds);
        }
        return b;
    }

    private byte[] once(byte[] b, Random r, List<byte[]> others) {
        if (b.length == 0) {
            return new byte[] {(byte) r.nextInt(256)};
        }
        switch (r.nextInt(10)) {
            case 0 -> {
                byte[] c = b.clone();
                int flips = 1 + r.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return c;
            }
            case 1 -> {
                byte[] ins = new byte[1 + r.nextInt(8)];
                r.nextBytes(ins);
                return insert(b, r.nextInt(b.length + 1), ins);
            }
            case 2 -> {
                int at = r.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + r.nextInt(16));
                return delete(b, at, len);
            }
            case 3 -> {
                byte[] other = others.get(r.nextInt(others.size()));
                int from = r.nextInt(other.length);
                int len = Math.min(other.length - from, 1 + r.nextInt(64));
                int at = r.nextInt(b.length);
                int cut = Math.min(b.length - at, r.nextInt(64));
                return insert(delete(b, at, cut), at, Arrays.copyOfRange(other, from, from + len));
            }
            case 4 -> {
                byte[] c = b.clone();
                byte[] interesting = {0, (byte) 0xFF, 0x7F, (byte) 0x80, 1, (byte) 0xFE, '"', '\\', '[', '{'};
                int at = r.nextInt(c.length);
                int len = Math.min(c.length - at, 1 + r.nextInt(8));
                Arrays.fill(c, at, at + len, interesting[r.nextInt(interesting.length)]);
                return c;
            }
            case 5 -> {
                return hugeLength(b, r);
            }
            case 6 -> {
                return deepNesting(b, r);
            }
            case 7 -> {
                int at = r.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + r.nextInt(256));
                byte[] chunk = Arrays.copyOfRange(b, at, at + len);
                return insert(b, at, chunk);
            }
            case 8 -> {
                return Arrays.copyOf(b, r.nextInt(b.length));
            }
            default -> {
                byte[] c = b.clone();
                c[r.nextInt(c.length)] = (byte) r.nextInt(256);
                return c;
            }
        }
    }

    private byte[] hugeLength(byte[] b, Random r) {
        switch (codec) {
            case "json" -> {
                int start = findFrom(b, r.nextInt(b.length), x -> x >= '0' && x <= '9');
                if (start < 0) {
                    return b;
                }
                int end = start;
                while (end < b.length && ((b[end] >= '0' && b[end] <= '9') || b[end] == '.' || b[end] == 'e'
                        || b[end] == '-')) {
                    end++;
                }
                byte[] number = JSON_NUMBERS[r.nextInt(JSON_NUMBERS.length)].getBytes(StandardCharsets.US_ASCII);
                return insert(delete(b, start, end - start), start, number);
            }
            case "cbor" -> {
                // a string, array, map or integer head set to a 4- or 8-byte length of a huge or negative value
                int at = findFrom(b, r.nextInt(b.length), x -> {
                    int major = (x & 0xE0) >> 5;
                    return major <= 5;
                });
                if (at < 0) {
                    return b;
                }
                int major = (b[at] & 0xE0);
                int info = b[at] & 0x1F;
                int skip = info < 24 ? 0 : info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : info == 27 ? 8 : 0;
                byte[][] lengths = {
                    {(byte) (major | 27), (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                        (byte) 0xFF, (byte) 0xFF},
                    {(byte) (major | 27), 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                        (byte) 0xFF, (byte) 0xFF},
                    {(byte) (major | 26), (byte) 0x80, 0, 0, 0},
                    {(byte) (major | 26), 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
                    {(byte) (major | 26), 0x01, 0, 0, 0},
                    {(byte) (major | 31)}};
                return insert(delete(b, at, Math.min(b.length - at, 1 + skip)), at,
                        lengths[r.nextInt(lengths.length)]);
            }
            default -> {
                byte[][] varints = {{(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F},
                    {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}, {(byte) 0x80, (byte) 0x80, (byte) 0x80,
                        (byte) 0x80, 0x08}, {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F},
                    {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                        (byte) 0xFF, 0x7F}, {(byte) 0x81, (byte) 0x80, 0x10}};
                int at = r.nextInt(b.length);
                byte[] v = varints[r.nextInt(varints.length)];
                return r.nextBoolean() ? insert(b, at, v) : insert(delete(b, at, Math.min(b.length - at, 1)), at, v);
            }
        }
    }

    private byte[] deepNesting(byte[] b, Random r) {
        int[] depths = {300, 2_000, 100_000};
        int depth = depths[r.nextInt(depths.length)];
        switch (codec) {
            case "json" -> {
                int at = findFrom(b, r.nextInt(b.length), x -> x == ':' || x == ',' || x == '[');
                if (at < 0) {
                    return b;
                }
                byte open = r.nextBoolean() ? (byte) '[' : (byte) '{';
                byte[] nest;
                if (open == '[') {
                    nest = new byte[2 * depth + 1];
                    Arrays.fill(nest, 0, depth, (byte) '[');
                    nest[depth] = '1';
                    Arrays.fill(nest, depth + 1, nest.length, (byte) ']');
                } else {
                    String s = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                    nest = s.getBytes(StandardCharsets.US_ASCII);
                }
                int skip = 0;
                while (at + 1 + skip < b.length && b[at + 1 + skip] != ',' && b[at + 1 + skip] != '}'
                        && b[at + 1 + skip] != ']' && r.nextInt(8) != 0) {
                    skip++;
                }
                return insert(delete(b, at + 1, skip), at + 1, nest);
            }
            case "cbor" -> {
                byte[] nest = new byte[depth];
                Arrays.fill(nest, r.nextBoolean() ? (byte) 0x81 : (byte) 0x9F); // array of 1, or indefinite array
                return insert(b, r.nextInt(b.length), nest);
            }
            default -> {
                byte[] nest = new byte[depth];
                Arrays.fill(nest, b[r.nextInt(b.length)]);
                return insert(b, r.nextInt(b.length), nest);
            }
        }
    }

    private interface BytePredicate {
        boolean test(int b);
    }

    private static int findFrom(byte[] b, int from, BytePredicate p) {
        for (int i = 0; i < b.length; i++) {
            int at = (from + i) % b.length;
            if (p.test(b[at] & 0xFF)) {
                return at;
            }
        }
        return -1;
    }

    static byte[] insert(byte[] b, int at, byte[] ins) {
        byte[] c = new byte[b.length + ins.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(ins, 0, c, at, ins.length);
        System.arraycopy(b, at, c, at + ins.length, b.length - at);
        return c;
    }

    static byte[] delete(byte[] b, int at, int len) {
        byte[] c = new byte[b.length - len];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(b, at + len, c, at, b.length - at - len);
        return c;
    }

    // The LZ4 frame (lz4.github.io/lz4/lz4_Frame_format.html) is read and written here on lz4-java's safe instances
    // only: its LZ4FrameInputStream/OutputStream ask XXHashFactory.fastestInstance() for the content checksum, which
    // loads the JNI library (a warning on JDK 24+), as the codec itself avoids.
    private static final int FRAME_MAGIC = 0x184D2204;
    private static final int BLOCK = 256 * 1024;
    private static final XXHash32 XXH = XXHashFactory.safeInstance().hash32();

    /** The decompressed stream of a valid kryo payload (after its magic bytes). */
    static byte[] decompress(byte[] payload) {
        int at = KRYO_MAGIC.length;
        if (intLE(payload, at) != FRAME_MAGIC) {
            throw new IllegalArgumentException("not an LZ4 frame");
        }
        int flg = payload[at + 4] & 0xFF;
        at += 4 + 2 + ((flg & 0x08) != 0 ? 8 : 0) + 1; // magic, FLG, BD, content size, header checksum
        boolean blockChecksum = (flg & 0x10) != 0;
        LZ4SafeDecompressor lz4 = LZ4Factory.safeInstance().safeDecompressor();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] block = new byte[4 << 20];
        int size;
        while ((size = intLE(payload, at)) != 0) {
            at += 4;
            int n = size & 0x7FFFFFFF;
            if (size < 0) { // high bit: stored uncompressed
                out.write(payload, at, n);
            } else {
                out.write(block, 0, lz4.decompress(payload, at, n, block, 0));
            }
            at += n + (blockChecksum ? 4 : 0);
        }
        return out.toByteArray();
    }

    /** A kryo payload: the magic bytes and an LZ4 frame (independent 256 KiB blocks, checksummed) of {@code body}. */
    static byte[] compress(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(KRYO_MAGIC);
        writeIntLE(out, FRAME_MAGIC);
        byte[] descriptor = {(byte) (0x40 | 0x20 | 0x10), (byte) (5 << 4)}; // version 01, independent, checksummed
        out.writeBytes(descriptor);
        out.write((XXH.hash(descriptor, 0, descriptor.length, 0) >> 8) & 0xFF);
        LZ4Compressor lz4 = LZ4Factory.safeInstance().fastCompressor();
        byte[] compressed = new byte[lz4.maxCompressedLength(BLOCK)];
        for (int off = 0; off < body.length; off += BLOCK) {
            int len = Math.min(BLOCK, body.length - off);
            int n = lz4.compress(body, off, len, compressed, 0, compressed.length);
            writeIntLE(out, n);
            out.write(compressed, 0, n);
            writeIntLE(out, XXH.hash(compressed, 0, n, 0));
        }
        writeIntLE(out, 0);
        return out.toByteArray();
    }

    private static int intLE(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static void writeIntLE(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
