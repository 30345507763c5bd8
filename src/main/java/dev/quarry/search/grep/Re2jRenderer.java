package dev.quarry.search.grep;

import dev.quarry.search.grep.RegexNode.Alternate;
import dev.quarry.search.grep.RegexNode.AnyChar;
import dev.quarry.search.grep.RegexNode.Assertion;
import dev.quarry.search.grep.RegexNode.CharClass;
import dev.quarry.search.grep.RegexNode.Concat;
import dev.quarry.search.grep.RegexNode.Empty;
import dev.quarry.search.grep.RegexNode.Group;
import dev.quarry.search.grep.RegexNode.Literal;
import dev.quarry.search.grep.RegexNode.Repeat;
import java.util.List;

/**
 * Writes a {@link RegexNode} tree as an re2j pattern that, applied to one line with {@code find},
 * matches exactly when ripgrep's would. Classes become explicit code point ranges (Unicode-aware
 * where re2j is ASCII-only). Word boundaries are Unicode-aware wherever a neighbouring character is
 * known: between two literals they are decided here, and at either end of the pattern they consume
 * the character outside the match — which changes the match span but not whether a line matches,
 * the only thing grep reports. Elsewhere re2j's ASCII {@code \b} applies. {@code -w} is ripgrep's own
 * rule, a non-word character or line edge on both sides.
 */
final class Re2jRenderer {
    private static final String NEVER = "[^\\x{0}-\\x{10ffff}]";
    private static final String WORD = "[" + UnicodeClasses.WORD.toClassBody() + "]";
    private static final String NON_WORD = "[" + UnicodeClasses.WORD.complement().toClassBody() + "]";

    private final StringBuilder out = new StringBuilder();

    private Re2jRenderer() {}

    static String render(RegexNode root, boolean wholeWords) {
        Re2jRenderer renderer = new Re2jRenderer();
        if (wholeWords) {
            renderer.out.append("(?:^|").append(NON_WORD).append(")(?:");
            renderer.node(root, false);
            renderer.out.append(")(?:").append(NON_WORD).append("|$)");
        } else {
            renderer.node(root, true);
        }
        return renderer.out.toString();
    }

    /** @param edge whether the node spans the whole pattern, so boundaries at its ends may look outside */
    private void node(RegexNode node, boolean edge) {
        switch (node) {
            case Empty e -> out.append("(?:)");
            case Literal l -> literal(l);
            case CharClass c -> charClass(c);
            case AnyChar a -> out.append("(?s:.)");
            case Assertion a -> out.append(switch (a.kind()) {
                case LINE_START -> "^";
                case LINE_END -> "$";
                case WORD_BOUNDARY -> "\\b";
                case NOT_WORD_BOUNDARY -> "\\B";
            });
            case Concat c -> concat(c.items(), edge);
            case Alternate a -> {
                out.append("(?:");
                for (int i = 0; i < a.branches().size(); i++) {
                    if (i > 0) {
                        out.append('|');
                    }
                    node(a.branches().get(i), edge);
                }
                out.append(')');
            }
            case Repeat r -> repeat(r);
            case Group g -> {
                out.append("(?:");
                node(g.node(), edge);
                out.append(')');
            }
        }
    }

    private void literal(Literal l) {
        if (l.foldCase()) {
            out.append("(?i:");
            CodePointSet.appendEscaped(out, l.codePoint());
            out.append(')');
        } else {
            CodePointSet.appendEscaped(out, l.codePoint());
        }
    }

    private void charClass(CharClass c) {
        out.append(c.set().isEmpty() ? NEVER : "[" + c.set().toClassBody() + "]");
    }

    private void repeat(Repeat r) {
        out.append("(?:");
        node(r.node(), false);
        out.append(')');
        if (r.max() == Repeat.UNBOUNDED) {
            out.append(r.min() == 0 ? "*" : r.min() == 1 ? "+" : "{" + r.min() + ",}");
        } else if (r.min() == 0 && r.max() == 1) {
            out.append('?');
        } else {
            out.append('{').append(r.min()).append(r.min() == r.max() ? "" : "," + r.max()).append('}');
        }
        if (r.lazy()) {
            out.append('?');
        }
    }

    private void concat(List<RegexNode> items, boolean edge) {
        for (int i = 0; i < items.size(); i++) {
            RegexNode item = items.get(i);
            if (item instanceof Assertion a && (a.kind() == Assertion.Kind.WORD_BOUNDARY
                    || a.kind() == Assertion.Kind.NOT_WORD_BOUNDARY)) {
                boolean wanted = a.kind() == Assertion.Kind.WORD_BOUNDARY;
                Boolean before = i > 0 ? wordness(items.get(i - 1), true) : null;
                Boolean after = i + 1 < items.size() ? wordness(items.get(i + 1), false) : null;
                if (before != null && after != null) {
                    out.append((before != after) == wanted ? "(?:)" : NEVER);
                    continue;
                }
                if (edge && i == 0 && after != null) {
                    // The character before the match must be a word character iff (boundary XOR next is word).
                    out.append(wanted != after ? WORD : "(?:^|" + NON_WORD + ")");
                    continue;
                }
                if (edge && i == items.size() - 1 && before != null) {
                    out.append(wanted != before ? WORD : "(?:" + NON_WORD + "|$)");
                    continue;
                }
            }
            if (item instanceof Literal l && l.foldCase()) {
                // One (?i:...) group per run of folded literals rather than per character.
                out.append("(?i:");
                for (; i < items.size() && items.get(i) instanceof Literal run && run.foldCase(); i++) {
                    CodePointSet.appendEscaped(out, run.codePoint());
                }
                out.append(')');
                i--;
                continue;
            }
            node(item, false);
        }
    }

    /** Whether the node's last (or first) character is certainly a word character, certainly not, or unknown (null). */
    private static Boolean wordness(RegexNode node, boolean last) {
        return switch (node) {
            case Literal l -> UnicodeClasses.WORD.contains(l.codePoint());
            case CharClass c -> c.set().isEmpty() ? null
                    : c.set().minus(UnicodeClasses.WORD).isEmpty() ? Boolean.TRUE
                    : c.set().intersect(UnicodeClasses.WORD).isEmpty() ? Boolean.FALSE : null;
            case Group g -> wordness(g.node(), last);
            case Concat c -> c.items().isEmpty() ? null : wordness(c.items().get(last ? c.items().size() - 1 : 0), last);
            default -> null;
        };
    }
}
