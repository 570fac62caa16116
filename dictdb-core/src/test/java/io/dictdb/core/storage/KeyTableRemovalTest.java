package io.dictdb.core.storage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Removing a row from the key table costs a few slots, not a walk of its cluster: sequential keys (the commonest
 * primary keys) fill one cluster as long as the table, and deleting them oldest first once walked all of it for
 * every delete (a million deletes took hours). Counted through the keys' {@code hashCode} calls, which the table
 * makes once per slot it looks at, so the test counts work instead of timing it.
 */
class KeyTableRemovalTest {

    /** A key whose hash code is its number, as a Long's is, and which counts how often the table asks for it. */
    private static final class CountingKey {
        static long calls;
        final long n;

        CountingKey(long n) {
            this.n = n;
        }

        @Override
        public int hashCode() {
            calls++;
            return Long.hashCode(n);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CountingKey k && k.n == n;
        }
    }

    @Test
    void deletingSequentialKeysOldestFirstLooksAtAFewSlotsEach() {
        int n = 100_000;
        KeyTable table = new KeyTable();
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Row r = new Row(new CountingKey(i), null, i);
            rows.add(r);
            table.add(r);
        }
        assertThat(table.scrambled()).isFalse();
        CountingKey.calls = 0;
        int removed = 20_000;
        for (int i = 0; i < removed; i++) {
            table.remove(rows.get(i));
        }
        // Before the fix: about 80,000 slots per delete here (1.6 billion calls); now a find and a short shift.
        assertThat(CountingKey.calls).isLessThan(8L * removed);
        assertThat(table.size()).isEqualTo(n - removed);
        for (int i = 0; i < n; i += 97) {
            assertThat(table.get(new CountingKey(i))).isSameAs(i < removed ? null : rows.get(i));
        }
    }

    @Test
    void deletingFromTheMiddleOfCollidingKeysKeepsEveryOtherRowFindable() {
        // Keys that share homes (multiples of the capacity) interleaved with sequential ones: rows displaced from
        // their homes must stay reachable after removals shift them back.
        KeyTable table = new KeyTable();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Row r = new Row((long) (i % 3 == 0 ? i * 4096L : i), null, i);
            rows.add(r);
            table.add(r);
        }
        for (int i = 1; i < rows.size(); i += 2) {
            table.remove(rows.get(i));
        }
        for (int i = 0; i < rows.size(); i++) {
            assertThat(table.get(rows.get(i).key())).isSameAs(i % 2 == 1 ? null : rows.get(i));
        }
        assertThat(table.size()).isEqualTo(1_500);
    }
}
