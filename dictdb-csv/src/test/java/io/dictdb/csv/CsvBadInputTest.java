package io.dictdb.csv;

import io.dictdb.Database;
import io.dictdb.DuplicateTableException;
import io.dictdb.FieldType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.core.DictDB;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Bad files fail with the file, line, column and value, and leave the database exactly as it was: no table
 * behind, the other tables untouched.
 */
class CsvBadInputTest {
    @TempDir
    Path dir;

    private Database db;
    private Map<String, List<Record>> before;

    @BeforeEach
    void existingData() {
        db = DictDB.create();
        db.createTable("keep").insert(Map.of("name", "kept"));
        db.table("keep").insert(Map.of("name", "also kept"));
        before = contents();
    }

    private Map<String, List<Record>> contents() {
        Map<String, List<Record>> m = new LinkedHashMap<>();
        for (String t : db.tableNames()) {
            m.put(t, db.table(t).all());
        }
        return m;
    }

    private Path file(String csv) throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, csv, StandardCharsets.UTF_8);
        return f;
    }

    private CsvException failing(String csv, CsvImportOptions options) throws IOException {
        Path f = file(csv);
        CsvException e = catchThrowableOfType(CsvException.class, () -> Csv.importTable(db, f, "t", options));
        assertThat(e).as("import must fail").isNotNull();
        assertThat(e.file()).isEqualTo(f);
        assertThat(e.getMessage()).contains(f.toString());
        assertThat(db.hasTable("t")).as("no table left behind").isFalse();
        assertThat(contents()).as("database unchanged").isEqualTo(before);
        return e;
    }

    @Test
    void aRowWithTooFewFieldsNamesItsLine() throws IOException {
        CsvException e = failing("id,name,age\n1,a,3\n2,b\n3,c,4\n", CsvImportOptions.defaults());
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("line 3").contains("2 fields").contains("3 columns");
    }

    @Test
    void aRowWithTooManyFieldsFoundAfterEarlierBatchesWereInsertedDropsTheTable() throws IOException {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= 50; i++) {
            csv.append(i).append(",n").append(i).append('\n');
        }
        csv.append("51,x,extra\n");
        Schema schema = Schema.builder().field("id", FieldType.LONG).field("name", FieldType.STRING).build();
        CsvException e = failing(csv.toString(), CsvImportOptions.defaults().schema(schema).batchSize(7));
        assertThat(e.line()).isEqualTo(52);
        assertThat(e.getMessage()).contains("3 fields");
    }

    @Test
    void lineNumbersArePhysicalLinesEvenAfterAQuotedValueSpanningLines() throws IOException {
        String csv = "id,note\n1,\"first\nsecond\r\nthird\"\n2,plain\n3,too,many\n";
        CsvException e = failing(csv, CsvImportOptions.defaults());
        assertThat(e.line()).isEqualTo(6);
        CsvException typed = failing("id,n\n1,\"a\nb\"\n2,x\n",
                CsvImportOptions.defaults().schema(Map.of("id", "long", "n", "long")));
        assertThat(typed.line()).isEqualTo(2);
        assertThat(typed.value()).isEqualTo("a\nb");
        CsvException after = failing("id,n\n1,\"a\nb\"\nx,y\n",
                CsvImportOptions.defaults().schema(Map.of("id", "long", "n", "str")));
        assertThat(after.line()).isEqualTo(4);
        assertThat(after.column()).isEqualTo("id");
        assertThat(after.value()).isEqualTo("x");
    }

    @Test
    void anUnknownTypeInAnExplicitSchemaIsAClearError() throws IOException {
        CsvException e = failing("id,price\n1,2.5\n", CsvImportOptions.defaults().schema(Map.of("id", "int",
                "price", "money")));
        assertThat(e.column()).isEqualTo("price");
        assertThat(e.value()).isEqualTo("money");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("unknown type").contains("DECIMAL").contains("'price'");
    }

    @Test
    void aDuplicateKeyInsideOneBatchNamesTheSecondOccurrence() throws IOException {
        CsvException e = failing("id,name\n1,a\n2,b\n1,c\n", CsvImportOptions.defaults());
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo("id");
        assertThat(e.value()).isEqualTo("1");
        assertThat(e.getMessage()).contains("duplicate primary key");
    }

    @Test
    void aDuplicateKeyAcrossBatchesNamesItsLineAndDropsTheHalfFilledTable() throws IOException {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= 30; i++) {
            csv.append(i).append(",n\n");
        }
        csv.append("7,again\n");
        CsvException e = failing(csv.toString(), CsvImportOptions.defaults().batchSize(4));
        assertThat(e.line()).isEqualTo(32);
        assertThat(e.value()).isEqualTo("7");
    }

    @Test
    void aStringKeyDuplicatedIsReportedToo() throws IOException {
        CsvException e = failing("sku,qty\nA-1,1\nB-2,2\nA-1,3\n", CsvImportOptions.defaults().primaryKey("sku"));
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.value()).isEqualTo("A-1");
    }

    @Test
    void aCellThatDoesNotConvertToTheSchemaTypeNamesLineColumnValue() throws IOException {
        Schema schema = Schema.builder().field("id", FieldType.LONG).field("age", FieldType.LONG).build();
        CsvException e = failing("id,age\n1,30\n2,thirty\n", CsvImportOptions.defaults().schema(schema));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo("age");
        assertThat(e.value()).isEqualTo("thirty");
        assertThat(e.getMessage()).contains("LONG");
    }

    @Test
    void everyTypeRejectsCellsItCannotHold() throws IOException {
        Map<FieldType, String> bad = Map.of(FieldType.BOOLEAN, "maybe", FieldType.DOUBLE, "1,5", FieldType.DECIMAL,
                "NaN", FieldType.INSTANT, "2024-13-01T00:00:00Z", FieldType.DATE, "2024-02-30", FieldType.UUID,
                "not-a-uuid", FieldType.BYTES, "***", FieldType.LIST, "{\"a\":1}", FieldType.MAP, "[1]");
        for (Map.Entry<FieldType, String> b : bad.entrySet()) {
            Schema schema = Schema.builder().optional("v", b.getKey()).build();
            String quotedCell = "\"" + b.getValue().replace("\"", "\"\"") + "\"";
            CsvException e = failing("v\n" + quotedCell + "\n", CsvImportOptions.defaults().schema(schema));
            assertThat(e.value()).as(b.getKey().name()).isEqualTo(b.getValue());
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).contains(b.getKey().name());
        }
    }

    @Test
    void jsonNestedTooDeepIsRejected() throws IOException {
        Schema schema = Schema.builder().optional("v", FieldType.LIST).build();
        String deep = "[".repeat(300) + "]".repeat(300);
        CsvException e = failing("v\n" + deep + "\n", CsvImportOptions.defaults().schema(schema));
        assertThat(e.getMessage()).contains("deeper than 256");
        assertThat(e.line()).isEqualTo(2);
        // 256 levels, the bound, are fine
        String limit = "[".repeat(256) + "]".repeat(256);
        assertThat(Csv.importTable(db, file("v\n[]\n" + limit + "\n"), "t", CsvImportOptions.defaults()
                .schema(schema))).isEqualTo(2);
    }

    @Test
    void anEmptyRequiredCellFailsUnlessValidationIsSkipped() throws IOException {
        Schema schema = Schema.builder().field("id", FieldType.LONG).field("name", FieldType.STRING).build();
        CsvException e = failing("id,name\n1,a\n2,\n", CsvImportOptions.defaults().schema(schema));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo("name");
        long n = Csv.importTable(db, file("id,name\n1,a\n2,\n"), "t",
                CsvImportOptions.defaults().schema(schema).skipValidation(true));
        assertThat(n).isEqualTo(2);
        assertThat(db.table("t").get(2L).orElseThrow().get("name")).isNull();
    }

    @Test
    void aColumnOutsideTheSchemaOrARequiredFieldWithoutAColumnFailsBeforeReadingRecords() throws IOException {
        Schema schema = Schema.builder().field("id", FieldType.LONG).field("name", FieldType.STRING).build();
        CsvException extra = failing("id,name,age\n1,a,3\n", CsvImportOptions.defaults().schema(schema));
        assertThat(extra.column()).isEqualTo("age");
        assertThat(extra.line()).isEqualTo(1);
        CsvException missing = failing("id\n1\n", CsvImportOptions.defaults().schema(schema));
        assertThat(missing.column()).isEqualTo("name");
    }

    @Test
    void aBadHeaderIsRejected() throws IOException {
        assertThat(failing("id,name,id\n1,a,2\n", CsvImportOptions.defaults()).getMessage()).contains("twice");
        CsvException empty = failing("id,,x\n1,a,2\n", CsvImportOptions.defaults());
        assertThat(empty.line()).isEqualTo(1);
        assertThat(empty.getMessage()).contains("line 1", "header field 2 is empty");
        assertThat(failing("a,b\n1,2\n", CsvImportOptions.defaults().columns("x", "y", "z")).getMessage())
                .contains("3 column names");
    }

    @Test
    void aColumnNameTheDatabaseRefusesFailsOnTheHeaderNamingTheColumn() throws IOException {
        for (String name : List.of("new\nline", "esc\u001b[31m", "nul\u0000")) {
            String quoted = "\"" + name + "\"";
            CsvException e = failing("id," + quoted + "\n1,a\n", CsvImportOptions.defaults());
            assertThat(e.line()).as(name).isEqualTo(1);
            assertThat(e.column()).isEqualTo(name);
            assertThat(e.value()).isEqualTo(name);
            assertThat(e.getMessage()).contains("not a valid field name");
        }
    }

    @Test
    void aValueTheDatabaseMayRefuseIsACsvExceptionWithItsLineNeverABareIllegalArgument() throws IOException {
        // 10,001 digits: beyond what every codec reads back, so the value rule refuses it at insert (or Record.of)
        Path f = file("id,n\n1," + "9".repeat(10_001) + "\n2,5\n");
        try {
            Csv.importTable(db, f, "t", CsvImportOptions.defaults());
            assertThat(db.table("t").get(1L).orElseThrow().getDecimal("n").precision()).isEqualTo(10_001);
        } catch (CsvException e) {
            assertThat(e.file()).isEqualTo(f);
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).contains("line 2");
            assertThat(db.hasTable("t")).isFalse();
        }
    }

    @Test
    void anUnexpectedCharacterAfterAClosingQuoteGivesFastCsvsReasonAndTheColumn() throws IOException {
        CsvException e = failing("id,note\n1,ok\n2,\"quoted\"x\n", CsvImportOptions.defaults());
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo("note");
        assertThat(e.getMessage()).contains("line 3", "column 'note'",
                "not valid CSV: Unexpected character after closing quote: 'x'");
        // a space after the quote is as wrong to an RFC 4180 parser, and easier to miss
        CsvException space = failing("id,note\n1,\"a\" \n", CsvImportOptions.defaults()
                .schema(java.util.Map.of("id", "long", "note", "str")));
        assertThat(space.getMessage()).contains("Unexpected character after closing quote: ' '");
        // in the header, before the columns are known, the field is counted
        CsvException header = failing("id,\"na\"me\n1,a\n", CsvImportOptions.defaults());
        assertThat(header.line()).isEqualTo(1);
        assertThat(header.getMessage()).contains("field 2 of the record", "Unexpected character after closing "
                + "quote: 'm'");
    }

    @Test
    void aFieldLongerThanFastCsvsBufferSaysSoAndNamesTheColumn() throws IOException {
        CsvException e = failing("id,note\n1,ok\n2,\"" + "x".repeat(17_000_000) + "\"\n", CsvImportOptions.defaults());
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo("note");
        assertThat(e.getMessage()).contains("maximum buffer size of 16777216 is insufficient");
    }

    @Test
    void anExistingTableIsNeitherTouchedNorReplaced() throws IOException {
        Path f = file("id,name\n1,x\n");
        assertThatThrownBy(() -> Csv.importTable(db, f, "keep", CsvImportOptions.defaults()))
                .isInstanceOf(DuplicateTableException.class).hasMessageContaining("keep");
        assertThat(contents()).isEqualTo(before);
    }

    @Test
    void aQuotedFieldNeverClosedIsATruncatedFileNotOneLongValue() throws IOException {
        CsvException e = failing("id,note\n1,ok\n2,\"cut here\n3,lost\n4,lost\n", CsvImportOptions.defaults());
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("never closed");
        assertThat(failing("id,note\n1,\"ends with an escaped quote\"\"", CsvImportOptions.defaults()).line())
                .isEqualTo(2);
        assertThat(failing("id,note\n1,\"" + "x".repeat(200) + "\n", CsvImportOptions.defaults()
                .schema(Map.of("id", "long", "note", "str"))).line()).isEqualTo(2);
    }

    @Test
    void quotedFieldsThatDoCloseAtTheEndOfTheFileAreFine() throws IOException {
        String[] endings = {"\"x\"", "\"x\"\r\n", "\"x\"\n", "\"\"", "\"\"\r\n", "\"a\"\"\"", "\"\"\"\"\n",
            "\"" + "y".repeat(100) + "\"\"\"\r\n", "\"line\nbreak\"", "plain"};
        for (String end : endings) {
            Path f = file("id,note\n1," + end);
            assertThat(Csv.importTable(db, f, "t", CsvImportOptions.defaults())).as(end).isEqualTo(1);
            db.dropTable("t");
        }
    }

    @Test
    void aMissingFileNamesThePath() {
        Path f = dir.resolve("nowhere.csv");
        CsvException e = catchThrowableOfType(CsvException.class,
                () -> Csv.importTable(db, f, "t", CsvImportOptions.defaults()));
        assertThat(e.getMessage()).contains("nowhere.csv").contains("cannot read");
        assertThat(db.hasTable("t")).isFalse();
    }

    @Test
    void aHugeRowOfDelimitersCostsNoMemoryAndIsRagged() throws IOException {
        CsvException e = failing("a,b\n1,2\n" + ",".repeat(2_000_000) + "\n", CsvImportOptions.defaults());
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("2000001 fields");
    }

    @Test
    void bytesThatAreNotTheCharsetFailInsteadOfBecomingReplacementCharacters() throws IOException {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, new byte[] {'a', '\n', 'x', '\n', (byte) 0xE9, '\n'});
        CsvException e = catchThrowableOfType(CsvException.class,
                () -> Csv.importTable(db, f, "t", CsvImportOptions.defaults()));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("not valid UTF-8").contains("latin1.csv");
        assertThat(db.hasTable("t")).isFalse();
        assertThat(contents()).isEqualTo(before);
        Csv.importTable(db, f, "t", CsvImportOptions.defaults().charset(StandardCharsets.ISO_8859_1));
        assertThat(db.table("t").all()).extracting(r -> r.get("a")).containsExactly("x", "\u00e9");
    }

    @Test
    void exportingACharacterTheCharsetCannotEncodeFailsAndLeavesNoFile() {
        db.createTable("euro").insert(Map.of("price", "5 \u20ac"));
        Path f = dir.resolve("out.csv");
        CsvException e = catchThrowableOfType(CsvException.class, () -> Csv.exportTable(db.table("euro"), f,
                CsvExportOptions.defaults().charset(StandardCharsets.ISO_8859_1)));
        assertThat(e.getMessage()).contains("cannot encode").contains("out.csv");
        assertThat(f).doesNotExist();
        assertThat(dir.toFile().list()).as("no temporary file left").isEmpty();
    }

    @Test
    void anUndecodableByteFarIntoTheFileIsReportedOnItsOwnLine() throws IOException {
        Path f = dir.resolve("late.csv");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes("id,name\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 1; i <= 5000; i++) {
            bytes.writeBytes((i + ",name number " + i + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        bytes.writeBytes(new byte[] {'9', '9', '9', '9', '9', ',', (byte) 0xE9, '\n'}); // line 5002
        bytes.writeBytes("100000,after\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(f, bytes.toByteArray());
        for (CsvImportOptions options : List.of(CsvImportOptions.defaults(),
                CsvImportOptions.defaults().inferTypes(false))) {
            CsvException e = catchThrowableOfType(CsvException.class, () -> Csv.importTable(db, f, "t", options));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("not valid UTF-8");
            assertThat(e.line()).as(e.getMessage()).isEqualTo(5002);
            assertThat(db.hasTable("t")).isFalse();
        }
    }

    @Test
    void aKeyClashWithAnAutomaticKeySaysSoInsteadOfClaimingADuplicateInTheFile() throws IOException {
        // line 2 has no key and gets key 1 automatically; line 3's key 1 then clashes: the file has no duplicate
        CsvException e = failing("id,name\n,first\n1,second\n", CsvImportOptions.defaults());
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("duplicate primary key 1").contains("empty 'id' cell")
                .contains("line 2");
        CsvException real = failing("id,name\n1,first\n1,second\n", CsvImportOptions.defaults());
        assertThat(real.getMessage()).contains("duplicate primary key 1").doesNotContain("empty");
    }
}
