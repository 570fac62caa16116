package io.dictdb.codec.tck;

import io.dictdb.Record;
import io.dictdb.spi.Change;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.StoredCondition;
import io.dictdb.spi.TableDefinition;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Strict comparison of images and values: same types (a Long is not a Double), {@code -0.0} is not {@code 0.0},
 * {@code BigDecimal} scale counts, byte arrays by content, maps with the same fields in the same order.
 */
public final class Strict {
    private Strict() {
    }

    /**
     * Describes the first difference between two images.
     *
     * @param expected the image written
     * @param actual the image read back
     * @return null when they are the same, else where they differ
     */
    public static String difference(Image expected, Image actual) {
        if (!expected.header().equals(actual.header())) {
            return "header: expected " + expected.header() + " but read " + actual.header();
        }
        if (expected.tables().size() != actual.tables().size()) {
            return "expected " + expected.tables().size() + " tables but read " + actual.tables().size();
        }
        for (int i = 0; i < expected.tables().size(); i++) {
            Image.Table e = expected.tables().get(i);
            Image.Table a = actual.tables().get(i);
            String dd = difference(e.definition(), a.definition());
            if (dd != null) {
                return "table " + i + ": " + dd;
            }
            if (e.records().size() != a.records().size()) {
                return "table '" + e.definition().name() + "': expected " + e.records().size() + " records but read "
                        + a.records().size();
            }
            for (int j = 0; j < e.records().size(); j++) {
                String d = difference(e.records().get(j), a.records().get(j));
                if (d != null) {
                    return "table '" + e.definition().name() + "', record " + j + ": " + d;
                }
            }
        }
        if (expected.changes().size() != actual.changes().size()) {
            return "expected " + expected.changes().size() + " changes but read " + actual.changes().size();
        }
        for (int i = 0; i < expected.changes().size(); i++) {
            String d = difference(expected.changes().get(i), actual.changes().get(i));
            if (d != null) {
                return "change " + i + ": " + d;
            }
        }
        if (!expected.states().equals(actual.states())) {
            return "table states: expected " + expected.states() + " but read " + actual.states();
        }
        if (!expected.commits().equals(actual.commits())) {
            return "commits: expected " + expected.commits() + " but read " + actual.commits();
        }
        return null;
    }

    private static String difference(Change e, Change a) {
        if (e.getClass() != a.getClass()) {
            return "expected " + e + " but read " + a;
        }
        if (e.sequence() != a.sequence() || !e.table().equals(a.table())) {
            return "expected " + e + " but read " + a;
        }
        if (e instanceof Change.Upsert u) {
            String d = difference(u.record(), ((Change.Upsert) a).record());
            return d == null ? null : "upsert: " + d;
        }
        if (e instanceof Change.Delete d) {
            String diff = difference(d.key(), ((Change.Delete) a).key(), "key");
            return diff == null ? null : "delete: " + diff;
        }
        if (e instanceof Change.CreateTable c) {
            return difference(c.definition(), ((Change.CreateTable) a).definition());
        }
        if (e instanceof Change.CreateIndex c) {
            String d = difference(c.index(), ((Change.CreateIndex) a).index(), "index");
            return d == null ? null : "createIndex: " + d;
        }
        return e.equals(a) ? null : "expected " + e + " but read " + a;
    }

    /**
     * Describes the first difference between two table definitions: the indexes strictly, their conditions compared
     * as the values that store them (a condition's record equality would compare a regular expression or a byte
     * array by identity).
     */
    private static String difference(TableDefinition e, TableDefinition a) {
        String what = "expected definition " + e + " but read " + a;
        if (!e.name().equals(a.name()) || !e.primaryKey().equals(a.primaryKey())
                || !java.util.Objects.equals(e.schema(), a.schema()) || e.indexes().size() != a.indexes().size()) {
            return what;
        }
        for (int i = 0; i < e.indexes().size(); i++) {
            String d = difference(e.indexes().get(i), a.indexes().get(i), "index " + i);
            if (d != null) {
                return "table '" + e.name() + "': " + d;
            }
        }
        return null;
    }

    private static String difference(IndexDefinition e, IndexDefinition a, String path) {
        if (!e.fields().equals(a.fields()) || e.type() != a.type() || e.unique() != a.unique()
                || (e.condition() == null) != (a.condition() == null)) {
            return path + ": expected " + e + " but read " + a;
        }
        return e.condition() == null ? null : difference(StoredCondition.toValue(e.condition()),
                StoredCondition.toValue(a.condition()), path + ".condition");
    }

    /**
     * Describes the first difference between two records.
     *
     * @param expected the record written
     * @param actual the record read back
     * @return null when the same
     */
    public static String difference(Record expected, Record actual) {
        return difference((Object) expected, actual, "record");
    }

    /**
     * Describes the first difference between two canonical values.
     *
     * @param expected the value written
     * @param actual the value read back
     * @param path where the values are, for the message
     * @return null when the same
     */
    public static String difference(Object expected, Object actual, String path) {
        if (expected == null || actual == null) {
            return expected == actual ? null : path + ": expected " + show(expected) + " but read " + show(actual);
        }
        if (expected instanceof Map<?, ?> em) {
            if (!(actual instanceof Map<?, ?> am)) {
                return path + ": expected a map but read " + show(actual);
            }
            if (!List.copyOf(em.keySet()).equals(List.copyOf(am.keySet()))) {
                return path + ": expected fields " + em.keySet() + " but read " + am.keySet();
            }
            for (Map.Entry<?, ?> e : em.entrySet()) {
                String d = difference(e.getValue(), am.get(e.getKey()), path + "." + e.getKey());
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected instanceof List<?> el) {
            if (!(actual instanceof List<?> al)) {
                return path + ": expected a list but read " + show(actual);
            }
            if (el.size() != al.size()) {
                return path + ": expected " + el.size() + " elements but read " + al.size();
            }
            Iterator<?> ei = el.iterator();
            Iterator<?> ai = al.iterator();
            for (int i = 0; ei.hasNext(); i++) {
                String d = difference(ei.next(), ai.next(), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.getClass() != actual.getClass()) {
            return path + ": expected " + show(expected) + " but read " + show(actual);
        }
        boolean same;
        if (expected instanceof byte[] eb) {
            same = Arrays.equals(eb, (byte[]) actual);
        } else if (expected instanceof BigDecimal) {
            same = expected.equals(actual); // scale counts
        } else {
            same = expected.equals(actual); // Double.equals tells -0.0 from 0.0, NaN equals NaN
        }
        return same ? null : path + ": expected " + show(expected) + " but read " + show(actual);
    }

    private static String show(Object v) {
        if (v == null) {
            return "null";
        }
        String text = v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v);
        if (text.length() > 200) {
            text = text.substring(0, 197) + "...";
        }
        return v.getClass().getSimpleName() + " " + text;
    }
}
