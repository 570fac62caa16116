package io.dictdb.examples.guides;

import io.dictdb.*;
import io.dictdb.core.DictDB;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/** The blocks of docs/codecs.md. */
public final class Saving {

    private Saving() {
    }

    /**
     * Saving, loading, the installed codecs and the errors.
     *
     * @param dir an empty folder
     * @return what was loaded and the messages of the failures, by name
     */
    static Map<String, Object> saveAndLoad(Path dir) {
        // README:begin codecs-save-load
        DictDB db = DictDB.create();
        Table users = db.createTable(TableSpec.named("users").index("name"));
        users.insert(Map.of("name", "Alice", "tags", List.of("a", "b")));

        db.save(dir.resolve("users.kryo"));                 // the codec for the extension: kryo
        db.save(dir.resolve("users.dat"), "cbor");           // or by name, whatever the extension
        Database back = DictDB.load(dir.resolve("users.dat"));    // the codec named in the file's header line
        List<String> installed = io.dictdb.spi.Codecs.available().stream().map(c -> c.name()).toList();
        String problem = null;
        try {
            db.save(dir.resolve("users.x"), "parquet");      // not installed
        } catch (CodecException e) {
            problem = e.getMessage();                        // names the file and the installed codecs
        }
        // README:end codecs-save-load
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("unknown", problem);
        r.put("back", back.table("users").all());
        r.put("indexes", back.table("users").indexedFields());
        r.put("installed", installed);
        r.put("id", back instanceof DictDB d && d.databaseId().equals(db.databaseId()));
        r.put("corrupt", corrupt(dir));
        return r;
    }

    private static String corrupt(Path dir) {
        try {
            Path file = dir.resolve("users.kryo");
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 1;
            Files.write(dir.resolve("damaged.kryo"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String message = null;
        // README:begin codecs-corrupt
        try {
            DictDB.load(dir.resolve("damaged.kryo"));       // one bit flipped
        } catch (CodecException e) {
            message = e.getMessage();                       // names the file; nothing was decoded
        }
        // README:end codecs-corrupt
        return message;
    }
}
