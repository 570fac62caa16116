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
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each import and export option changes what it says and nothing else. */
class CsvOptionsTest {
    @TempDir
    Path dir;

    private final Database db = DictDB.create();

    private Path write(String name, String csv, Charset charset) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, csv.getBytes(charset));
        return f;
    }

    private Path write(String csv) throws IOException {
        return write("in.csv", csv, StandardCharsets.UTF_8);
    }

    @Test
    void withoutAHeaderTheGivenColumnsNameTheFields() throws IOException {
        Path f = write("1,Alice,30\n2,Bob,25\n");
        Csv.importTable(db, f, "t", CsvImportOptions.defaults().header(false).columns("id", "name", "age"));
        assertThat(db.table("t").all()).containsExactly(Record.of("id", 1L, "name", "Alice", "age", 30L),
                Record.of("id", 2L, "name", "Bob", "age", 25L));
    }

    @Test
    void withoutAHeaderOrNamesTheColumnsAreNamedAsThePythonDictDbNamesThem() throws IOException {
        Path f = write("Alice,30\nBob,25\n");
        Csv.importTable(db, f, "t", CsvImportOptions.defaults().header(false));
        Table t = db.table("t");
        assertThat(t.all().get(0)).isEqualTo(Record.of("col_0", "Alice", "col_1", 30L, "id", 1L));
        assertThat(t.get(2L).orElseThrow().get("col_0")).isEqualTo("Bob");
    }

    @Test
    void givenColumnsReplaceTheHeadersNames() throws IOException {
        Path f = write("a,b\n1,x\n");
        Csv.importTable(db, f, "t", CsvImportOptions.defaults().columns("id", "label"));
        assertThat(db.table("t").all()).containsExactly(Record.of("id", 1L, "label", "x"));
    }

    @Test
    void delimiterAndQuoteCharacters() throws IOException {
        Path f = write("id;name;note\n1;'Smith; John';'it''s'\n2;\"q\";x\n");
        Csv.importTable(db, f, "t", CsvImportOptions.defaults().delimiter(';').quote('\''));
        assertThat(db.table("t").all()).containsExactly(Record.of("id", 1L, "name", "Smith; John", "note", "it's"),
                Record.of("id", 2L, "name", "\"q\"", "note", "x"));
        Path tabs = write("tabs.tsv", "id\tv\n1\ta,b\n", StandardCharsets.UTF_8);
        Csv.importTable(db, tabs, "tabs", CsvImportOptions.defaults().delimiter('\t'));
        assertThat(db.table("tabs").get(1L).orElseThrow().get("v")).isEqualTo("a,b");
        assertThatThrownBy(() -> CsvImportOptions.defaults().delimiter('"')).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> CsvExportOptions.defaults().delimiter('\n')).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void charsetBothWaysAndAByteOrderMarkIsSkipped() throws IOException {
        Path latin = write("latin.csv", "id,name\n1,H\u00e9lo\u00efse\n", StandardCharsets.ISO_8859_1);
        Csv.importTable(db, latin, "latin", CsvImportOptions.defaults().charset(StandardCharsets.ISO_8859_1));
        assertThat(db.table("latin").get(1L).orElseThrow().get("name")).isEqualTo("H\u00e9lo\u00efse");

        Path bom = write("bom.csv", "\uFEFFid,name\n1,x\n", StandardCharsets.UTF_8);
        Csv.importTable(db, bom, "bom", CsvImportOptions.defaults());
        assertThat(db.table("bom").columns()).containsExactly("id", "name");

        Path out = dir.resolve("utf16.csv");
        Csv.exportTable(db.table("latin"), out, CsvExportOptions.defaults().charset(StandardCharsets.UTF_16LE));
        assertThat(new String(Files.readAllBytes(out), StandardCharsets.UTF_16LE))
                .isEqualTo("id,name\r\n1,H\u00e9lo\u00efse\r\n");
        Csv.importTable(db, out, "back", CsvImportOptions.defaults().charset(StandardCharsets.UTF_16LE));
        assertThat(db.table("back").all()).isEqualTo(db.table("latin").all());
    }

    @Test
    void anExplicitSchemaConvertsEveryTypeAndIsTheTablesSchema() throws IOException {
        Schema schema = Schema.builder().field("id", FieldType.LONG).field("flag", FieldType.BOOLEAN)
                .field("x", FieldType.DOUBLE).field("money", FieldType.DECIMAL).field("name", FieldType.STRING)
                .field("at", FieldType.INSTANT).field("day", FieldType.DATE).field("uid", FieldType.UUID)
                .field("raw", FieldType.BYTES).field("tags", FieldType.LIST).field("meta", FieldType.MAP)
                .optional("any", FieldType.ANY).build();
        Path f = write("id,flag,x,money,name,at,day,uid,raw,tags,meta,any\n"
                + "7,yes,3,1.10,0042,2024-02-29T10:15:30Z,2024-02-29,123e4567-e89b-12d3-a456-426614174000,"
                + "AQID,\"[1,\"\"a\"\",null,2.5,[true]]\",\"{\"\"k\"\":{\"\"n\"\":1}}\",12\n");
        Csv.importTable(db, f, "t", CsvImportOptions.defaults().schema(schema));
        Table t = db.table("t");
        assertThat(t.schema()).contains(schema);
        Record r = t.get(7L).orElseThrow();
        assertThat(r.get("flag")).isEqualTo(true);
        assertThat(r.get("x")).isEqualTo(3.0);
        assertThat(r.getDecimal("money")).isEqualByComparingTo("1.10");
        assertThat(r.getDecimal("money").scale()).isEqualTo(2);
        assertThat(r.get("name")).isEqualTo("0042");
        assertThat(r.get("at")).isEqualTo(Instant.parse("2024-02-29T10:15:30Z"));
        assertThat(r.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(r.get("uid")).isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        assertThat(r.getBytes("raw")).containsExactly(1, 2, 3);
        assertThat(r.getList("tags")).containsExactly(1L, "a", null, 2.5, List.of(true));
        assertThat(r.getRecord("meta")).isEqualTo(Record.of("k", Record.of("n", 1L)));
        assertThat(r.get("any")).isEqualTo(12L);
    }

    @Test
    void aSchemaByTypeNamesAcceptsFieldTypeAndPythonNames() throws IOException {
        Path f = write("id,price,name,active\n1,2.5,x,True\n");
        Csv.importTable(db, f, "t", CsvImportOptions.defaults().schema(Map.of("id", "int", "price", "decimal",
                "name", "str", "active", "bool")));
        Record r = db.table("t").get(1L).orElseThrow();
        assertThat(r.get("price")).isEqualTo(new BigDecimal("2.5"));
        assertThat(r.get("active")).isEqualTo(true);
        assertThat(db.table("t").schema().orElseThrow().fields()).containsEntry("price", FieldType.DECIMAL);
    }

    @Test
    void typeNamesResolveWithoutAFileSoThatACommandLineCanCheckThemFirst() {
        assertThat(CsvImportOptions.fieldType(" Integer ")).isEqualTo(FieldType.LONG);
        assertThat(CsvImportOptions.fieldType("text")).isEqualTo(FieldType.STRING);
        assertThat(CsvImportOptions.fieldType("uuid")).isEqualTo(FieldType.UUID);
        assertThatThrownBy(() -> CsvImportOptions.fieldType("money")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'money'").hasMessageContaining("DECIMAL").hasMessageContaining("str");
    }

    @Test
    void batchSizeDoesNotChangeTheResult() throws IOException {
        StringBuilder csv = new StringBuilder("id,v\n");
        for (int i = 1; i <= 103; i++) {
            csv.append(i).append(',').append(i % 7).append('\n');
        }
        Path f = write(csv.toString());
        assertThat(Csv.importTable(db, f, "one", CsvImportOptions.defaults().batchSize(1))).isEqualTo(103);
        assertThat(Csv.importTable(db, f, "ten", CsvImportOptions.defaults().batchSize(10))).isEqualTo(103);
        assertThat(Csv.importTable(db, f, "all", CsvImportOptions.defaults())).isEqualTo(103);
        assertThat(db.table("one").all()).isEqualTo(db.table("all").all()).isEqualTo(db.table("ten").all());
        assertThatThrownBy(() -> CsvImportOptions.defaults().batchSize(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyFileOrAHeaderAloneMakesAnEmptyTable() throws IOException {
        assertThat(Csv.importTable(db, write("e1.csv", "", StandardCharsets.UTF_8), "empty",
                CsvImportOptions.defaults())).isZero();
        assertThat(db.table("empty").count()).isZero();
        assertThat(Csv.importTable(db, write("e2.csv", "id,name\r\n", StandardCharsets.UTF_8), "header",
                CsvImportOptions.defaults())).isZero();
        assertThat(db.hasTable("header")).isTrue();
    }

    private Table people() {
        Table t = db.createTable(TableSpec.named("people").primaryKey("id"));
        t.insert(Record.of("name", "Alice", "age", 30, "dept", "IT"));
        t.insert(Record.of("name", "Bob, Jr.", "age", 17, "dept", "HR"));
        t.insert(Record.of("name", "Carol \"CJ\"", "age", 45, "dept", "IT"));
        t.insert(Record.of("name", "Dan\nLine two", "age", 61, "dept", null));
        return t;
    }

    @Test
    void exportWritesRfc4180WithTheTablesColumns() throws IOException {
        Path out = dir.resolve("people.csv");
        assertThat(Csv.exportTable(people(), out, CsvExportOptions.defaults())).isEqualTo(4);
        assertThat(Files.readString(out)).isEqualTo("id,name,age,dept\r\n"
                + "1,Alice,30,IT\r\n"
                + "2,\"Bob, Jr.\",17,HR\r\n"
                + "3,\"Carol \"\"CJ\"\"\",45,IT\r\n"
                + "4,\"Dan\nLine two\",61,\r\n");
    }

    @Test
    void exportWhereOrderByAndColumns() throws IOException {
        Table t = people();
        Path out = dir.resolve("it.csv");
        long n = Csv.exportTable(t, out, CsvExportOptions.defaults().where(field("age").gte(18))
                .orderBy("-age").columns("name", "age").header(false).delimiter(';'));
        assertThat(n).isEqualTo(3);
        assertThat(Files.readString(out)).isEqualTo("\"Dan\nLine two\";61\r\nCarol \"\"CJ\"\";45\r\nAlice;30\r\n"
                .replace("Carol \"\"CJ\"\"", "\"Carol \"\"CJ\"\"\""));
        Path none = dir.resolve("none.csv");
        assertThat(Csv.exportTable(t, none, CsvExportOptions.defaults().where(field("age").gt(100)))).isZero();
        assertThat(Files.readString(none)).isEqualTo("id,name,age,dept\r\n");
    }

    @Test
    void exportReplacesAnExistingFileWhole() throws IOException {
        Path out = dir.resolve("p.csv");
        Files.writeString(out, "old content that is longer than the new one ".repeat(100));
        Csv.exportTable(people(), out, CsvExportOptions.defaults().columns("id"));
        assertThat(Files.readString(out)).isEqualTo("id\r\n1\r\n2\r\n3\r\n4\r\n");
    }

    @Test
    void skipValidationStillConvertsTypes() throws IOException {
        Schema schema = Schema.builder().field("id", FieldType.LONG).field("x", FieldType.DOUBLE).build();
        Path f = write("id,x\n1,2\n2,\n");
        Csv.importTable(db, f, "t", CsvImportOptions.defaults().schema(schema).skipValidation(true));
        assertThat(db.table("t").all()).containsExactly(Record.of("id", 1L, "x", 2.0), Record.of("id", 2L, "x",
                null));
    }

    @Test
    void theShortFormsUseTheDefaults() throws IOException {
        Table t = people();
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        assertThat(Csv.exportTable(t, a)).isEqualTo(4);
        Csv.exportTable(t, b, CsvExportOptions.defaults());
        assertThat(Files.readString(a)).isEqualTo(Files.readString(b));
        assertThat(Csv.importTable(db, a, "copy")).isEqualTo(4);
        assertThat(db.table("copy").all()).isEqualTo(t.all());
    }

    @Test
    void optionsAreImmutable() {
        CsvImportOptions d = CsvImportOptions.defaults();
        CsvImportOptions changed = d.delimiter(';').header(false).primaryKey("k").decimals(FieldType.DECIMAL);
        assertThat(d.delimiter()).isEqualTo(',');
        assertThat(d.header()).isTrue();
        assertThat(d.primaryKey()).isEqualTo("id");
        assertThat(d.decimals()).isEqualTo(FieldType.DOUBLE);
        assertThat(changed.delimiter()).isEqualTo(';');
        assertThat(changed.primaryKey()).isEqualTo("k");
        assertThatThrownBy(() -> d.decimals(FieldType.LONG)).isInstanceOf(IllegalArgumentException.class);
        CsvExportOptions e = CsvExportOptions.defaults();
        assertThat(e.orderBy("a").orderBy()).containsExactly("a");
        assertThat(e.orderBy()).isEmpty();
    }

    @Test
    void columnNamesMustBeNonNullNonEmptyAndDistinctAsDocumented() {
        for (String[] bad : List.of(new String[] {"a", null}, new String[] {"a", ""}, new String[] {"a", "a"})) {
            assertThatThrownBy(() -> CsvImportOptions.defaults().columns(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column names");
            assertThatThrownBy(() -> CsvExportOptions.defaults().columns(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column names");
        }
        String[] names = {"a", "b"};
        CsvExportOptions e = CsvExportOptions.defaults().columns(names);
        names[0] = "changed";
        assertThat(e.columns()).containsExactly("a", "b");
    }

    @Test
    void oneFormatValueDescribesTheFileForImportAndExport() throws IOException {
        CsvFormat format = CsvFormat.defaults().withDelimiter(';').withQuote('\'').withHeader(false)
                .withCharset(StandardCharsets.ISO_8859_1).withColumns("id", "name");
        assertThat(format).isEqualTo(new CsvFormat(';', '\'', false, StandardCharsets.ISO_8859_1,
                List.of("id", "name")));
        // the one-part methods and the format are the same thing
        CsvImportOptions in = CsvImportOptions.defaults().delimiter(';').quote('\'').header(false)
                .charset(StandardCharsets.ISO_8859_1).columns("id", "name");
        CsvExportOptions out = CsvExportOptions.defaults().delimiter(';').quote('\'').header(false)
                .charset(StandardCharsets.ISO_8859_1).columns("id", "name");
        assertThat(in.format()).isEqualTo(format);
        assertThat(out.format()).isEqualTo(format);
        assertThat(CsvImportOptions.defaults().format()).isEqualTo(CsvFormat.defaults())
                .isEqualTo(CsvExportOptions.defaults().format());
        assertThat(CsvImportOptions.defaults().primaryKey("k").format(format).primaryKey()).isEqualTo("k");
        assertThat(CsvExportOptions.defaults().neutralizeFormulas(true).format(format).neutralizeFormulas()).isTrue();

        Table t = db.createTable(TableSpec.named("t"));
        t.insert(Record.of("id", 1L, "name", "Andr\u00e9; 'x'"));
        Path f = dir.resolve("format.csv");
        Csv.exportTable(t, f, CsvExportOptions.defaults().format(format));
        assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).isEqualTo("1;'Andr\u00e9; ''x'''\r\n");
        Csv.importTable(db, f, "back", CsvImportOptions.defaults().format(format));
        assertThat(db.table("back").all()).containsExactly(Record.of("id", 1L, "name", "Andr\u00e9; 'x'"));
    }

    @Test
    void aFormatRefusesWhatNoOptionAccepts() {
        assertThatThrownBy(() -> CsvFormat.defaults().withQuote(',')).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
        assertThatThrownBy(() -> new CsvFormat(',', '\r', true, StandardCharsets.UTF_8, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CsvFormat.defaults().withColumns("a", "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> CsvFormat.defaults().withCharset(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CsvImportOptions.defaults().format(null)).isInstanceOf(NullPointerException.class);
        List<String> names = new java.util.ArrayList<>(List.of("a"));
        CsvFormat f = new CsvFormat(',', '"', true, StandardCharsets.UTF_8, names);
        names.add("b");
        assertThat(f.columns()).containsExactly("a");
    }
}
