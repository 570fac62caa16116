package io.dictdb.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.dictdb.BackupException;
import io.dictdb.CodecException;
import io.dictdb.Database;
import io.dictdb.DictDbException;
import io.dictdb.DuplicateKeyException;
import io.dictdb.DuplicateTableException;
import io.dictdb.FieldType;
import io.dictdb.RecordNotFoundException;
import io.dictdb.Schema;
import io.dictdb.SchemaValidationException;
import io.dictdb.Table;
import io.dictdb.TableNotFoundException;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.query.Condition;
import io.dictdb.file.ForwardingFileOps;
import io.dictdb.file.ImageFiles;

/**
 * Python DictDB's "Error Handling Best Practices": every DictDB exception extends {@link DictDbException} (unchecked)
 * and names the table, field, key or file; catch the specific ones you can act on. Then retries with exponential
 * backoff and jitter, for the errors worth retrying (I/O), never for the ones a retry cannot fix (a duplicate
 * key, a schema violation).
 */
public final class ErrorHandling {

    private ErrorHandling() {
    }

    /** The operations of {@link #handleOperationRobustly}. */
    enum Operation { INSERT, UPDATE, DELETE }

    /**
     * Runs the example in a new temporary folder, printing to standard output.
     *
     * @param args ignored
     * @throws IOException if the temporary folder cannot be created
     */
    public static void main(String[] args) throws IOException {
        run(Files.createTempDirectory("dictdb-errors"), System.out);
    }

    /**
     * Runs the example.
     *
     * @param dir a folder for the files it writes
     * @param out where to print what it does
     * @throws IOException if a file cannot be written
     */
    static void run(Path dir, PrintStream out) throws IOException {
        Database db = DictDB.create();
        db.createTable(TableSpec.named("products").primaryKey("sku").schema(Schema.builder()
                .field("sku", FieldType.STRING).field("name", FieldType.STRING).field("price", FieldType.DOUBLE)
                .build()));

        Map<String, Object> widget = Map.of("sku", "ABC123", "name", "Widget", "price", 29.99);
        out.println("insert -> " + handleOperationRobustly(db, Operation.INSERT, "products", widget, null, out));
        handleOperationRobustly(db, Operation.INSERT, "products", widget, null, out);
        handleOperationRobustly(db, Operation.INSERT, "orders", Map.of("sku", "ABC123"), null, out);
        handleOperationRobustly(db, Operation.INSERT, "products", Map.of("sku", "X1", "name", "Cheap"), null, out);
        Condition missing = db.table("products").field("sku").eq("NOPE");
        out.println("update -> " + handleOperationRobustly(db, Operation.UPDATE, "products",
                Map.of("price", 1.0), missing, out));
        out.println("delete -> " + handleOperationRobustly(db, Operation.DELETE, "products", null,
                db.table("products").field("sku").eq("ABC123"), out));

        // More exceptions and their messages.
        try {
            db.createTable("products");
        } catch (DuplicateTableException e) {
            out.println("DuplicateTableException: " + e.getMessage());
        }
        Path garbage = Files.writeString(dir.resolve("not-a-database.json"), "{ this is not a DictDB file",
                StandardCharsets.UTF_8);
        try {
            DictDB.load(garbage);
        } catch (CodecException e) {
            out.println("CodecException: " + e.getMessage());
        }
        try {
            db.save(dir.resolve("data.xyz"), "xml");
        } catch (CodecException e) {
            out.println("CodecException: " + e.getMessage());
        }
        try {
            db.table("products").insert(Map.of("sku", "T1", "name", "Thread", "price", Thread.currentThread()));
        } catch (IllegalArgumentException e) {
            out.println("IllegalArgumentException: " + e.getMessage());
        }

        // Retry with exponential backoff: a disk that fails twice, then works.
        db.table("products").insertAll(List.of(widget,
                Map.of("sku", "XYZ789", "name", "Gadget", "price", 5.0),
                Map.of("sku", "QRS456", "name", "Gizmo", "price", 12.5)));
        DictDB dict = (DictDB) db;
        FlakyDisk disk = new FlakyDisk(2);
        Path saved = dir.resolve("products.json");
        int attempts = withRetry(4, Duration.ofMillis(10), ErrorHandling::worthRetrying, out,
                () -> dict.save(saved, "json", ImageFiles.using(disk)) != null);
        out.println("Saved after " + attempts + " attempts; records in the file: "
                + DictDB.load(saved).table("products").count());

        // A duplicate key is not worth retrying: it fails at once.
        Table products = db.table("products");
        products.insert(Map.of("sku", "DUP", "name", "Once", "price", 1.0));
        try {
            withRetry(4, Duration.ofMillis(10), ErrorHandling::worthRetrying, out,
                    () -> products.insert(Map.of("sku", "DUP", "name", "Twice", "price", 2.0)) != null);
        } catch (DuplicateKeyException e) {
            out.println("Not retried: " + e.getMessage());
        }
    }

