/**
 * The DictDB API: databases, tables and records ({@code io.dictdb}), the query DSL ({@code io.dictdb.query}) and
 * the types that codec implementors program against ({@code io.dictdb.spi}). It has no dependencies.
 */
module io.dictdb.api {
    exports io.dictdb;
    exports io.dictdb.query;
    exports io.dictdb.spi;

    uses io.dictdb.spi.Codec;
}
