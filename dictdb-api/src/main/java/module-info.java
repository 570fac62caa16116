/**
 * The DictDB API: databases, tables and records ({@code io.dictdb}), the query DSL ({@code io.dictdb.query}) and
 * the types that codec implementors program against ({@code io.dictdb.spi}) and image files: the frame, the
 * atomic write and the file operations they go through ({@code io.dictdb.file}). It has no dependencies.
 */
module io.dictdb.api {
    exports io.dictdb;
    exports io.dictdb.query;
    exports io.dictdb.spi;
    exports io.dictdb.file;

    uses io.dictdb.spi.Codec;
}
