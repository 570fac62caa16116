/**
 * The DictDB API: databases, tables and records ({@code io.dictdb}), the query DSL ({@code io.dictdb.query}) and
 * the types that codec implementors program against ({@code io.dictdb.spi}) and image files: the frame, the
 * atomic write and the file operations they go through ({@code io.dictdb.file}). It has no dependencies.
 *
 * <p>{@code io.dictdb.internal} is not API: the engine's value keys, the field-name interner and a string encoder,
 * exported only to the DictDB modules that call them: the engine, the binary codecs and the command line, and the
 * backup module, whose tests call it (tests run on the class path, but javac compiles them inside their module).
 */
// "module": the modules named by the qualified export are not observable while this module compiles
@SuppressWarnings("module")
module io.dictdb.api {
    exports io.dictdb;
    exports io.dictdb.query;
    exports io.dictdb.spi;
    exports io.dictdb.file;
    exports io.dictdb.internal to io.dictdb.core, io.dictdb.binary, io.dictdb.backup, io.dictdb.cli, io.dictdb.hazelcast;

    uses io.dictdb.spi.Codec;
}
