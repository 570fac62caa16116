package io.dictdb.examples.guides;

import io.dictdb.*;
import io.dictdb.Record;
import io.dictdb.core.DictDB;
import io.dictdb.csv.*;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import static io.dictdb.query.Conditions.*;

/** The blocks of docs/csv.md. */
public final class CsvFiles {

    private CsvFiles() {
    }

    /**
     * Import with inference, a refused row, export with formulas neutralised.
     *
     * @param dir a folder
     * @return the tables, messages and exported text, by name
     */
    static Map<String, Object> roundTrip(Path dir) {
        write(dir.resolve("people.csv"), "name,age,score,member,zip\nAlice,30,1.5,true,02134\nBob,,2,FALSE,75001\n");
        write(dir.resolve("bad.csv"), "name,age\nAlice,30\nBob,thirty\n");
        // README:begin csv-import
        Database db = DictDB.create();
        // people.csv:
        //   name,age,score,member,zip
        //   Alice,30,1.5,true,02134
        //   Bob,,2,FALSE,75001
        Csv.importTable(db, dir.resolve("people.csv"), "people", CsvImportOptions.defaults());
        List<io.dictdb.Record> people = db.table("people").all();
        // [{name=Alice, age=30, score=1.5, member=true, zip=02134, id=1},
        //  {name=Bob, age=null, score=2.0, member=false, zip=75001, id=2}]
        // age LONG, score DOUBLE (integers mixed with decimals), member BOOLEAN, zip STRING (02134 keeps its zero);
        // an empty cell is null; no "id" column: the keys are generated

        // bad.csv: name,age / Alice,30 / Bob,thirty
        CsvException failure = null;
        try {
            Csv.importTable(db, dir.resolve("bad.csv"), "bad",
                    CsvImportOptions.defaults().schema(Map.of("name", "str", "age", "int")));
        } catch (CsvException e) {
            failure = e;   // CSV file '.../bad.csv', line 3, column 'age', value "thirty": cannot convert to LONG: ...
        }
        long line = failure.line();              // 3; also file(), column() and value()
        boolean created = db.hasTable("bad");    // false: an import is all or nothing
        // README:end csv-import
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("error", failure.getMessage());
        r.put("line", line);
        r.put("people", people);
        r.put("types", people.get(1).entrySet().stream().map(e -> e.getKey() + ":"
                + (e.getValue() == null ? "null" : e.getValue().getClass().getSimpleName())).toList());
        r.put("created", created);
        return r;
    }

    /**
     * Export, plain and for spreadsheets.
     *
     * @param dir a folder
     * @return the files' text, by name
     */
    static Map<String, Object> export(Path dir) {
        // README:begin csv-export
        Database db = DictDB.create();
        Table notes = db.createTable("notes");
        notes.insert(Record.of("who", "Mallory", "text", "=HYPERLINK(\"http://evil.example\",\"click\")", "n", -5));
        notes.insert(Record.of("who", "Alice", "text", "hello", "n", 3));     // Record.of keeps the fields' order

        Csv.exportTable(notes, dir.resolve("notes.csv"));                    // for a round trip
        Csv.exportTable(notes, dir.resolve("for-people.csv"), CsvExportOptions.defaults()
                .columns("who", "text", "n").orderBy("who")
                .neutralizeFormulas(true));                                  // for a spreadsheet
        // README:end csv-export
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("plain", read(dir.resolve("notes.csv")));
        r.put("people", read(dir.resolve("for-people.csv")));
        return r;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
