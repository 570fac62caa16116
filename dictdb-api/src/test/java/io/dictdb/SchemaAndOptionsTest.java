package io.dictdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The small immutable value types of {@code io.dictdb}: schemas, table specs, insert options, results. */
class SchemaAndOptionsTest {

    @Nested
    class Schemas {
        private final Schema schema = Schema.builder()
                .field("id", FieldType.LONG)
                .field("name", FieldType.STRING)
                .optional("email", FieldType.STRING)
                .build();

        @Test
        void fieldsInDeclarationOrder() {
            assertThat(schema.fields()).containsExactly(Map.entry("id", FieldType.LONG),
                    Map.entry("name", FieldType.STRING), Map.entry("email", FieldType.STRING));
            assertThat(schema.optionalFields()).containsExactly("email");
        }

        @Test
        void requiredAndOptional() {
            assertThat(schema.isRequired("name")).isTrue();
            assertThat(schema.isRequired("email")).isFalse();
            assertThat(schema.isRequired("other")).isFalse();
            assertThat(schema.has("email")).isTrue();
            assertThat(schema.has("other")).isFalse();
            assertThat(schema.type("name")).isEqualTo(FieldType.STRING);
            assertThat(schema.type("other")).isNull();
        }

        @Test
        void isImmutable() {
            assertThatThrownBy(() -> schema.fields().put("x", FieldType.ANY))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> schema.optionalFields().add("name"))
                    .isInstanceOf(UnsupportedOperationException.class);
            Schema.Builder builder = Schema.builder().field("a", FieldType.LONG);
            Schema first = builder.build();
            builder.field("b", FieldType.LONG);
            assertThat(first.fields()).containsOnlyKeys("a");
        }

