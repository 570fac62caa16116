package io.dictdb.query;

/**
 * SQL LIKE matching without regular expressions: {@code %} matches any run of characters, {@code _} exactly one
 * (a whole code point), and {@code \} makes the next character literal.
 */
final class LikePattern {
    private static final int LITERAL = 0;
    private static final int ONE = 1;
    private static final int ANY = 2;

    private LikePattern() {
    }

    static boolean matches(String pattern, String text, boolean ignoreCase) {
        int[] pp = pattern.codePoints().toArray();
        int[] kinds = new int[pp.length];
        int[] chars = new int[pp.length];
        int n = 0;
        for (int i = 0; i < pp.length; i++) {
            int c = pp[i];
            if (c == '\\' && i + 1 < pp.length) {
                kinds[n] = LITERAL;
                chars[n++] = pp[++i];
            } else if (c == '%') {
                kinds[n++] = ANY;
            } else if (c == '_') {
                kinds[n++] = ONE;
            } else {
                kinds[n] = LITERAL;
                chars[n++] = c;
            }
        }
        int[] s = text.codePoints().toArray();
        int p = 0;
        int i = 0;
        int star = -1;
        int mark = 0;
        while (i < s.length) {
            if (p < n && (kinds[p] == ONE || kinds[p] == LITERAL && same(chars[p], s[i], ignoreCase))) {
                p++;
                i++;
            } else if (p < n && kinds[p] == ANY) {
                star = p++;
                mark = i;
            } else if (star >= 0) {
                p = star + 1;
                i = ++mark;
            } else {
                return false;
            }
        }
        while (p < n && kinds[p] == ANY) {
            p++;
        }
        return p == n;
    }

    static String literalPrefix(String pattern) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                sb.append(pattern.charAt(++i));
            } else if (c == '%' || c == '_') {
                break;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static boolean containsIgnoreCase(String s, String part) {
        int max = s.length() - part.length();
        for (int i = 0; i <= max; i++) {
            if (s.regionMatches(true, i, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(int a, int b, boolean ignoreCase) {
        if (a == b) {
            return true;
        }
        return ignoreCase && Character.toLowerCase(Character.toUpperCase(a))
                == Character.toLowerCase(Character.toUpperCase(b));
    }
}
