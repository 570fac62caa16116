package io.dictdb.csv;

import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per inference rule; each looks at the stored values' Java types, not only their text. */
class CsvInferenceTest {
    @TempDir
    Path dir;

    private final Database db = DictDB.create();

    private Table load(String csv) throws IOException {
        return load(csv, CsvImportOptions.defaults());
    }

    private Table load(String csv, CsvImportOptions options) throws IOException {
        Path file = dir.resolve("in-" + System.nanoTime() + ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        String name = "t" + db.tableNames().size();
        long n = Csv.importTable(db, file, name, options);
        Table t = db.table(name);
        assertThat(n).isEqualTo(t.count());
        return t;
    }

    private static List<Object> column(Table t, String field) {
        List<Object> out = new ArrayList<>();
        for (Record r : t.all()) {
            out.add(r.get(field));
        }
        return out;
    }

    @Test
    void integersAreLong() throws IOException {
        Table t = load("id,n\n1,10\n2,-3\n3,+7\n");
        assertThat(column(t, "n")).containsExactly(10L, -3L, 7L);
        assertThat(column(t, "id")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void integersThenADecimalOnTheLastRowMakeTheWholeColumnDouble() throws IOException {
        StringBuilder csv = new StringBuilder("id,x\n");
        for (int i = 1; i <= 500; i++) {
            csv.append(i).append(',').append(i * 2).append('\n');
        }
        csv.append("501,0.5\n");
        Table t = load(csv.toString());
        List<Object> x = column(t, "x");
        assertThat(x).hasSize(501).allSatisfy(v -> assertThat(v).isInstanceOf(Double.class));
        assertThat(x.get(0)).isEqualTo(2.0);
        assertThat(x.get(500)).isEqualTo(0.5);
    }

    @Test
    void decimalsAreDoubleOrDecimalWhenAsked() throws IOException {
        String csv = "price\n19.99\n0.10\n3\n1e3\n";
        assertThat(column(load(csv), "price")).containsExactly(19.99, 0.1, 3.0, 1000.0);
        List<Object> exact = column(load(csv, CsvImportOptions.defaults().decimals(FieldType.DECIMAL)), "price");
        assertThat(exact).containsExactly(new BigDecimal("19.99"), new BigDecimal("0.10"), new BigDecimal("3"),
                new BigDecimal("1e3"));
        assertThat(((BigDecimal) exact.get(1)).toPlainString()).isEqualTo("0.10");
    }

    @Test
    void integersBeyondLongBecomeDecimalNeverALostValue() throws IOException {
        Table t = load("n\n1\n123456789012345678901234567890\n-9223372036854775809\n");
        assertThat(column(t, "n")).containsExactly(new BigDecimal("1"),
                new BigDecimal("123456789012345678901234567890"), new BigDecimal("-9223372036854775809"));
        assertThat(column(t, "n")).allSatisfy(v -> assertThat(v).isInstanceOf(BigDecimal.class));
    }

    @Test
    void aLongBeyondTwoToThe53MixedWithDecimalsBecomesDecimalNotARoundedDouble() throws IOException {
        Table t = load("n\n9007199254740993\n0.5\n");
        assertThat(column(t, "n")).containsExactly(new BigDecimal("9007199254740993"), new BigDecimal("0.5"));
        // alone, the same integer is a plain LONG
        assertThat(column(load("n\n9007199254740993\n"), "n")).containsExactly(9007199254740993L);
    }

    @Test
    void decimalsBeyondDoubleRangeBecomeDecimal() throws IOException {
        assertThat(column(load("n\n1.5\n1e400\n"), "n")).containsExactly(new BigDecimal("1.5"),
                new BigDecimal("1e400"));
    }

    @Test
    void booleansInAnyCase() throws IOException {
        // In a one-column file an empty line is a record whose one cell is empty: null (the Python DictDB agrees).
        Table t = load("flag\ntrue\nFALSE\nTrue\n\n");
        assertThat(column(t, "flag")).containsExactly(true, false, true, null);
        // 1/0/yes/no are not inferred as booleans: 1 and 0 are integers, yes is a word
        assertThat(column(load("flag\nyes\nno\n"), "flag")).containsExactly("yes", "no");
    }

    @Test
    void emptyCellsAreNullInEveryType() throws IOException {
        Table t = load("a,b,c,d\n1,,true,x\n,2.5,,\n");
        assertThat(column(t, "a")).containsExactly(1L, null);
        assertThat(column(t, "b")).containsExactly(null, 2.5);
        assertThat(column(t, "c")).containsExactly(true, null);
        assertThat(column(t, "d")).containsExactly("x", null);
        Record second = t.all().get(1);
        assertThat(second).containsKey("a");
    }

    @Test
    void aQuotedEmptyCellIsTheEmptyStringAndMakesTheColumnText() throws IOException {
        Table t = load("a\n1\n\"\"\n\n");
        assertThat(column(t, "a")).containsExactly("1", "", null);
    }

    @Test
    void anythingElseIsString() throws IOException {
        Table t = load("a,b,c\n1,true,x\nfoo,2,2024-01-01\n");
        assertThat(column(t, "a")).containsExactly("1", "foo");
        assertThat(column(t, "b")).containsExactly("true", "2");
        assertThat(column(t, "c")).containsExactly("x", "2024-01-01");
    }

    @Test
    void leadingZerosKeepAColumnTextSoZipCodesSurvive() throws IOException {
        assertThat(column(load("zip\n02134\n10001\n"), "zip")).containsExactly("02134", "10001");
        assertThat(column(load("n\n0\n0.5\n"), "n")).containsExactly(0.0, 0.5);
    }

    @Test
    void nanAndInfinityJoinANumberColumnButAloneStayText() throws IOException {
        List<Object> x = column(load("x\n1.5\nnan\ninf\n-Infinity\nNaN\n"), "x");
        assertThat(x.get(0)).isEqualTo(1.5);
        assertThat((Double) x.get(1)).isNaN();
        assertThat(x.subList(2, 4)).containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat((Double) x.get(4)).isNaN();
        assertThat(column(load("name\nNaN\nInf\n"), "name")).containsExactly("NaN", "Inf");
        // DECIMAL has no NaN: asked for DECIMAL, the column keeps every value as text
        assertThat(column(load("x\n1.5\nnan\n", CsvImportOptions.defaults().decimals(FieldType.DECIMAL)), "x"))
                .containsExactly("1.5", "nan");
    }

    @Test
    void datesAndInstantsOnlyWhenAsked() throws IOException {
        String csv = "d,i,mixed\n2024-02-29,2024-02-29T10:15:30Z,2024-02-29\n2023-01-01,2023-01-01T00:00:00.5Z,"
                + "2023-01-01T00:00:00Z\n";
        Table plain = load(csv);
        assertThat(column(plain, "d")).containsExactly("2024-02-29", "2023-01-01");
        Table temporal = load(csv, CsvImportOptions.defaults().inferTemporal(true));
        assertThat(column(temporal, "d")).containsExactly(LocalDate.of(2024, 2, 29), LocalDate.of(2023, 1, 1));
        assertThat(column(temporal, "i")).containsExactly(Instant.parse("2024-02-29T10:15:30Z"),
                Instant.parse("2023-01-01T00:00:00.5Z"));
        assertThat(column(temporal, "mixed")).containsExactly("2024-02-29", "2023-01-01T00:00:00Z");
        assertThat(column(load("d\n2024-02-30\n", CsvImportOptions.defaults().inferTemporal(true)), "d"))
                .containsExactly("2024-02-30");
    }

    @Test
    void inferenceOffKeepsEveryCellAString() throws IOException {
        Table t = load("id,n,b\n1,2.5,true\n", CsvImportOptions.defaults().inferTypes(false));
        assertThat(t.all().get(0)).isEqualTo(Record.of("id", "1", "n", "2.5", "b", "true"));
    }

    @Test
    void anIntegerPrimaryKeyColumnFeedsTheKeyCounter() throws IOException {
        Table t = load("id,name\n5,a\n\"\",b\n9,c\n".replace("\"\"", ""));
        assertThat(column(t, "id")).containsExactly(5L, 6L, 9L);
        assertThat(t.insert(Record.of("name", "d"))).isEqualTo(10L);
    }

    @Test
    void aColumnOfOnlyEmptyCellsIsNull() throws IOException {
        Table t = load("id,nothing\n1,\n2,\n");
        assertThat(column(t, "nothing")).containsExactly(null, null);
    }
}
