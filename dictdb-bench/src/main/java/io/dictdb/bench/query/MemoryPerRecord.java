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
 * <p>Usage: {@code java -cp benchmarks.jar io.dictdb.bench.query.MemoryPerRecord <records> <output.md> [all|table]}.
 * {@code all} (the default) measures every store with no index and with two; {@code table} measures the stores of
 * the memory row of issue #15 (three indexes: hash on sku and dept, sorted on score). Besides the markdown table it
 * writes {@code <output.md>.tsv}, one line {@code store-id TAB bytes-per-record} per store, for {@code GoalTable}.
 */
public final class MemoryPerRecord {
    private MemoryPerRecord() {
    }

    /** One store measured: an id for the TSV, a label for the table, and how to build it. */
    private record Store(String id, String label, Function<Dataset, Object> build) {
    }

    /**
     * Measures every store of the set and writes a markdown table and a TSV.
     *
     * @param args the record count, the output file, optionally the set
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        String set = args.length > 2 ? args[2] : "all";
        List<Store> stores = switch (set) {
            case "all" -> List.of(
                    new Store("hashmap", "HashMap per record (HashMap<Long, HashMap<String, Object>>)", d -> {
                        Map<Long, Map<String, Object>> m = new HashMap<>();
                        for (Dataset.Item it : d.items()) {
                            m.put(it.id(), new HashMap<>(it.toMap()));
                        }
                        return m;
                    }),
                    new Store("dictdb-0", "DictDB, no index", d -> Stores.dictdb(d, Stores.Indexes.NONE)),
                    new Store("dictdb-2", "DictDB, 2 indexes (hash dept, sorted score)",
                            d -> Stores.dictdb(d, Stores.Indexes.TWO)),
                    new Store("cqengine-0", "CQEngine (POJO), no index",
                            d -> Stores.cqengine(d.items(), Stores.Indexes.NONE)),
                    new Store("cqengine-2", "CQEngine (POJO), 2 indexes",
                            d -> Stores.cqengine(d.items(), Stores.Indexes.TWO)),
                    new Store("h2-0", "H2 in memory, no index", d -> h2(d, Stores.Indexes.NONE)),
                    new Store("h2-2", "H2 in memory, 2 indexes", d -> h2(d, Stores.Indexes.TWO)));
            case "table" -> List.of(
                    new Store("baseline", "hand-made (HashMap records in an ArrayList, key HashMap, "
                            + "HashMap/TreeMap indexes), 3 indexes", d -> Stores.baseline(d.items(), Stores.Indexes.THREE)),
                    new Store("cqengine", "CQEngine (POJO), 3 indexes",
                            d -> Stores.cqengine(d.items(), Stores.Indexes.THREE)),
                    new Store("h2", "H2 in memory, 3 indexes", d -> h2(d, Stores.Indexes.THREE)),
                    new Store("dictdb", "DictDB, 3 indexes (hash sku and dept, sorted score)",
                            d -> Stores.dictdb(d, Stores.Indexes.THREE)));
            default -> throw new IllegalArgumentException("set: all or table, not " + set);
        };
        List<String> lines = new ArrayList<>();
        List<String> tsv = new ArrayList<>();
        lines.add("| store (" + n + " records of 10 fields) | bytes per record | vs the first |");
        lines.add("|---|---:|---:|");
        double first = 0;
        for (Store store : stores) {
            double perRecord = measure(n, store.build());
            if (first == 0) {
                first = perRecord;
            }
            String line = String.format(Locale.ROOT, "| %s | %.0f | %.2fx |", store.label(), perRecord,
                    perRecord / first);
            System.out.println(line);
            lines.add(line);
            tsv.add(store.id() + "\t" + String.format(Locale.ROOT, "%.1f", perRecord));
        }
        Files.write(out, lines, StandardCharsets.UTF_8);
        Files.write(Path.of(out + ".tsv"), tsv, StandardCharsets.UTF_8);
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
