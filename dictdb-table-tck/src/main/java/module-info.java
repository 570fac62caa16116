/**
 * The table compatibility kit: {@link io.dictdb.table.tck.TableCompatibilityKit}, which a {@code Database}
 * implementation's test class extends to prove it behaves as the in-memory engine does.
 */
@SuppressWarnings("requires-transitive-automatic") // QuickTheories is an automatic module
module io.dictdb.table.tck {
    requires transitive io.dictdb.api;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;
    requires quicktheories;

    exports io.dictdb.table.tck;
    exports io.dictdb.table.tck.model;
}