        @Test
        void aFieldIsDeclaredOnce() {
            assertThatThrownBy(() -> Schema.builder().field("a", FieldType.LONG).optional("a", FieldType.STRING))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'a'");
            assertThatThrownBy(() -> Schema.builder().field(null, FieldType.LONG))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> Schema.builder().field("a", null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void withFieldIfAbsentAddsThePrimaryKeyFirst() {
            Schema noKey = Schema.builder().field("name", FieldType.STRING).build();
            Schema withKey = noKey.withFieldIfAbsent("id", FieldType.LONG);
            assertThat(withKey.fields().keySet()).containsExactly("id", "name");
            assertThat(withKey.isRequired("id")).isTrue();
            assertThat(noKey.has("id")).isFalse();
            assertThat(withKey.withFieldIfAbsent("id", FieldType.STRING)).isSameAs(withKey);
        }

        @Test
        void equalsHashCodeAndToString() {
            Schema same = Schema.builder().field("id", FieldType.LONG).field("name", FieldType.STRING)
                    .optional("email", FieldType.STRING).build();
            Schema allRequired = Schema.builder().field("id", FieldType.LONG).field("name", FieldType.STRING)
                    .field("email", FieldType.STRING).build();
            assertThat(schema).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(allRequired);
            assertThat(schema).hasToString("Schema{id: LONG, name: STRING, email?: STRING}");
        }
    }

    @Nested
    class FieldTypes {
        @Test
        void coerceConvertsWhereTheSpecSays() {
            assertThat(FieldType.DOUBLE.coerce(30L)).isEqualTo(30.0);
            assertThat(FieldType.DOUBLE.coerce(new BigDecimal("2.5"))).isEqualTo(2.5);
            assertThat(FieldType.DOUBLE.coerce(new BigDecimal("0.1"))).isNull(); // not exact
            assertThat(FieldType.DECIMAL.coerce(7L)).isEqualTo(BigDecimal.valueOf(7));
            assertThat(FieldType.LONG.coerce(1.0)).isNull();
            assertThat(FieldType.STRING.coerce(1L)).isNull();
            assertThat(FieldType.MAP.coerce(Record.of("a", 1))).isEqualTo(Record.of("a", 1));
            assertThat(FieldType.LIST.coerce(Values.canonical("l", List.of(1)))).isEqualTo(List.of(1L));
            assertThat(FieldType.ANY.coerce("x")).isEqualTo("x");
        }
    }

    @Nested
    class TableSpecs {
        @Test
        void defaults() {
            TableSpec spec = TableSpec.named("users");
            assertThat(spec.name()).isEqualTo("users");
            assertThat(spec.primaryKey()).isEqualTo("id");
            assertThat(spec.schema()).isEmpty();
            assertThat(spec.indexes()).isEmpty();
        }

        @Test
        void fluentAndImmutable() {
            Schema schema = Schema.builder().field("email", FieldType.STRING).build();
            TableSpec base = TableSpec.named("users");
            TableSpec spec = base.primaryKey("uid").schema(schema).index("email", IndexType.HASH).index("age",
                    IndexType.SORTED).index("city");
            assertThat(spec.primaryKey()).isEqualTo("uid");
            assertThat(spec.schema()).contains(schema);
            assertThat(spec.indexes()).containsExactly(Map.entry("email", IndexType.HASH),
                    Map.entry("age", IndexType.SORTED), Map.entry("city", IndexType.HASH));
            assertThat(base.primaryKey()).isEqualTo("id");
            assertThat(base.indexes()).isEmpty();
            assertThat(base.schema()).isEmpty();
            assertThatThrownBy(() -> spec.indexes().put("x", IndexType.HASH))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(spec.schema(null).schema()).isEmpty();
        }

        @Test
        void blankNamesAreRejected() {
            assertThatThrownBy(() -> TableSpec.named(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TableSpec.named(null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TableSpec.named("users").primaryKey(""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'users'");
            assertThatThrownBy(() -> TableSpec.named("users").index(null, IndexType.HASH))
                    .isInstanceOf(NullPointerException.class);
        }

        @Test
        void toStringNamesTheTable() {
            assertThat(TableSpec.named("users").index("email").toString()).contains("users", "email", "HASH");
        }
    }

    @Nested
    class InsertOptionsTest {
        @Test
        void defaults() {
            InsertOptions defaults = InsertOptions.defaults();
            assertThat(defaults.batchSize()).isZero();
            assertThat(defaults.skipValidation()).isFalse();
        }

        @Test
        void fluentAndImmutable() {
            InsertOptions options = InsertOptions.defaults().batchSize(1000).skipValidation(true);
            assertThat(options.batchSize()).isEqualTo(1000);
            assertThat(options.skipValidation()).isTrue();
            assertThat(InsertOptions.defaults().batchSize()).isZero();
            assertThat(InsertOptions.defaults().skipValidation()).isFalse();
            assertThat(options.skipValidation(false).batchSize()).isEqualTo(1000);
            assertThat(options).hasToString("InsertOptions[batchSize=1000, skipValidation=true]");
        }

        @Test
        void batchSizeMustBePositive() {
            assertThatThrownBy(() -> InsertOptions.defaults().batchSize(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0");
            assertThatThrownBy(() -> InsertOptions.defaults().batchSize(-5))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class ResultsAndExceptions {
        @Test
        void upsertResult() {
            UpsertResult r = new UpsertResult(7L, UpsertResult.Action.INSERTED);
            assertThat(r.key()).isEqualTo(7L);
            assertThat(r.action()).isEqualTo(UpsertResult.Action.INSERTED);
            assertThat(UpsertResult.Action.values()).containsExactly(UpsertResult.Action.INSERTED,
                    UpsertResult.Action.UPDATED, UpsertResult.Action.IGNORED);
            assertThat(OnConflict.values()).containsExactly(OnConflict.UPDATE, OnConflict.IGNORE, OnConflict.ERROR);
            assertThat(IndexType.values()).containsExactly(IndexType.HASH, IndexType.SORTED, IndexType.ELEMENTS);
        }

        @Test
        void everyExceptionIsAnUncheckedDictDbException() {
            List<DictDbException> all = List.of(new DuplicateKeyException("users", 7L),
                    new DuplicateTableException("users"), new RecordNotFoundException("users", "no match"),
                    new TableNotFoundException("users"), new SchemaValidationException("users", "age", "bad"),
                    new CodecException("bad"), new BackupException("bad"));
            for (DictDbException e : all) {
                assertThat(e).isInstanceOf(RuntimeException.class);
            }
            assertThat(new DuplicateKeyException("users", 7L).getMessage()).contains("users", "7");
            assertThat(new DuplicateTableException("users").getMessage()).contains("users");
            assertThat(new TableNotFoundException("orders").getMessage()).contains("orders");
            assertThat(new SchemaValidationException("users", "age", "bad").field()).isEqualTo("age");
            assertThat(new SchemaValidationException("users", "age", "bad").table()).isEqualTo("users");
        }
    }
}
