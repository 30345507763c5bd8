package dev.quarry.search.grep;

import dev.quarry.index.lucene.Trigrams;
import dev.quarry.search.grep.Requirement.Needle;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the lines worth handing to the regex: every match contains one of these needles, so a line
 * without any of them cannot match. Searching a whole file with {@link String#indexOf} (vectorised
 * by the JDK) is far faster than running the regex on each line. Needles with a known case are
 * searched in the text itself; otherwise in its case-folded copy.
 */
final class LinePrefilter {
    private final String[] needles;
    private final boolean folded;
    /** The other literal sets a match needs, checked on each candidate line before the regex runs. */
    private final List<String[]> others;

    private LinePrefilter(String[] needles, boolean folded, List<String[]> others) {
        this.needles = needles;
        this.folded = folded;
        this.others = others;
    }

    /** The most selective single literal set a match is sure to contain, or null if there is none. */
    static LinePrefilter choose(Requirement requirement) {
        List<Requirement> candidates = requirement instanceof Requirement.All all ? all.parts() : List.of(requirement);
        Requirement.OneOf best = null;
        int bestScore = 0;
        for (Requirement candidate : candidates) {
            if (candidate instanceof Requirement.OneOf oneOf) {
                int shortest = oneOf.needles().stream().mapToInt(n -> n.folded().length()).min().orElse(0);
                int score = shortest * 4 / (3 + oneOf.needles().size()); // prefer long, prefer few
                if (score > bestScore) {
                    best = oneOf;
                    bestScore = score;
                }
            }
        }
        if (best == null) {
            return null;
        }
        boolean exact = best.needles().stream().allMatch(n -> n.exact() != null);
        List<String[]> others = new ArrayList<>();
        for (Requirement candidate : candidates) {
            if (candidate != best && candidate instanceof Requirement.OneOf oneOf
                    && (!exact || oneOf.needles().stream().allMatch(n -> n.exact() != null))) {
                others.add(strings(oneOf, exact));
            }
        }
        return new LinePrefilter(strings(best, exact), !exact, List.copyOf(others));
    }

    private static String[] strings(Requirement.OneOf oneOf, boolean exact) {
        return oneOf.needles().stream().map(exact ? Needle::exact : Needle::folded).distinct().toArray(String[]::new);
    }

    /** Whether a candidate line (taken from the haystack) also holds one needle of every other required set. */
    boolean othersPresent(String line) {
        for (String[] group : others) {
            boolean found = false;
            for (String needle : group) {
                if (line.contains(needle)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    boolean hasOthers() {
        return !others.isEmpty();
    }

    /** Whether needles are searched in the case-folded text. */
    boolean folded() {
        return folded;
    }

    /** The text to search: the file itself, or its fold (null if folding changed its length, so offsets would not map). */
    String haystack(String text) {
        if (!folded) {
            return text;
        }
        String fold = Trigrams.fold(text);
        return fold.length() == text.length() ? fold : null;
    }

    /** A scan of one haystack; remembers each needle's next occurrence so none is searched for twice. */
    Scan scan(String haystack) {
        return new Scan(haystack);
    }

    final class Scan {
        private final String haystack;
        private final int[] next = new int[needles.length];

        private Scan(String haystack) {
            this.haystack = haystack;
            java.util.Arrays.fill(next, -2); // not searched yet
        }

        /** The first offset at or after {@code from} where a needle starts, or -1. */
        int next(int from) {
            int first = -1;
            for (int i = 0; i < needles.length; i++) {
                if (next[i] == -2 || (next[i] >= 0 && next[i] < from)) {
                    next[i] = haystack.indexOf(needles[i], from);
                }
                if (next[i] >= 0 && (first < 0 || next[i] < first)) {
                    first = next[i];
                }
            }
            return first;
        }
    }
}
