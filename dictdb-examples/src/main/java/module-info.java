/**
 * Runnable examples of the DictDB API. Not published; nothing depends on this module.
 */
module io.dictdb.examples {
    requires io.dictdb.core;

    exports io.dictdb.examples;
}
