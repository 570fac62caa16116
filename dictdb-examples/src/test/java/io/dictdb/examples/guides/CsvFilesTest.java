package io.dictdb.examples.guides;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the blocks of docs/csv.md; the files shown there are the ones checked here. */
class CsvFilesTest {

    @TempDir
    Path dir;

    @Test
    void importInfersTypesAndRefusesABadRowWhole() {
        Map<String, Object> r = CsvFiles.roundTrip(dir);
        assertThat(r.get("people").toString()).isEqualTo("[{name=Alice, age=30, score=1.5, member=true, zip=02134, "
                + "id=1}, {name=Bob, age=null, score=2.0, member=false, zip=75001, id=2}]");
        assertThat(r.get("types"))
                .isEqualTo(List.of("name:String", "age:null", "score:Double", "member:Boolean", "zip:String", "id:Long"));
        assertThat((String) r.get("error")).endsWith("bad.csv', line 3, column 'age', value \"thirty\": cannot convert "
                + "to LONG: expected an integer that fits LONG");
        assertThat(r.get("line")).isEqualTo(3L);
        assertThat(r.get("created")).isEqualTo(false);
    }

    private static String lf(Object text) {
        return ((String) text).replace("\r\n", "\n");
    }

    @Test
    void exportPlainAndForSpreadsheets() {
        Map<String, Object> r = CsvFiles.export(dir);
        assertThat((String) r.get("plain")).as("RFC 4180: CRLF line ends").doesNotContain("\n\n").contains("\r\n");
        assertThat(lf(r.get("plain"))).isEqualTo("""
                id,who,text,n
                1,Mallory,"=HYPERLINK(""http://evil.example"",""click"")",-5
                2,Alice,hello,3
                """);
        assertThat(lf(r.get("people"))).isEqualTo("""
                "who","text","n"
                "Alice","hello",3
                "Mallory","'=HYPERLINK(""http://evil.example"",""click"")",-5
                """);
    }
}