    /**
     * Python DictDB's {@code handle_operation_robustly}: one operation, each DictDB exception handled as it deserves.
     *
     * @param db the database
     * @param operation what to do
     * @param table the table's name
     * @param record the record to insert, or the changes to apply
     * @param where the records to update or delete
     * @param out where to print
     * @return the key inserted, or the number of records updated or deleted; null when the operation failed
     */
    static Object handleOperationRobustly(Database db, Operation operation, String table, Map<String, ?> record,
                                          Condition where, PrintStream out) {
        try {
            Table t = db.table(table);
            return switch (operation) {
                case INSERT -> t.insert(record);
                case UPDATE -> t.update(record, where);
                case DELETE -> t.delete(where);
            };
        } catch (TableNotFoundException e) {
            // The table doesn't exist: create it here, or report it.
            out.println("Table not found (" + e.table() + "): " + e.getMessage());
        } catch (DuplicateKeyException e) {
            // The key exists: upsert instead, or report it.
            out.println("Duplicate detected (" + e.table() + ", key " + e.key() + "): " + e.getMessage());
        } catch (SchemaValidationException e) {
            // The data doesn't match the schema.
            out.println("Validation error (" + e.table() + "." + e.field() + "): " + e.getMessage());
        } catch (RecordNotFoundException e) {
            // Nothing matched: not fatal, nothing was changed.
            out.println("Record not found: " + e.getMessage());
            return 0;
        } catch (DictDbException e) {
            // Any other DictDB error.
            out.println("DictDB error: " + e.getMessage());
        }
        return null;
    }

    /**
     * Whether an error may go away by itself: I/O behind a save, a load or a backup. A duplicate key, a schema
     * violation or a missing table fails the same way every time.
     *
     * @param e the error
     * @return true to retry
     */
    static boolean worthRetrying(RuntimeException e) {
        return e instanceof CodecException || e instanceof BackupException;
    }

    /**
     * Runs {@code action} until it succeeds, at most {@code maxAttempts} times, waiting
     * {@code base * 2^(attempt-1)} plus a random jitter of up to {@code base} between attempts.
     *
     * @param maxAttempts the attempts, at least 1
     * @param base the first delay
     * @param retryable which errors to retry; others are thrown at once
     * @param out where to print each retry
     * @param action the work
     * @return the number of attempts it took
     * @throws RuntimeException the last error, when every attempt failed or the error is not retryable
     */
    static int withRetry(int maxAttempts, Duration base, Predicate<RuntimeException> retryable, PrintStream out,
                         Supplier<Boolean> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                action.get();
                return attempt;
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts || !retryable.test(e)) {
                    throw e;
                }
                long delayMillis = base.toMillis() * (1L << (attempt - 1))
                        + ThreadLocalRandom.current().nextLong(base.toMillis() + 1);
                out.println("Attempt " + attempt + " failed (" + e.getClass().getSimpleName() + "), retrying in "
                        + delayMillis + " ms");
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(ie);
                    throw e;
                }
            }
        }
    }

    /** The file system, except that the first {@code failures} file creations fail. */
    static final class FlakyDisk extends ForwardingFileOps {
        private final AtomicInteger failuresLeft;

        FlakyDisk(int failures) {
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public WritableFile create(Path file) throws IOException {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IOException("Input/output error (simulated): " + file.getFileName());
            }
            return super.create(file);
        }
    }
}
