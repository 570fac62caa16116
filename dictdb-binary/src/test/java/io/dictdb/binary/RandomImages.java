package io.dictdb.binary;

import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.spi.Change;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Random canonical values, records and images from a seed, with the edge values every codec must keep. */
final class RandomImages {
    private static final Object[] EDGES = {
        null, Boolean.TRUE, Boolean.FALSE, 0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0.0, -0.0, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE,
        new BigDecimal("1.50"), new BigDecimal("-0.000"), new BigDecimal("1E+30"), new BigDecimal("12345678901234567890123456789.0123456789"),
        "", "a", "\u00e9t\u00e9", "\u4e2d\u6587", "emoji \uD83D\uDE00 pair", "\uD834\uDD1E", "nul\u0000byte", "lone \uD800 high", "\uDC00",
        Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.ofEpochSecond(-1, 999_999_999),
        LocalDate.MIN, LocalDate.MAX, LocalDate.of(1970, 1, 1), LocalDate.of(-5, 2, 28),
        new UUID(0, 0), new UUID(-1, -1), new byte[0], new byte[] {0, -1, 127, -128},
        List.of(), Map.of(),
    };

    private final Random random;

    RandomImages(long seed) {
        this.random = new Random(seed);
    }

    Object value(int depth) {
        int kind = random.nextInt(depth > 3 ? 12 : 15);
        switch (kind) {
            case 0:
                return EDGES[random.nextInt(EDGES.length)];
            case 1:
                return random.nextBoolean();
            case 2:
                return random.nextLong() >> random.nextInt(64);
            case 3:
                return Double.longBitsToDouble(random.nextLong());
            case 4:
                return random.nextDouble() * 1e6 - 5e5;
            case 5:
                return new BigDecimal(new BigInteger(random.nextInt(200), random), random.nextInt(60) - 30);
            case 6:
                return string();
            case 7:
                return Instant.ofEpochSecond(random.nextLong() % 31_556_889_864_403_199L, random.nextInt(1_000_000_000));
            case 8:
                return LocalDate.ofEpochDay(random.nextLong() % 365_241_780_471L);
            case 9:
                return new UUID(random.nextLong(), random.nextLong());
            case 10: {
                byte[] b = new byte[random.nextInt(40)];
                random.nextBytes(b);
                return b;
            }
            case 11:
                return null;
            case 12:
            case 13: {
                int n = random.nextInt(5);
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    list.add(value(depth + 1));
                }
                return list;
            }
            default:
                return record(depth + 1, random.nextInt(5));
        }
    }

    String string() {
        int n = random.nextInt(20);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(4)) {
                case 0 -> sb.append((char) (' ' + random.nextInt(95)));
                case 1 -> sb.append((char) (0x80 + random.nextInt(0x780)));
                case 2 -> sb.append((char) (0x800 + random.nextInt(0xD000 - 0x800)));
                default -> sb.appendCodePoint(0x10000 + random.nextInt(0x100000 - 0x10000));
            }
        }
        return sb.toString();
    }

    /** A random name: {@link #string()} without the C1 control characters, which names may not hold. */
    String name() {
        char[] c = string().toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (Character.isISOControl(c[i])) {
                c[i] += 0x20;
            }
        }
        return new String(c);
    }

    Record record(int depth, int fields) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < fields; i++) {
            map.put(i == 0 ? "id" : "f" + random.nextInt(50) + (random.nextInt(4) == 0 ? name() : ""), value(depth));
        }
        return Record.of(map);
    }

    TableDefinition definition(String name) {
        Schema schema = null;
        if (random.nextBoolean()) {
            Schema.Builder b = Schema.builder();
            FieldType[] types = FieldType.values();
            int n = random.nextInt(5);
            for (int i = 0; i < n; i++) {
                if (random.nextBoolean()) {
                    b.field("s" + i, types[random.nextInt(types.length)]);
                } else {
                    b.optional("s" + i, types[random.nextInt(types.length)]);
                }
            }
            schema = b.build();
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            indexes.add(new IndexDefinition("x" + i, random.nextBoolean() ? IndexType.HASH : IndexType.SORTED));
        }
        return new TableDefinition(name, random.nextBoolean() ? "id" : "key" + name(), schema, indexes);
    }

    Images full() {
        int tables = random.nextInt(4);
        List<Images.TableData> data = new ArrayList<>();
        List<TableState> states = new ArrayList<>();
        for (int t = 0; t < tables; t++) {
            String name = "t" + t + name();
            List<Record> records = new ArrayList<>();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                records.add(record(0, random.nextInt(6)));
            }
            data.add(new Images.TableData(definition(name), records));
            states.add(new TableState(name, 1 + random.nextInt(1000)));
        }
        Instant at = Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
        return new Images(ImageHeader.full(random.nextInt(1000), at, databaseId()), data, List.of(), states);
    }

    /** No database id (an image written before ids existed) or a random one. */
    private String databaseId() {
        return random.nextBoolean() ? null : new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    Images delta() {
        long first = 1 + random.nextInt(1000);
        int n = random.nextInt(12);
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long seq = first + i;
            String table = "t" + random.nextInt(3);
            changes.add(switch (random.nextInt(6)) {
                case 0 -> new Change.Upsert(seq, table, record(0, random.nextInt(6)));
                case 1 -> {
                    Object key = value(1);
                    yield new Change.Delete(seq, table, key == null ? (Object) seq : io.dictdb.Values.canonical("key", key));
                }
                case 2 -> new Change.CreateTable(seq, definition(table));
                case 3 -> new Change.DropTable(seq, table);
                case 4 -> new Change.CreateIndex(seq, table, new IndexDefinition("f" + i, IndexType.SORTED));
                default -> new Change.DropIndex(seq, table, "f" + i);
            });
        }
        Instant at = Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
        ImageHeader header = ImageHeader.delta(first, first + n - 1, ImageHeader.newId(), at, databaseId());
        return new Images(header, List.of(), changes, List.of(new TableState("t0", 5), new TableState("t1", 1)));
    }
}
