package io.dictdb.csv;

import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edge data exported and imported again: with the defaults (types inferred) for the types CSV infers, strings,
 * longs, doubles and booleans, the records come back equal. The schema-driven law for every type is
 * {@link CsvRoundTripPropertyTest}'s.
 */
class CsvEdgeValuesTest {
    /** Text that stresses quoting, line counting, encoding and spreadsheets, and cells up to FastCSV's bound. */
    private static final List<String> TEXTS = List.of("line\nbreak", "cr\rand crlf\r\n", "say \"hi\"", "\"",
            "a,b;c\td|e", "\u0000nul", "\u001b[31mred\u001b[0m", "\u007fdel", "\u0085next line", "\u202eright",
            "=1+2", "+cmd", "-x", "@SUM(A1)", "\t=tab", "\uD83D\uDE00 and \uD834\uDD1E", "'quoted", "",
            " spaced ", "\uFEFFbom first", "x".repeat(1_000_000));

    @TempDir
    Path dir;

    private final Database db = DictDB.create();

    @Test
    void edgeTextNumbersAndKeysComeBackEqualWithInferredTypes() {
        Table t = db.createTable(TableSpec.named("edge"));
        List<Long> keys = List.of(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE);
        List<Long> longs = List.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -5L);
        List<Double> doubles = List.of(-0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.NaN,
                Double.NEGATIVE_INFINITY, 1.5);
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            Record r = Record.of("id", i < keys.size() ? keys.get(i) : 1_000L + i, "text", TEXTS.get(i),
                    "n", i % 7 == 6 ? null : longs.get(i % longs.size()),
                    "d", doubles.get(i % doubles.size()), "b", i % 3 == 2 ? null : i % 2 == 0);
            records.add(r);
        }
        t.insertAll(records);
        Path file = dir.resolve("edge.csv");
        assertThat(Csv.exportTable(t, file)).isEqualTo(TEXTS.size());

        assertThat(Csv.importTable(db, file, "back")).isEqualTo(TEXTS.size());
        Table back = db.table("back");
        List<Record> expected = t.all();
        List<Record> actual = back.all();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            CsvRoundTripPropertyTest.assertSame(expected.get(i), actual.get(i), "record " + i);
        }
    }

    @Test
    void aCellJustUnderFastCsvsBufferComesBackWhole() {
        // FastCSV's buffer is 16,777,216 characters: 15.15 million with the quotes doubled fit
        String big = ("\"" + "x".repeat(98) + "\n").repeat(150_000);
        Table t = db.createTable(TableSpec.named("big").schema(Schema.builder().field("id", FieldType.LONG)
                .field("text", FieldType.STRING).build()));
        t.insert(Record.of("id", Long.MAX_VALUE, "text", big));
        Path file = dir.resolve("big.csv");
        Csv.exportTable(t, file);
        Csv.importTable(db, file, "back", CsvImportOptions.defaults().schema(t.schema().orElseThrow()));
        String read = db.table("back").get(Long.MAX_VALUE).orElseThrow().getString("text");
        assertThat(read.length()).isEqualTo(big.length());
        assertThat(Arrays.equals(read.toCharArray(), big.toCharArray())).isTrue();
    }
}
