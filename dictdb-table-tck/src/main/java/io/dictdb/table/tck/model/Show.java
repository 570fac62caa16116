package io.dictdb.table.tck.model;

import io.dictdb.query.Condition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Prints values and conditions as Java source, so that a minimised failing sequence can be pasted into a unit
 * test as it is. {@code Condition.toString()} is not enough: it prints 1L, 1.0 and BigDecimal 1.0 alike.
 */
final class Show {
    private Show() {
    }

    static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof Long l) {
            return l == Long.MIN_VALUE ? "Long.MIN_VALUE" : l == Long.MAX_VALUE ? "Long.MAX_VALUE" : l + "L";
        }
        if (v instanceof Integer i) {
            return "(Integer) " + i;
        }
        if (v instanceof Short s) {
            return "(short) " + s;
        }
        if (v instanceof Byte b) {
            return "(byte) " + b;
        }
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return "Double.NaN";
            }
            if (d.isInfinite()) {
                return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
            }
            return d + "d";
        }
        if (v instanceof Float f) {
            return f + "f";
        }
        if (v instanceof BigDecimal b) {
            return "new BigDecimal(\"" + b + "\")";
        }
        if (v instanceof BigInteger b) {
            return "new BigInteger(\"" + b + "\")";
        }
        if (v instanceof String s) {
            return string(s);
        }
        if (v instanceof Character c) {
            return "'" + (c == '\'' || c == '\\' ? "\\" + c : c < 128 ? String.valueOf(c)
                    : String.format("\\u%04x", (int) c)) + "'";
        }
        if (v instanceof Instant i) {
            return "Instant.parse(\"" + i + "\")";
        }
        if (v instanceof LocalDate d) {
            return "LocalDate.parse(\"" + d + "\")";
        }
        if (v instanceof UUID u) {
            return "UUID.fromString(\"" + u + "\")";
        }
        if (v instanceof byte[] b) {
            StringJoiner j = new StringJoiner(", ", "new byte[] {", "}");
            for (byte x : b) {
                j.add(String.valueOf(x));
            }
            return j.toString();
        }
        if (v instanceof List<?> l) {
            StringJoiner j = new StringJoiner(", ", "Arrays.asList(", ")");
            for (Object o : l) {
                j.add(value(o));
            }
            return j.toString();
        }
        if (v instanceof Map<?, ?> m) {
            return map(m);
        }
        if (v instanceof java.util.Date d) {
            return "new java.util.Date(" + d.getTime() + "L)";
        }
        return "/* " + v.getClass().getName() + " */ " + v;
    }

    /** A map as {@code map("a", 1L, "b", "x")}: a LinkedHashMap helper, since Map.of refuses nulls. */
    static String map(Map<?, ?> m) {
        StringJoiner j = new StringJoiner(", ", "map(", ")");
        for (Map.Entry<?, ?> e : m.entrySet()) {
            j.add(value(e.getKey()));
            j.add(value(e.getValue()));
        }
        return j.toString();
    }

    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c >= 32 && c < 127) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.append('"').toString();
    }

    static String condition(Condition c) {
        if (c instanceof Condition.All) {
            return "all()";
        }
        if (c instanceof Condition.Compare x) {
            return field(x.field()) + "." + x.op().name().toLowerCase() + "(" + value(x.value()) + ")";
        }
        if (c instanceof Condition.In x) {
            StringJoiner j = new StringJoiner(", ", field(x.field()) + (x.negated() ? ".notIn(" : ".in("), ")");
            for (Object o : x.values()) {
                j.add(value(o));
            }
            return j.toString();
        }
        if (c instanceof Condition.Between x) {
            return field(x.field()) + ".between(" + value(x.low()) + ", " + value(x.high()) + ")";
        }
        if (c instanceof Condition.Text x) {
            String m = switch (x.op()) {
                case LIKE -> "like";
                case ILIKE -> "ilike";
                case STARTS_WITH -> "startsWith";
                case ENDS_WITH -> "endsWith";
                case CONTAINS -> "contains";
                case IEQUALS -> "iequals";
                case ISTARTS_WITH -> "istartsWith";
                case IENDS_WITH -> "iendsWith";
                case ICONTAINS -> "icontains";
            };
            return field(x.field()) + "." + m + "(" + string(x.operand()) + ")";
        }
        if (c instanceof Condition.IsNull x) {
            return field(x.field()) + (x.negated() ? ".isNotNull()" : ".isNull()");
        }
        if (c instanceof Condition.Regex x) {
            return field(x.field()) + ".matches(Pattern.compile(" + string(x.pattern().pattern()) + "))";
        }
        if (c instanceof Condition.And x) {
            return "new Condition.And(List.of(" + parts(x.parts()) + "))";
        }
        if (c instanceof Condition.Or x) {
            return "new Condition.Or(List.of(" + parts(x.parts()) + "))";
        }
        if (c instanceof Condition.Not x) {
            return "new Condition.Not(" + condition(x.inner()) + ")";
        }
        if (c instanceof Condition.Matching x) {
            return "matching(/* " + x.predicate() + " */)";
        }
        return String.valueOf(c);
    }

    private static String parts(List<Condition> parts) {
        StringJoiner j = new StringJoiner(", ");
        for (Condition p : parts) {
            j.add(condition(p));
        }
        return j.toString();
    }

    private static String field(String name) {
        return "field(" + string(name) + ")";
    }
}
