/**
 * Runnable examples of the DictDB API. Not published; nothing depends on this module.
 */
module io.dictdb.examples {
    requires io.dictdb.core;
    requires io.dictdb.backup;
    requires io.dictdb.csv;
    requires io.dictdb.json;
    requires io.dictdb.micrometer;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    // Only the README's "prove your codec with the kit" class uses the kit, and only in tests.
    requires static io.dictdb.codec.tck;
    // docs/table-tck.md's blocks, compiled only
    requires static io.dictdb.table.tck;

    exports io.dictdb.examples;
}
