package io.dictdb.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.dictdb.Database;
import io.dictdb.Table;
import io.dictdb.core.DictDB;

/**
 * Python DictDB's "Async Save/Load Operations": {@code saveAsync} and {@code loadAsync} return
 * {@link CompletableFuture}s and run on the database's async executor (never the common fork-join pool), so a
 * request thread or an event loop never waits for the disk. Chain what follows with {@code thenApply},
 * {@code thenCompose}, or {@code join()} where blocking is fine.
 */
public final class AsyncSaveLoad {

    private AsyncSaveLoad() {
    }

    /**
     * Runs the example in a new temporary folder, printing to standard output.
     *
     * @param args ignored
     * @throws IOException if the temporary folder cannot be created
     */
    public static void main(String[] args) throws IOException {
        run(Files.createTempDirectory("dictdb-async"), System.out);
    }

    /**
     * Runs the example.
     *
     * @param dir a folder for the files
     * @param out where to print what it does
     */
    static void run(Path dir, PrintStream out) {
        // Create and populate the database.
        Database db = DictDB.create();
        Table users = db.createTable("users");
        for (int i = 0; i < 1000; i++) {
            users.insert(Map.of("name", "User" + i, "email", "user" + i + "@example.com"));
        }

        // Async save: returns at once; the file is written on the database's executor.
        out.println("Starting async save...");
        Path file = dir.resolve("backup_async.json");
        CompletableFuture<Void> saved = db.saveAsync(file, "json");
        users.insert(Map.of("name", "Late", "email", "late@example.com")); // writers go on while it saves
        saved.join();
        out.println("Save completed: " + file.getFileName());

        // Async load, then use the result without blocking in between.
        out.println("Async loading...");
        CompletableFuture<Long> loadedUsers = DictDB.loadAsync(file, "json")
                .thenApply(loaded -> loaded.table("users").count());
        out.println("Loaded " + loadedUsers.join() + " users");

        // Several saves in parallel, on an executor of your own.
        ExecutorService io = Executors.newFixedThreadPool(2);
        try {
            DictDB withExecutor = DictDB.builder().asyncExecutor(io).build();
            withExecutor.createTable("events").insertAll(List.of(Map.of("type", "click"), Map.of("type", "view")));
            CompletableFuture<Void> both = CompletableFuture.allOf(
                    withExecutor.saveAsync(dir.resolve("events.json"), "json"),
                    withExecutor.saveAsync(dir.resolve("events.kryo"), "kryo"));
            both.join();
            long fromJson = DictDB.load(dir.resolve("events.json")).table("events").count();
            long fromKryo = DictDB.load(dir.resolve("events.kryo")).table("events").count();
            out.println("Saved in parallel: json " + fromJson + " events, kryo " + fromKryo + " events");
        } finally {
            io.shutdown();
        }

        // A failure completes the future exceptionally instead of throwing on the caller's thread.
        String failure = DictDB.loadAsync(dir.resolve("missing.json"), "json")
                .handle((loaded, error) -> error == null ? "nothing" : describe(error))
                .join();
        out.println("Loading a missing file fails with: " + failure);
    }

    /** The failure inside a future's {@link CompletionException}, as "Type: message". */
    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
