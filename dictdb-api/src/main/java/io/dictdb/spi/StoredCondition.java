package io.dictdb.spi;

import io.dictdb.CodecException;
import io.dictdb.Values;
import io.dictdb.query.Condition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@link Condition} as a value every codec already writes: a tree of maps, lists and scalars, so that a partial
 * index's condition ({@link IndexDefinition#condition()}) travels in images and deltas through a codec's ordinary
 * value writer and reader, with no codec-specific encoding and no class name in any file.
 *
 * <p>Each condition is a map with an {@code "op"} and the condition's parts:
 * <pre>
 * {"op":"all"}
 * {"op":"eq"|"ne"|"lt"|"lte"|"gt"|"gte", "field":f, "value":v}       (value absent for a null value)
 * {"op":"in"|"notIn", "field":f, "values":[v, ...]}
 * {"op":"between", "field":f, "low":v, "high":v}                  (a bound absent for a null bound)
 * {"op":"like"|"ilike"|"startsWith"|"endsWith"|"contains"|"iequals"|"istartsWith"|"iendsWith"|"icontains",
 *  "field":f, "operand":s}
 * {"op":"isNull"|"isNotNull", "field":f}
 * {"op":"regex", "field":f, "pattern":s, "flags":n}                 (n: java.util.regex.Pattern flags)
 * {"op":"hasAll"|"hasAny", "field":f, "values":[v, ...]}            (field(f).has(v) is hasAll of one value)
 * {"op":"and"|"or", "parts":[c, ...]}
 * {"op":"not", "inner":c}
 * </pre>
 * A {@code matching(...)} predicate is code, not data, and cannot be stored.
 */
public final class StoredCondition {
    /** The regular expression flags a stored {@code regex} may carry: those {@link Pattern} defines. */
    private static final int PATTERN_FLAGS = Pattern.UNIX_LINES | Pattern.CASE_INSENSITIVE | Pattern.COMMENTS
            | Pattern.MULTILINE | Pattern.LITERAL | Pattern.DOTALL | Pattern.UNICODE_CASE | Pattern.CANON_EQ
            | Pattern.UNICODE_CHARACTER_CLASS;

    private StoredCondition() {
    }

