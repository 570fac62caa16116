package io.dictdb.bench.query;

import io.dictdb.Record;
import io.dictdb.bench.Dataset.Item;

import java.util.List;
import java.util.Map;

/**
 * The sum of {@code qty} over the rows a query returned, read the way each system's user reads a field: what the
 * multi-row benchmarks do with their results, so that every returned row is reached and read, not only counted.
 */
final class QtyTotal {
    private QtyTotal() {
    }

    /** DictDB records, through the typed getter. */
    static long records(List<Record> rows) {
        long sum = 0;
        for (Record r : rows) {
            sum += r.getLong("qty");
        }
        return sum;
    }

    /** CQEngine's items (or any item list), through the record accessor. */
    static long items(Iterable<Item> rows) {
        long sum = 0;
        for (Item it : rows) {
            sum += it.qty();
        }
        return sum;
    }

    /** The hand-made store's maps. */
    static long maps(Iterable<Map<String, Object>> rows) {
        long sum = 0;
        for (Map<String, Object> m : rows) {
            sum += (Long) m.get("qty");
        }
        return sum;
    }

    /**
     * An H2 result of {@code SELECT *} over ITEMS, read row by row (qty is the sixth column), then closed.
     *
     * @param rs the result
     * @return the sum
     * @throws java.sql.SQLException on failure
     */
    static long h2(java.sql.ResultSet rs) throws java.sql.SQLException {
        try (rs) {
            long sum = 0;
            while (rs.next()) {
                sum += rs.getLong(6);
            }
            return sum;
        }
    }
}
