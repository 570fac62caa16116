package io.dictdb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.dictdb.Record;
import io.dictdb.query.Conditions;
import io.dictdb.query.Order;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * One interner for single names and record shapes: a record's field names and a query's {@code Field} and
 * {@code Order} names are the same instances, so that a record lookup finds the field by identity.
 */
class FieldNameInternerTest {

    @Test
    void aRecordOfLiteralNamesAndAFieldShareTheName() {
        Record r = Record.of("fni_city", "Oslo", "fni_zip", 1L);
        assertThat(Conditions.field("fni_city").name()).isSameAs(r.fieldAt(0));
        assertThat(Conditions.field(new String("fni_zip")).name()).isSameAs(r.fieldAt(1));
        assertThat(Order.parse("-fni_zip").field()).isSameAs(r.fieldAt(1));
        assertThat(Conditions.field(new String("fni_city")).name()).isSameAs("fni_city");
    }

    @Test
    void aRecordOfNamesBuiltAtRunTimeSharesThemWithAField() {
        qt().withExamples(200).forAll(SourceDSL.strings().basicLatinAlphabet().ofLengthBetween(1, 12))
                .checkAssert(suffix -> {
                    String built = new StringBuilder("fni_").append(suffix).toString(); // not a literal
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put(built, 1L);
                    m.put(new String("fni_other"), 2L);
                    Record decoded = Record.of(m);
                    if (FieldNameInterner.shared(new String[] {built, "fni_other"}) == null) {
                        // past the shape cache's bound (the JVM has seen 4096 shapes: other tests of this fork make
                        // random ones), arrays are not shared nor their names interned; the property is about
                        // shared shapes, as every table of a few shapes has
                        return;
                    }
                    Record again = Record.of(Map.of(new String(built), 3L, new String("fni_other"), 4L));
                    assertThat(again.fields().get(again.fields().indexOf(built))).isSameAs(decoded.fieldAt(0));
                    assertThat(Conditions.field(new String(built)).name()).isSameAs(decoded.fieldAt(0));
                    assertThat(Conditions.field("fni_other").name()).isSameAs(decoded.fieldAt(1));
                    assertThat(decoded.with(new String(built), 5L).fieldAt(0)).isSameAs(decoded.fieldAt(0));
                });
    }

    @Test
    void singleNamesAreTheJvmsInternedInstances() {
        String built = new StringBuilder("fni_").append("single").toString();
        assertThat(FieldNameInterner.name(built)).isSameAs("fni_single");
        assertThat(FieldNameInterner.name(new String(built))).isSameAs("fni_single");
    }
}
