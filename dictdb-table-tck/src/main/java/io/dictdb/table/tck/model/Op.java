package io.dictdb.table.tck.model;

import io.dictdb.IndexType;
import io.dictdb.OnConflict;
import io.dictdb.Record;
import io.dictdb.query.Condition;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One step of a generated sequence. Steps that name existing records do so through {@link KeyRef} and
 * {@link Where}, resolved against the model when the step runs, so any subsequence of a sequence is still a valid
 * sequence: that is what lets a failure be minimised by simply dropping steps.
 */
sealed interface Op {

    /** Short name of the kind of step, for statistics. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** {@code insert(record)}; {@code fields} holds no primary key, {@code key} says which one to add, if any. */
    record Insert(Map<String, Object> fields, KeyRef key) implements Op {
    }

    /** {@code insertAll(records)} or, with {@code batchSize > 0} or {@code skipValidation}, with options. */
    record InsertAll(List<Map<String, Object>> fields, List<KeyRef> keys, int batchSize, boolean skipValidation,
                     boolean withOptions) implements Op {
    }

    /** {@code upsert(record)} when {@code onConflict} is null, else {@code upsert(record, onConflict)}. */
    record Upsert(Map<String, Object> fields, KeyRef key, OnConflict onConflict) implements Op {
    }

    /** {@code update(changes, where)}; {@code where == null} is {@code update(changes)}; or via {@code query()}. */
    record Update(Map<String, Object> changes, Where where, boolean viaQuery) implements Op {
    }

    /** {@code update(fn, where)}. */
    record UpdateFn(Fn fn, Where where) implements Op {
    }

    /** {@code delete(where)}, or {@code query().where(where).delete()}. */
    record Delete(Where where, boolean viaQuery) implements Op {
    }

    /** {@code deleteAll()}. */
    record DeleteAll() implements Op {
    }

    /** {@code createIndex(field, type)}, or {@code createIndex(field)} when {@code type} is null. */
    record CreateIndex(String field, IndexType type) implements Op {
    }

    /** {@code dropIndex(field)}. */
    record DropIndex(String field) implements Op {
    }

    /**
     * Not a write: runs {@code select}, {@code count} and an ordered, paged {@code query()} with the condition on
     * every table and the model. {@code limit < 0} means none.
     */
    record Check(Where where, List<String> orderBy, boolean asOrderObjects, int limit, int offset) implements Op {
    }

    /** Not a write: {@code get(key)}. */
    record Lookup(KeyRef key) implements Op {
    }

    // ------------------------------------------------------------------ references resolved at run time

    /** Which primary key a written record carries. */
    sealed interface KeyRef {
        /** No key: the table assigns the next counter value. */
        record None() implements KeyRef {
        }

        /** A given key, possibly not canonical (an Integer) or already taken. */
        record Literal(Object key) implements KeyRef {
        }

        /**
         * The key of the {@code pick}-th existing record (modulo the count), spelled as another numeric type when
         * {@code otherType} and it is a number (1L as 1.0 or 1.00): keys are identified by value.
         */
        record Existing(int pick, boolean otherType) implements KeyRef {
        }
    }

    /** A condition, either given or naming existing records by key. */
    sealed interface Where {
        /** A generated condition. */
        record Given(Condition condition) implements Where {
        }

        /** {@code field(pk).in(keys)} (or {@code eq} for one key) of existing records. */
        record Keys(List<KeyRef> keys) implements Where {
        }
    }

    /** An update function; the same function object runs on the model and on the tables. */
    sealed interface Fn {
        UnaryOperator<Record> function();

        /** {@code r -> r.with(field, value)}. */
        record Set(String field, Object value) implements Fn {
            @Override
            public UnaryOperator<Record> function() {
                return r -> r.with(field, value);
            }

            @Override
            public String toString() {
                return "r -> r.with(" + Show.string(field) + ", " + Show.value(value) + ")";
            }
        }

        /** {@code r -> r.without(field)}. */
        record Remove(String field) implements Fn {
            @Override
            public UnaryOperator<Record> function() {
                return r -> r.without(field);
            }

            @Override
            public String toString() {
                return "r -> r.without(" + Show.string(field) + ")";
            }
        }

        /** {@code r -> r.with(to, r.get(from))}: a read-modify-write. */
        record Copy(String from, String to) implements Fn {
            @Override
            public UnaryOperator<Record> function() {
                return r -> r.with(to, r.get(from));
            }

            @Override
            public String toString() {
                return "r -> r.with(" + Show.string(to) + ", r.get(" + Show.string(from) + "))";
            }
        }

        /**
         * Throws {@link Refused} for a record the condition matches, else sets a field: proves update(fn) is all
         * or nothing when the function fails part way.
         */
        record RefuseIf(Condition refuse, String field, Object value) implements Fn {
            @Override
            public UnaryOperator<Record> function() {
                return r -> {
                    if (Oracle.matches(refuse, r)) {
                        throw new Refused();
                    }
                    return r.with(field, value);
                };
            }

            @Override
            public String toString() {
                return "r -> { if (" + Show.condition(refuse) + ".test(r)) throw new Refused(); return r.with("
                        + Show.string(field) + ", " + Show.value(value) + "); }";
            }
        }
    }

    /** The exception an update function throws on purpose. */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super("refused by the test's update function");
        }
    }

    /** A {@code matching(...)} predicate with a printable name. */
    record Named(String name, Predicate<Record> predicate) implements Predicate<Record> {
        @Override
        public boolean test(Record r) {
            return predicate.test(r);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
