package io.dictdb;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A database: a set of named tables. Every method is thread-safe. Create one with {@code DictDB.create()} from
 * {@code dictdb-core}.
 */
public interface Database {

    /**
     * Creates a table whose primary key is {@code "id"}.
     *
     * @param name the table's name
     * @return the new table
     * @throws DuplicateTableException if a table has that name
     * @throws IllegalArgumentException if the name is blank or breaks the rule for names (see
     *     {@link io.dictdb.spi.ImageLimits})
     */
    Table createTable(String name);

    /**
     * Creates a table with the given primary-key field.
     *
     * @param name the table's name
     * @param primaryKey the primary-key field
     * @return the new table
     * @throws DuplicateTableException if a table has that name
     * @throws IllegalArgumentException if a name is blank or breaks the rule for names (see
     *     {@link io.dictdb.spi.ImageLimits})
     */
    Table createTable(String name, String primaryKey);

    /**
     * Creates a table from a spec: name, primary key, schema and indexes.
     *
     * @param spec the spec
     * @return the new table
     * @throws DuplicateTableException if a table has that name
     */
    Table createTable(TableSpec spec);

    /**
     * The table with this name.
     *
     * @param name the table's name
     * @return the table
     * @throws TableNotFoundException if there is none
     */
    Table table(String name);

    /**
     * The table with this name, if any.
     *
     * @param name the table's name
     * @return the table or empty
     */
    Optional<Table> findTable(String name);

    /**
     * Whether a table has this name.
     *
     * @param name the table's name
     * @return true when it exists
     */
    boolean hasTable(String name);

    /**
     * The tables' names in creation order.
     *
     * @return an immutable list
     */
    List<String> tableNames();

    /**
     * Drops a table and its records.
     *
     * @param name the table's name
     * @throws TableNotFoundException if there is none
     */
    void dropTable(String name);

    /**
     * Saves the database atomically, with the codec chosen from the file's extension.
     *
     * @param file the file to write
     * @throws CodecException if no codec serves the extension or writing fails, naming the file
     */
    void save(Path file);

    /**
     * Saves the database atomically with the named codec.
     *
     * @param file the file to write
     * @param format a codec name such as {@code "json"}, {@code "cbor"} or {@code "kryo"}
     * @throws CodecException if the codec is not installed or writing fails, naming the file
     */
    void save(Path file, String format);

    /**
     * Saves the database on the database's async executor, never the common fork-join pool. The consistent
     * snapshot is taken when this method is called, so the file holds the database as it was then, whatever is
     * written while the save waits for the executor or runs.
     *
     * @param file the file to write
     * @param format a codec name
     * @return a future completed when the file is durable, or completed exceptionally with a
     *     {@link CodecException}
     */
    CompletableFuture<Void> saveAsync(Path file, String format);
}
