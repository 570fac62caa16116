/**
 * The {@code dictdb} command line: the production demo, backup folders (list, verify, restore, inspect), codec
 * conversion, file statistics and CSV import and export. Shipped as one runnable jar,
 * {@code dictdb-cli/target/dictdb.jar}, which runs on the class path; this descriptor keeps the module's
 * dependencies explicit and checked by the compiler.
 */
module io.dictdb.cli {
    requires io.dictdb.api;
    requires io.dictdb.core;
    requires io.dictdb.csv;
    requires io.dictdb.backup;
    requires info.picocli;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;

    // picocli reads and sets the annotated fields of the commands reflectively
    opens io.dictdb.cli to info.picocli;

    exports io.dictdb.cli;
}
