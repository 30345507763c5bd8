package dev.quarry.search.grep;

import java.util.List;

/**
 * What the text of every match must contain, as a boolean formula over literals: the plan from
 * which {@link TrigramPlanner} builds the index query and the line prefilter.
 */
sealed interface Requirement {

    /** Nothing is known: every file and every line is a candidate. */
    record Any() implements Requirement {}

    /** At least one of the strings occurs in the match. */
    record OneOf(List<Needle> needles) implements Requirement {}

    record All(List<Requirement> parts) implements Requirement {}

    record AnyOf(List<Requirement> parts) implements Requirement {}

    /**
     * A literal in two forms: {@code folded} (always known; what the trigram index holds) and
     * {@code exact}, the case-sensitive text, or null when the pattern matches it in any case.
     */
    record Needle(String folded, String exact) {}
}
