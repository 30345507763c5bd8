package dev.quarry.search.grep;

import dev.quarry.search.grep.RegexNode.Assertion;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses ripgrep's pattern syntax (Rust's regex crate) into a {@link RegexNode} tree: literals and
 * escapes, classes with nesting, POSIX names, {@code \p{..}} and set operations, groups with flags
 * ({@code i x u}, others accepted), greedy and lazy repetitions. Like ripgrep without
 * {@code --multiline}, a pattern may not match a line terminator literally.
 */
final class RegexParser {
    private static final int CASE_CLOSURE_LIMIT = 10_000;

    private final String pattern;
    private int pos;
    private boolean foldCase;
    private boolean verbose;
    private boolean unicode = true;

    private RegexParser(String pattern, boolean caseInsensitive) {
        this.pattern = pattern;
        this.foldCase = caseInsensitive;
    }

    /** @throws IllegalArgumentException naming the problem and its position */
    static RegexNode parse(String pattern, boolean caseInsensitive) {
        RegexParser parser = new RegexParser(pattern, caseInsensitive);
        RegexNode node = parser.alternation();
        if (parser.pos < pattern.length()) {
            throw parser.error("unopened group: unexpected ')'");
        }
        return node;
    }

    /** A fixed string as a tree of literals (for {@code -F}). */
    static RegexNode literal(String text, boolean caseInsensitive) {
        if (text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the pattern may not contain a line break");
        }
        List<RegexNode> items = new ArrayList<>();
        text.codePoints().forEach(cp -> items.add(new RegexNode.Literal(cp, caseInsensitive)));
        return items.size() == 1 ? items.get(0) : new RegexNode.Concat(items);
    }

    private RegexNode alternation() {
        List<RegexNode> branches = new ArrayList<>();
        branches.add(concatenation());
        while (more() && peek() == '|') {
            pos++;
            branches.add(concatenation());
        }
        return branches.size() == 1 ? branches.get(0) : new RegexNode.Alternate(branches);
    }

    private RegexNode concatenation() {
        List<RegexNode> items = new ArrayList<>();
        while (true) {
            skipVerbose();
            if (!more() || peek() == '|' || peek() == ')') {
                break;
            }
            int c = peek();
            if (c == '*' || c == '+' || c == '?' || c == '{') {
                if (items.isEmpty()) {
                    throw error("repetition operator missing expression");
                }
                items.add(repetition(items.remove(items.size() - 1)));
                continue;
            }
            RegexNode atom = atom();
            if (atom != null) {
                items.add(atom);
            }
        }
        if (items.isEmpty()) {
            return new RegexNode.Empty();
        }
        return items.size() == 1 ? items.get(0) : new RegexNode.Concat(items);
    }

    private RegexNode repetition(RegexNode node) {
        int c = next();
        int min;
        int max;
        switch (c) {
            case '*' -> { min = 0; max = RegexNode.Repeat.UNBOUNDED; }
            case '+' -> { min = 1; max = RegexNode.Repeat.UNBOUNDED; }
            case '?' -> { min = 0; max = 1; }
            default -> {
                min = number();
                max = min;
                if (more() && peek() == ',') {
                    pos++;
                    max = more() && peek() != '}' ? number() : RegexNode.Repeat.UNBOUNDED;
                }
                if (!more() || next() != '}') {
                    throw error("unclosed counted repetition");
                }
                if (max != RegexNode.Repeat.UNBOUNDED && max < min) {
                    throw error("invalid repetition range {" + min + "," + max + "}");
                }
            }
        }
        boolean lazy = more() && peek() == '?';
        if (lazy) {
            pos++;
        }
        return new RegexNode.Repeat(node, min, max, lazy);
    }

