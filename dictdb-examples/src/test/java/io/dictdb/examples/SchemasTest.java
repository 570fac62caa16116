package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemasTest {

    private static Printed printed;

    @BeforeAll
    static void run() throws Exception {
        printed = Printed.by(Schemas::run);
    }

    @Test
    void declaresTheSchemaAndIndexes() {
        assertThat(printed.line("schema of products: "))
                .isEqualTo("schema of products: Schema{sku: STRING, name: STRING, price: DECIMAL, tags?: LIST, "
                        + "added?: DATE}");
        assertThat(printed.line("indexes of products: ")).contains("price", "name");
    }

    @Test
    void rejectsEachBadRecordNamingTableAndField() {
        assertThat(printed.line("inserted: ")).isEqualTo("inserted: 2 products");
        assertThat(printed.line("rejected NOPRICE")).contains("field=price", "table=products");
        assertThat(printed.line("rejected BADTYPE")).contains("field=price", "table=products");
        assertThat(printed.line("rejected EXTRA")).contains("field=colour", "table=products");
        assertThat(printed.all("accepted")).isEmpty();
        assertThat(printed.line("after the rejected inserts: ")).isEqualTo("after the rejected inserts: 2 products");
    }

    @Test
    void batchesAreAtomicAndTrustedDataSkipsValidation() {
        assertThat(printed.line("batch rejected: ")).isEqualTo("batch rejected: field=price; OK1 stored: false");
        assertThat(printed.line("trusted batch")).endsWith(": [T1, T2]");
        assertThat(printed.line("products under 10: "))
                .isEqualTo("products under 10: [T1=1.50, T2=2.50, XYZ789=5.00]");
    }
}
