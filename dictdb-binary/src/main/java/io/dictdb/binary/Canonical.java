package io.dictdb.binary;

import io.dictdb.CodecException;
import io.dictdb.Values;

/** Converts a value given to a writer that is not yet canonical (a plain map or an Integer, say). */
final class Canonical {
    private Canonical() {
    }

    /**
     * The canonical form of a value no writer branch matched.
     *
     * @param v the value
     * @return its canonical form, of another class than {@code v}
     * @throws CodecException if DictDB cannot store the value
     */
    static Object of(Object v) {
        Object c;
        try {
            c = Values.canonical(null, v);
        } catch (IllegalArgumentException e) {
            throw new CodecException("Cannot write the value: " + e.getMessage(), e);
        }
        if (c == null || c.getClass() == v.getClass()) {
            throw new CodecException("Cannot write a value of type " + v.getClass().getName()
                    + ": not a canonical DictDB value");
        }
        return c;
    }
}
