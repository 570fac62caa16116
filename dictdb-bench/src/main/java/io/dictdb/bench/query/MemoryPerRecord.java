package io.dictdb.bench.query;

import io.dictdb.bench.Dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Memory per record, measured on the heap: the used heap after full collections, before and after building a store
 * of {@code n} records, divided by {@code n}. The data set is generated inside the measurement and dropped, so the
 * figure holds everything the store keeps (records, strings, boxes, indexes). Not a JMH benchmark: a main, run by
 * {@code run.sh} with a fixed heap and the parallel collector.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.dictdb.bench.query.MemoryPerRecord <records> <output.md>}
 */
public final class MemoryPerRecord {
    private MemoryPerRecord() {
    }

    /**
     * Measures every store and writes a markdown table.
     *
     * @param args the record count and the output file
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Map<String, Function<Dataset, Object>> stores = new java.util.LinkedHashMap<>();
        stores.put("HashMap per record (HashMap<Long, HashMap<String, Object>>)", d -> {
            Map<Long, Map<String, Object>> m = new HashMap<>();
            for (Dataset.Item it : d.items()) {
                m.put(it.id(), new HashMap<>(it.toMap()));
            }
            return m;
        });
        stores.put("DictDB, no index", d -> Stores.dictdb(d, Stores.Indexes.NONE));
        stores.put("DictDB, 2 indexes (hash dept, sorted score)", d -> Stores.dictdb(d, Stores.Indexes.TWO));
        stores.put("CQEngine (POJO), no index", d -> Stores.cqengine(d.items(), Stores.Indexes.NONE));
        stores.put("CQEngine (POJO), 2 indexes", d -> Stores.cqengine(d.items(), Stores.Indexes.TWO));
        stores.put("H2 in memory, no index", d -> h2(d, Stores.Indexes.NONE));
        stores.put("H2 in memory, 2 indexes", d -> h2(d, Stores.Indexes.TWO));
        List<String> lines = new ArrayList<>();
        lines.add("| store (" + n + " records of 10 fields) | bytes per record | vs HashMap per record |");
        lines.add("|---|---:|---:|");
        double hashMap = 0;
        for (Map.Entry<String, Function<Dataset, Object>> e : stores.entrySet()) {
            double perRecord = measure(n, e.getValue());
            if (hashMap == 0) {
                hashMap = perRecord;
            }
            String line = String.format(Locale.ROOT, "| %s | %.0f | %.2fx |", e.getKey(), perRecord,
                    perRecord / hashMap);
            System.out.println(line);
            lines.add(line);
        }
        Files.write(out, lines, StandardCharsets.UTF_8);
    }

    private static Object h2(Dataset d, Stores.Indexes indexes) {
        try {
            return Stores.h2(d.items(), indexes);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double measure(int n, Function<Dataset, Object> build) throws IOException {
        long before = used();
        Object store = build.apply(Dataset.generate(n));
        long after = used();
        double perRecord = (after - before) / (double) n;
        if (store instanceof java.sql.Connection c) {
            try {
                c.close();
            } catch (java.sql.SQLException e) {
                throw new IOException(e);
            }
        }
        return perRecord;
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
