package io.dictdb.core.query;

import io.dictdb.IndexType;
import io.dictdb.core.index.FieldIndex;
import io.dictdb.core.storage.Row;
import io.dictdb.query.Condition;

import java.util.ArrayList;
import java.util.List;

/**
 * The indexes one query may use: every plain index, and the composite, partial and elements indexes a planner
 * checks it can. A partial index holds only the records meeting its condition, so it may serve a query only when the
 * query's condition implies the index's: the simple, sound rule here is that the query's top-level AND-parts contain
 * the index's condition, or each of its AND-parts, literally (equal conditions). Any lookup inside that query may
 * then use it: every result of the query meets the index's condition anyway, since that condition is one of the
 * query's AND-parts, tested or settled like the others.
 */
final class IndexChoice {
    private final QuerySource source;
    /** The non-plain indexes this query may use; empty for most tables, which have plain indexes only. */
    private final List<FieldIndex> others;

    private IndexChoice(QuerySource source, List<FieldIndex> others) {
        this.source = source;
        this.others = others;
    }

    /**
     * The indexes a query on {@code where} may use; call under the read lock.
     *
     * @param source the table
     * @param where the query's condition
     * @return the choice
     */
    static IndexChoice of(QuerySource source, Condition where) {
        List<FieldIndex> others = null;
        List<Condition> given = null;
        for (FieldIndex index : source.allIndexes()) {
            if (index.isPlain()) {
                continue;
            }
            if (given == null) {
                given = AndParts.flatten(List.of(where));
                others = new ArrayList<>();
            }
            Condition c = index.spec().condition().orElse(null);
            if (c == null || implied(c, given)) {
                others.add(index);
            }
        }
        return new IndexChoice(source, others == null ? List.of() : others);
    }

    /** Whether the AND-parts {@code given} contain {@code c}, or every AND-part of it. */
    static boolean implied(Condition c, List<Condition> given) {
        return given.contains(c) || given.containsAll(AndParts.flatten(List.of(c)));
    }

    QuerySource source() {
        return source;
    }

    /**
     * The index serving any condition on one field: the plain one, else a usable partial single-field one.
     *
     * @param field the field
     * @return the index, or null
     */
    FieldIndex indexOn(String field) {
        FieldIndex plain = source.indexOn(field);
        if (plain != null || others.isEmpty()) {
            return plain;
        }
        for (FieldIndex i : others) {
            if (i.spec().fields().size() == 1 && i.spec().type() != IndexType.ELEMENTS && i.field().equals(field)) {
                return i;
            }
        }
        return null;
    }

    /**
     * A usable elements index of a list field.
     *
     * @param field the field
     * @return the index, or null
     */
    FieldIndex elementsOn(String field) {
        for (FieldIndex i : others) {
            if (i.spec().type() == IndexType.ELEMENTS && i.field().equals(field)) {
                return i;
            }
        }
        return null;
    }

    /**
     * The usable composite indexes.
     *
     * @return them, in creation order
     */
    List<FieldIndex> composites() {
        if (others.isEmpty()) {
            return List.of();
        }
        List<FieldIndex> out = new ArrayList<>();
        for (FieldIndex i : others) {
            if (i.spec().fields().size() > 1) {
                out.add(i);
            }
        }
        return out;
    }

    String primaryKey() {
        return source.primaryKey();
    }

    int size() {
        return source.size();
    }

    Row row(Object hashKey) {
        return source.row(hashKey);
    }
}