    private int number() {
        int start = pos;
        while (more() && peek() >= '0' && peek() <= '9') {
            pos++;
        }
        if (start == pos) {
            throw error("repetition quantifier expects a valid decimal");
        }
        try {
            return Integer.parseInt(pattern.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("repetition count is too large");
        }
    }

    /** One atom, or null for a flag-only group such as {@code (?i)}. */
    private RegexNode atom() {
        int c = next();
        return switch (c) {
            case '(' -> group();
            case '[' -> charClass(classBody());
            case '.' -> new RegexNode.AnyChar();
            case '^' -> new Assertion(Assertion.Kind.LINE_START);
            case '$' -> new Assertion(Assertion.Kind.LINE_END);
            case '\\' -> escape();
            case '\n' -> throw lineBreak();
            default -> new RegexNode.Literal(c, foldCase);
        };
    }

    private RegexNode group() {
        boolean savedFold = foldCase;
        boolean savedVerbose = verbose;
        boolean savedUnicode = unicode;
        if (more() && peek() == '?') {
            pos++;
            if (pattern.startsWith("P<", pos) || (pattern.startsWith("<", pos))) {
                pos = pattern.indexOf('<', pos) + 1;
                int close = pattern.indexOf('>', pos);
                if (close < 0) {
                    throw error("unclosed capture group name");
                }
                pos = close + 1;
            } else if (flags()) {
                return null; // (?flags) applies to the rest of the enclosing group
            }
        }
        RegexNode inner = alternation();
        if (!more() || next() != ')') {
            throw error("unclosed group");
        }
        foldCase = savedFold;
        verbose = savedVerbose;
        unicode = savedUnicode;
        return new RegexNode.Group(inner);
    }

    /** Parses flags after "(?"; true if the group ended there ("(?i)"), false if it continues ("(?i:"). */
    private boolean flags() {
        boolean negate = false;
        while (more()) {
            int c = next();
            switch (c) {
                case ')' -> { return true; }
                case ':' -> { return false; }
                case '-' -> negate = true;
                case 'i' -> foldCase = !negate;
                case 'x' -> verbose = !negate;
                case 'u' -> unicode = !negate;
                case 'm', 's', 'U', 'R' -> { } // line-by-line matching makes these moot
                default -> throw error("unrecognized flag '" + Character.toString(c) + "'");
            }
        }
        throw error("unclosed group");
    }

    private RegexNode escape() {
        if (!more()) {
            throw error("incomplete escape sequence");
        }
        int c = next();
        return switch (c) {
            case 'd', 'D', 's', 'S', 'w', 'W', 'p', 'P' -> charClass(perlOrProperty(c));
            case 'A' -> new Assertion(Assertion.Kind.LINE_START);
            case 'z' -> new Assertion(Assertion.Kind.LINE_END);
            case 'b' -> new Assertion(Assertion.Kind.WORD_BOUNDARY);
            case 'B' -> new Assertion(Assertion.Kind.NOT_WORD_BOUNDARY);
            default -> new RegexNode.Literal(escapedLiteral(c), foldCase);
        };
    }

    /** The code point of a literal escape (after the backslash). */
    private int escapedLiteral(int c) {
        return switch (c) {
            case 'a' -> 0x07;
            case 'f' -> 0x0C;
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'v' -> 0x0B;
            case 'n' -> throw lineBreak();
            case 'x' -> hex(2);
            case 'u' -> hex(4);
            case 'U' -> hex(8);
            default -> {
                if (c >= '0' && c <= '9') {
                    throw error("backreferences are not supported");
                }
                if (c < 128 && !Character.isLetterOrDigit(c) && c > ' ') {
                    yield c;
                }
                throw error("unrecognized escape sequence \\" + Character.toString(c));
            }
        };
    }

    private int hex(int digits) {
        String text;
        if (more() && peek() == '{') {
            int close = pattern.indexOf('}', pos);
            if (close < 0) {
                throw error("unclosed hexadecimal escape");
            }
            text = pattern.substring(pos + 1, close);
            pos = close + 1;
        } else {
            if (pos + digits > pattern.length()) {
                throw error("incomplete hexadecimal escape");
            }
            text = pattern.substring(pos, pos + digits);
            pos += digits;
        }
        try {
            int cp = Integer.parseInt(text, 16);
            if (cp < 0 || cp > CodePointSet.MAX || text.isEmpty()) {
                throw error("invalid code point \\x{" + text + "}");
            }
            if (cp == '\n') {
                throw lineBreak();
            }
            return cp;
        } catch (NumberFormatException e) {
            throw error("invalid hexadecimal escape '" + text + "'");
        }
    }

    /** After the backslash of \d \D \s \S \w \W \p \P. */
    private CodePointSet perlOrProperty(int c) {
        CodePointSet set = switch (Character.toLowerCase(c)) {
            case 'd' -> UnicodeClasses.digit(unicode);
            case 's' -> UnicodeClasses.space(unicode);
            case 'w' -> UnicodeClasses.word(unicode);
            default -> {
                String name;
                if (more() && peek() == '{') {
                    int close = pattern.indexOf('}', pos);
                    if (close < 0) {
                        throw error("unclosed Unicode class");
                    }
                    name = pattern.substring(pos + 1, close);
                    pos = close + 1;
                } else if (more()) {
                    name = Character.toString(next());
                } else {
                    throw error("incomplete Unicode class");
                }
                yield UnicodeClasses.property(name);
            }
        };
        return Character.isUpperCase(c) ? set.complement() : set;
    }

    /** After '[': the class up to its ']', with set operations, resolved to code points. */
    private CodePointSet classBody() {
        boolean negated = more() && peek() == '^';
        if (negated) {
            pos++;
        }
        CodePointSet set = classUnion(true);
        while (true) {
            if (!more()) {
                throw error("unclosed character class");
            }
            if (peek() == ']') {
                pos++;
                break;
            }
            String op = pattern.substring(pos, Math.min(pos + 2, pattern.length()));
            pos += 2;
            CodePointSet right = classUnion(false);
            set = switch (op) {
                case "&&" -> set.intersect(right);
                case "--" -> set.minus(right);
                case "~~" -> set.symmetricDifference(right);
                default -> throw error("unexpected '" + op + "' in character class");
            };
        }
        if (!negated) {
            return set;
        }
        // Case folding applies before negation: (?i)[^a] excludes 'A' too.
        return (foldCase ? set.caseClosure(CASE_CLOSURE_LIMIT) : set).complement();
    }

    /**
     * Folds case here rather than leaving it to re2j: re2j folds a class code point by code point,
     * which takes seconds for a class as large as {@code \W}.
     */
    private RegexNode charClass(CodePointSet set) {
        return new RegexNode.CharClass(foldCase ? set.caseClosure(CASE_CLOSURE_LIMIT) : set);
    }

    /** Class items up to ']' or a set operator; a ']' first in the class is literal. */
    private CodePointSet classUnion(boolean atStart) {
        CodePointSet.Builder builder = new CodePointSet.Builder();
        boolean first = atStart;
        while (true) {
            if (verbose) {
                while (more() && Character.isWhitespace(peek())) {
                    pos++;
                }
            }
            if (!more()) {
                throw error("unclosed character class");
            }
            int c = peek();
            if (c == ']' && !first) {
                return builder.build();
            }
            if (!first && (pattern.startsWith("&&", pos) || pattern.startsWith("--", pos) || pattern.startsWith("~~", pos))) {
                return builder.build();
            }
            first = false;
            if (c == '[') {
                pos++;
                CodePointSet ascii = asciiClass();
                builder.add(ascii != null ? ascii : classBody());
                continue;
            }
            if (c == '\\' && pos + 1 < pattern.length() && "dDsSwWpP".indexOf(pattern.charAt(pos + 1)) >= 0) {
                pos += 2;
                builder.add(perlOrProperty(pattern.charAt(pos - 1)));
                continue;
            }
            int lo = classChar();
            int hi = lo;
            if (more() && peek() == '-' && pos + 1 < pattern.length() && pattern.charAt(pos + 1) != ']'
                    && pattern.charAt(pos + 1) != '-') {
                pos++;
                hi = classChar();
                if (hi < lo) {
                    throw error("invalid character class range " + Character.toString(lo) + "-" + Character.toString(hi));
                }
            }
            builder.add(lo, hi);
        }
    }

    /** After '[' inside a class: a POSIX class such as [:alpha:] or [:^digit:], else null (a nested class). */
    private CodePointSet asciiClass() {
        if (!pattern.startsWith(":", pos)) {
            return null;
        }
        int close = pattern.indexOf(":]", pos + 1);
        if (close < 0) {
            return null;
        }
        String name = pattern.substring(pos + 1, close);
        boolean negated = name.startsWith("^");
        CodePointSet set = UnicodeClasses.ascii(negated ? name.substring(1) : name);
        if (set == null) {
            return null;
        }
        pos = close + 2;
        return negated ? set.complement() : set;
    }

    private int classChar() {
        int c = next();
        if (c == '\\') {
            if (!more()) {
                throw error("incomplete escape sequence");
            }
            return escapedLiteral(next());
        }
        if (c == '\n') {
            throw lineBreak();
        }
        return c;
    }

    /** In (?x) mode whitespace and '#' comments between atoms mean nothing. */
    private void skipVerbose() {
        while (verbose && more()) {
            int c = peek();
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (more() && peek() != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private boolean more() {
        return pos < pattern.length();
    }

    private int peek() {
        return pattern.codePointAt(pos);
    }

    private int next() {
        int c = pattern.codePointAt(pos);
        pos += Character.charCount(c);
        return c;
    }

    private IllegalArgumentException lineBreak() {
        return error("the pattern may not match a line break (grep matches line by line)");
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("invalid pattern '" + pattern + "' at offset " + pos + ": " + message);
    }
}