    /**
     * The value that stores a condition.
     *
     * @param condition the condition
     * @return a canonical value (maps, lists and scalars) that every codec writes and reads back
     * @throws NullPointerException if the condition is null
     * @throws IllegalArgumentException if the condition holds a {@code matching(...)} predicate, or nests so deep
     *     that its value would break the value rule ({@link ImageLimits#MAX_DEPTH})
     */
    public static Object toValue(Condition condition) {
        java.util.Objects.requireNonNull(condition, "condition");
        Object tree = tree(condition);
        try {
            // the value rule once over the whole tree: depth, names, the values' own limits
            return Values.canonical("condition", tree);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The condition " + condition + " cannot be stored: " + e.getMessage(),
                    e);
        }
    }

    private static Object tree(Condition condition) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (condition instanceof Condition.All) {
            m.put("op", "all");
        } else if (condition instanceof Condition.Compare c) {
            m.put("op", c.op().name().toLowerCase(Locale.ROOT));
            m.put("field", c.field());
            if (c.value() != null) {
                m.put("value", c.value());
            }
        } else if (condition instanceof Condition.In in) {
            m.put("op", in.negated() ? "notIn" : "in");
            m.put("field", in.field());
            m.put("values", in.values());
        } else if (condition instanceof Condition.Between b) {
            m.put("op", "between");
            m.put("field", b.field());
            if (b.low() != null) {
                m.put("low", b.low());
            }
            if (b.high() != null) {
                m.put("high", b.high());
            }
        } else if (condition instanceof Condition.Text t) {
            m.put("op", textOp(t.op()));
            m.put("field", t.field());
            m.put("operand", t.operand());
        } else if (condition instanceof Condition.IsNull n) {
            m.put("op", n.negated() ? "isNotNull" : "isNull");
            m.put("field", n.field());
        } else if (condition instanceof Condition.Regex r) {
            m.put("op", "regex");
            m.put("field", r.field());
            m.put("pattern", r.pattern().pattern());
            m.put("flags", (long) r.pattern().flags());
        } else if (condition instanceof Condition.Has h) {
            m.put("op", h.all() ? "hasAll" : "hasAny");
            m.put("field", h.field());
            m.put("values", h.values());
        } else if (condition instanceof Condition.And and) {
            m.put("op", "and");
            m.put("parts", trees(and.parts()));
        } else if (condition instanceof Condition.Or or) {
            m.put("op", "or");
            m.put("parts", trees(or.parts()));
        } else if (condition instanceof Condition.Not not) {
            m.put("op", "not");
            m.put("inner", tree(not.inner()));
        } else {
            // Condition.Matching, the only other kind: code, not data
            throw new IllegalArgumentException("A matching(...) predicate is code and cannot be stored in a file; "
                    + "build the condition from fields and conditions");
        }
        return m;
    }

    private static List<Object> trees(List<Condition> parts) {
        List<Object> out = new ArrayList<>(parts.size());
        for (Condition c : parts) {
            out.add(tree(c));
        }
        return out;
    }

    /** {@code STARTS_WITH} is stored as {@code startsWith}. */
    private static String textOp(Condition.TextOp op) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char ch : op.name().toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                sb.append(upper ? ch : Character.toLowerCase(ch));
                upper = false;
            }
        }
        return sb.toString();
    }

    /**
     * Rebuilds a condition from its stored value, as a codec read it.
     *
     * @param value the value {@link #toValue(Condition)} made
     * @param where what holds the condition, named in errors (for example "index email of table 'users' in file
     *     x.json")
     * @return the condition
     * @throws CodecException if the value is not a stored condition: an unknown op, a missing or mistyped part, a
     *     bad regular expression, conditions nested deeper than {@link ImageLimits#MAX_DEPTH}; the message names
     *     {@code where}
     */
    public static Condition fromValue(Object value, String where) {
        try {
            return condition(value, 1, where);
        } catch (IllegalArgumentException e) {
            // a part the condition's own constructor refused (an unsupported value, a bad pattern, no value)
            throw new CodecException("Bad stored condition in " + where + ": " + e.getMessage(), e);
        }
    }

    private static Condition condition(Object value, int depth, String where) {
        if (depth > ImageLimits.MAX_DEPTH) {
            throw bad(where, "conditions nest deeper than " + ImageLimits.MAX_DEPTH + " levels");
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw bad(where, "a condition must be a map with an \"op\", not " + describe(value));
        }
        String op = string(m, "op", where);
        return switch (op) {
            case "all" -> new Condition.All();
            case "eq", "ne", "lt", "lte", "gt", "gte" -> new Condition.Compare(string(m, "field", where),
                    Condition.Op.valueOf(op.toUpperCase(Locale.ROOT)), m.get("value"));
            case "in", "notIn" -> new Condition.In(string(m, "field", where), list(m, "values", where),
                    op.equals("notIn"));
            case "between" -> new Condition.Between(string(m, "field", where), m.get("low"), m.get("high"));
            case "isNull", "isNotNull" -> new Condition.IsNull(string(m, "field", where), op.equals("isNotNull"));
            case "regex" -> new Condition.Regex(string(m, "field", where), pattern(m, where));
            case "hasAll", "hasAny" -> new Condition.Has(string(m, "field", where), list(m, "values", where),
                    op.equals("hasAll"));
            case "and", "or" -> {
                List<Object> parts = list(m, "parts", where);
                List<Condition> conditions = new ArrayList<>(ImageLimits.preallocation(parts.size()));
                for (Object part : parts) {
                    conditions.add(condition(part, depth + 1, where));
                }
                yield op.equals("and") ? new Condition.And(conditions) : new Condition.Or(conditions);
            }
            case "not" -> new Condition.Not(condition(required(m, "inner", where), depth + 1, where));
            default -> {
                for (Condition.TextOp t : Condition.TextOp.values()) {
                    if (textOp(t).equals(op)) {
                        yield new Condition.Text(string(m, "field", where), t, string(m, "operand", where));
                    }
                }
                throw bad(where, "unknown condition op '" + abbreviate(op) + "'");
            }
        };
    }

    private static Pattern pattern(Map<?, ?> m, String where) {
        String pattern = string(m, "pattern", where);
        if (!(m.get("flags") instanceof Long flags) || (flags & ~PATTERN_FLAGS) != 0) {
            throw bad(where, "a regex needs \"flags\", a combination of java.util.regex.Pattern flags, not "
                    + describe(m.get("flags")));
        }
        return Pattern.compile(pattern, flags.intValue()); // a bad pattern: PatternSyntaxException, an IAE
    }

    private static String string(Map<?, ?> m, String key, String where) {
        if (m.get(key) instanceof String s) {
            return s;
        }
        throw bad(where, "a condition's \"" + key + "\" must be a string, not " + describe(m.get(key)));
    }

    private static Object required(Map<?, ?> m, String key, String where) {
        Object v = m.get(key);
        if (v == null) {
            throw bad(where, "a condition lacks \"" + key + "\"");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<?, ?> m, String key, String where) {
        if (m.get(key) instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw bad(where, "a condition's \"" + key + "\" must be a list, not " + describe(m.get(key)));
    }

    private static String describe(Object v) {
        return v == null ? "nothing" : v.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }

    private static CodecException bad(String where, String message) {
        return new CodecException("Bad stored condition in " + where + ": " + message);
    }
}
