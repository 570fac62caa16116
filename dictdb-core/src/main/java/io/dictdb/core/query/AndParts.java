package io.dictdb.core.query;

import io.dictdb.query.Condition;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a conjunction as one flat list: an AND inside an AND is the same conjunction ({@link Condition.And}
 * can be built without {@link io.dictdb.query.Conditions#and}, which flattens), and {@code all} parts say nothing.
 */
final class AndParts {
    private AndParts() {
    }

    /**
     * The parts, nested ANDs flattened in place, {@code all} left out.
     *
     * @param parts the parts of a conjunction
     * @return the flat parts, in order
     */
    static List<Condition> flatten(List<Condition> parts) {
        List<Condition> out = new ArrayList<>(parts.size());
        for (Condition p : parts) {
            if (p instanceof Condition.And a) {
                out.addAll(flatten(a.parts()));
            } else if (!(p instanceof Condition.All)) {
                out.add(p);
            }
        }
        return out;
    }
}
