package dev.quarry.search.grep;

import dev.quarry.index.lucene.Trigrams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * An immutable set of Unicode code points as sorted, disjoint, non-adjacent ranges. Regex classes
 * are resolved to these so that nesting, negation and Unicode-aware {@code \w}/{@code \d}/{@code \s}
 * (which re2j only knows as ASCII) can be handed to re2j as plain ranges.
 */
final class CodePointSet {
    static final int MAX = Character.MAX_CODE_POINT;
    static final CodePointSet EMPTY = new CodePointSet(new int[0]);
    static final CodePointSet ALL = new CodePointSet(new int[] {0, MAX});

    /** Pairs of inclusive bounds: lo0, hi0, lo1, hi1, … */
    private final int[] ranges;

    private CodePointSet(int[] ranges) {
        this.ranges = ranges;
    }

    static CodePointSet of(int codePoint) {
        return range(codePoint, codePoint);
    }

    static CodePointSet range(int lo, int hi) {
        return new CodePointSet(new int[] {lo, hi});
    }

    /** Every code point satisfying {@code test}; scans the whole code space, so cache the result. */
    static CodePointSet matching(IntPredicate test) {
        Builder builder = new Builder();
        int start = -1;
        for (int cp = 0; cp <= MAX + 1; cp++) {
            boolean in = cp <= MAX && test.test(cp);
            if (in && start < 0) {
                start = cp;
            } else if (!in && start >= 0) {
                builder.add(start, cp - 1);
                start = -1;
            }
        }
        return builder.build();
    }

    /** Accumulates ranges in any order. */
    static final class Builder {
        private final List<int[]> pending = new ArrayList<>();

        Builder add(int lo, int hi) {
            pending.add(new int[] {lo, hi});
            return this;
        }

        Builder add(CodePointSet set) {
            for (int i = 0; i < set.ranges.length; i += 2) {
                add(set.ranges[i], set.ranges[i + 1]);
            }
            return this;
        }

        CodePointSet build() {
            pending.sort((a, b) -> Integer.compare(a[0], b[0]));
            int[] out = new int[pending.size() * 2];
            int n = 0;
            for (int[] r : pending) {
                if (n > 0 && r[0] <= out[n - 1] + 1) {
                    out[n - 1] = Math.max(out[n - 1], r[1]);
                } else {
                    out[n++] = r[0];
                    out[n++] = r[1];
                }
            }
            return new CodePointSet(Arrays.copyOf(out, n));
        }
    }

    CodePointSet union(CodePointSet other) {
        return new Builder().add(this).add(other).build();
    }

    CodePointSet complement() {
        Builder builder = new Builder();
        int next = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i] > next) {
                builder.add(next, ranges[i] - 1);
            }
            next = ranges[i + 1] + 1;
        }
        if (next <= MAX) {
            builder.add(next, MAX);
        }
        return builder.build();
    }

    CodePointSet intersect(CodePointSet other) {
        return complement().union(other.complement()).complement();
    }

    CodePointSet minus(CodePointSet other) {
        return intersect(other.complement());
    }

    /** Code points in exactly one of the two sets. */
    CodePointSet symmetricDifference(CodePointSet other) {
        return minus(other).union(other.minus(this));
    }

    /**
     * Adds every code point that case-folds like a member (the closure under simple case folding).
     * Sets larger than {@code limit} are returned as they are: the big ones regexes use (\w, \W,
     * \p{L}, their complements) are closed already, and walking them would cost milliseconds.
     */
    CodePointSet caseClosure(int limit) {
        if (size(limit) > limit) {
            return this;
        }
        Builder closed = new Builder().add(this);
        for (int cp : members()) {
            int folded = Trigrams.fold(cp);
            closed.add(folded, folded);
            for (int other : CaseOrbits.ORBITS.getOrDefault(folded, new int[0])) {
                closed.add(other, other);
            }
        }
        return closed.build();
    }

    /** Fold representative → the other code points folding to it; built once, on first use. */
    private static final class CaseOrbits {
        static final java.util.Map<Integer, int[]> ORBITS = build();

        private static java.util.Map<Integer, int[]> build() {
            java.util.Map<Integer, int[]> orbits = new java.util.HashMap<>();
            for (int cp = 0; cp <= MAX; cp++) {
                int folded = Trigrams.fold(cp);
                if (folded != cp) {
                    int[] known = orbits.getOrDefault(folded, new int[0]);
                    int[] grown = Arrays.copyOf(known, known.length + 1);
                    grown[known.length] = cp;
                    orbits.put(folded, grown);
                }
            }
            return orbits;
        }
    }

    boolean contains(int codePoint) {
        int lo = 0;
        int hi = ranges.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (codePoint < ranges[2 * mid]) {
                hi = mid - 1;
            } else if (codePoint > ranges[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return ranges.length == 0;
    }

    /** Number of code points, saturating at {@code limit + 1}. */
    int size(int limit) {
        long total = 0;
        for (int i = 0; i < ranges.length && total <= limit; i += 2) {
            total += ranges[i + 1] - ranges[i] + 1L;
        }
        return (int) Math.min(total, limit + 1L);
    }

    /** The members, for small sets only (see {@link #size}). */
    int[] members() {
        int[] out = new int[size(Integer.MAX_VALUE - 1)];
        int n = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            for (int cp = ranges[i]; cp <= ranges[i + 1]; cp++) {
                out[n++] = cp;
            }
        }
        return out;
    }

    /** The ranges as the inside of an re2j bracket class, every bound escaped. */
    String toClassBody() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ranges.length; i += 2) {
            appendEscaped(out, ranges[i]);
            if (ranges[i + 1] != ranges[i]) {
                out.append('-');
                appendEscaped(out, ranges[i + 1]);
            }
        }
        return out.toString();
    }

    static void appendEscaped(StringBuilder out, int cp) {
        if (cp < 128 && Character.isLetterOrDigit(cp)) {
            out.append((char) cp);
        } else {
            out.append("\\x{").append(Integer.toHexString(cp)).append('}');
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodePointSet other && Arrays.equals(ranges, other.ranges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranges);
    }
}
