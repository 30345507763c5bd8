package dev.quarry.search.grep;

import java.util.List;

/**
 * The parsed form of a grep pattern (ripgrep's Rust regex syntax). One tree serves two readers:
 * {@link Re2jRenderer} turns it into an re2j pattern with ripgrep's Unicode semantics, and
 * {@link TrigramPlanner} derives the literals every match must contain.
 */
sealed interface RegexNode {

    /** Matches the empty string. */
    record Empty() implements RegexNode {}

    /** One code point; {@code foldCase} when it was written under {@code (?i)}. */
    record Literal(int codePoint, boolean foldCase) implements RegexNode {}

    /** A character class resolved to code points, case variants included under {@code (?i)}. */
    record CharClass(CodePointSet set) implements RegexNode {}

    /** {@code .}: any character of the line. */
    record AnyChar() implements RegexNode {}

    record Assertion(Kind kind) implements RegexNode {
        enum Kind { LINE_START, LINE_END, WORD_BOUNDARY, NOT_WORD_BOUNDARY }
    }

    record Concat(List<RegexNode> items) implements RegexNode {}

    record Alternate(List<RegexNode> branches) implements RegexNode {}

    /** {@code max} is {@link #UNBOUNDED} for {@code *}, {@code +} and {@code {n,}}. */
    record Repeat(RegexNode node, int min, int max, boolean lazy) implements RegexNode {
        static final int UNBOUNDED = -1;
    }

    /** Any parenthesised group; captures mean nothing to grep. */
    record Group(RegexNode node) implements RegexNode {}
}
