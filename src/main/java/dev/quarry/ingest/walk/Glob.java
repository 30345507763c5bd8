package dev.quarry.ingest.walk;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A compiled gitignore glob. {@code *}, {@code ?} and {@code [...]} never match '/'; a {@code **}
 * that forms a whole path segment matches across directories. Most real patterns are plain names,
 * {@code *.ext} or {@code prefix*}, so those skip the regex engine: the walker tests every pattern
 * of every enclosing ignore file against every file.
 */
final class Glob {
    private enum Kind { EXACT, SUFFIX, PREFIX, REGEX }

    private static final String SPECIAL = "*?[\\";

    /** POSIX bracket classes accepted inside {@code [...]}, as git's wildmatch does. */
    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"),
            Map.entry("digit", "\\p{Digit}"), Map.entry("graph", "\\p{Graph}"),
            Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\p{Space}"),
            Map.entry("upper", "\\p{Upper}"), Map.entry("xdigit", "\\p{XDigit}"));

    private final String source;
    private final Kind kind;
    private final String literal;
    private final Pattern regex;

    private Glob(String source, Kind kind, String literal, Pattern regex) {
        this.source = source;
        this.kind = kind;
        this.literal = literal;
        this.regex = regex;
    }

    /**
     * @throws IllegalArgumentException for a glob that can match nothing sensible, such as an
     *                                  unknown {@code [:class:]} or a reversed range
     */
    static Glob compile(String glob) {
        if (isPlain(glob)) {
            return new Glob(glob, Kind.EXACT, glob, null);
        }
        if (glob.startsWith("*") && isPlain(glob.substring(1))) {
            return new Glob(glob, Kind.SUFFIX, glob.substring(1), null);
        }
        if (glob.endsWith("*") && isPlain(glob.substring(0, glob.length() - 1))) {
            return new Glob(glob, Kind.PREFIX, glob.substring(0, glob.length() - 1), null);
        }
        return new Glob(glob, Kind.REGEX, null, Pattern.compile(toRegex(glob), Pattern.DOTALL));
    }

    boolean matches(String path) {
        return switch (kind) {
            case EXACT -> path.equals(literal);
            case SUFFIX -> path.endsWith(literal)
                    && path.lastIndexOf('/', path.length() - literal.length() - 1) < 0;
            case PREFIX -> path.startsWith(literal) && path.indexOf('/', literal.length()) < 0;
            case REGEX -> regex.matcher(path).matches();
        };
    }

    @Override
    public String toString() {
        return source;
    }

    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (SPECIAL.indexOf(text.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        int i = 0;
        while (i < n) {
            char c = glob.charAt(i);
            if (c == '*') {
                int end = i;
                while (end < n && glob.charAt(end) == '*') {
                    end++;
                }
                boolean wholeSegment = end - i >= 2
                        && (i == 0 || glob.charAt(i - 1) == '/')
                        && (end == n || glob.charAt(end) == '/');
                if (!wholeSegment) {
                    re.append("[^/]*");
                } else if (end == n) {
                    re.append(".*");
                } else {
                    re.append("(?:.*/)?"); // "**/" also matches zero directories
                    end++;
                }
                i = end;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else if (c == '[') {
                i = appendBracket(glob, i, re);
            } else if (c == '\\' && i + 1 < n) {
                appendLiteral(re, glob.charAt(i + 1));
                i += 2;
            } else {
                appendLiteral(re, c);
                i++;
            }
        }
        return re.toString();
    }

    /**
     * Appends the bracket expression starting at {@code open} and returns the index after it; an
     * unclosed '[' is a literal, as in git.
     */
    private static int appendBracket(String glob, int open, StringBuilder re) {
        int n = glob.length();
        int i = open + 1;
        boolean negated = i < n && (glob.charAt(i) == '!' || glob.charAt(i) == '^');
        if (negated) {
            i++;
        }
        StringBuilder items = new StringBuilder();
        boolean first = true;
        while (i < n && (first || glob.charAt(i) != ']')) {
            first = false;
            if (glob.startsWith("[:", i)) {
                int close = glob.indexOf(":]", i + 2);
                if (close >= 0) {
                    String name = glob.substring(i + 2, close);
                    String posix = POSIX_CLASSES.get(name);
                    if (posix == null) {
                        throw new IllegalArgumentException("unknown character class [:" + name + ":]");
                    }
                    items.append(posix);
                    i = close + 2;
                    continue;
                }
            }
            char from = glob.charAt(i);
            if (from == '\\' && i + 1 < n) {
                from = glob.charAt(++i);
            }
            i++;
            if (i + 1 < n && glob.charAt(i) == '-' && glob.charAt(i + 1) != ']') {
                char to = glob.charAt(i + 1);
                i += 2;
                if (to == '\\' && i < n) {
                    to = glob.charAt(i++);
                }
                if (to < from) {
                    throw new IllegalArgumentException("reversed range " + from + "-" + to);
                }
                items.append(hex(from)).append('-').append(hex(to));
            } else {
                items.append(hex(from));
            }
        }
        if (i >= n) {
            appendLiteral(re, '[');
            return open + 1;
        }
        re.append("(?!/)[").append(negated ? "^" : "").append(items).append(']');
        return i + 1;
    }

    private static String hex(char c) {
        return "\\x{" + Integer.toHexString(c) + "}";
    }

    private static void appendLiteral(StringBuilder re, char c) {
        // Escaping non-alphanumeric ASCII is always safe in java.util.regex; other chars are never special.
        if (c < 128 && !Character.isLetterOrDigit(c)) {
            re.append('\\');
        }
        re.append(c);
    }
}
