package io.dictdb.bench.query;

import com.googlecode.cqengine.resultset.ResultSet;

import java.util.ArrayList;
import java.util.List;

/** CQEngine helpers. */
final class Cq {
    private Cq() {
    }

    /** Copies a result set into a list and closes it, as a caller collecting the results would. */
    static <T> List<T> list(ResultSet<T> rs) {
        try (rs) {
            List<T> out = new ArrayList<>();
            for (T t : rs) {
                out.add(t);
            }
            return out;
        }
    }

    /** The first {@code k} results, then closes the set. */
    static <T> List<T> first(ResultSet<T> rs, int k) {
        try (rs) {
            List<T> out = new ArrayList<>(k);
            for (T t : rs) {
                out.add(t);
                if (out.size() == k) {
                    break;
                }
            }
            return out;
        }
    }
}
