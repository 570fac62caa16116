package io.dictdb.core.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The planner's answer: either the primary keys of candidate records, found through indexes, or "scan every
 * record"; plus readable steps and the indexed fields used, for {@link io.dictdb.query.Plan}.
 */
final class Selection {
    final Collection<Object> keys;
    final List<String> indexes = new ArrayList<>();
    final List<String> steps = new ArrayList<>();

    private Selection(Collection<Object> keys) {
        this.keys = keys;
    }

    static Selection scan(String reason) {
        Selection s = new Selection(null);
        s.steps.add("scan: " + reason);
        return s;
    }

    static Selection of(Collection<Object> keys) {
        return new Selection(keys);
    }

    boolean isScan() {
        return keys == null;
    }
}
