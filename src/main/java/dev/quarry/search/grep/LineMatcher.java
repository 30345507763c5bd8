package dev.quarry.search.grep;

import com.google.re2j.Matcher;
import java.util.Arrays;

/**
 * Finds the matching lines of one file, as ripgrep numbers them: lines end at '\n' (a '\r' before
 * it stays part of the line), and a final line without '\n' counts only if it is not empty. One
 * instance per thread: it reuses its re2j matcher.
 */
final class LineMatcher {
    private final GrepPattern pattern;
    private final Matcher matcher;
    private final boolean invert;
    private final int maxCount;

    LineMatcher(GrepPattern pattern, boolean invert, int maxCount) {
        this.pattern = pattern;
        this.matcher = pattern.matcher();
        this.invert = invert;
        this.maxCount = maxCount == 0 ? Integer.MAX_VALUE : maxCount;
    }

    /** 1-based numbers of the lines selected (matching, or not matching when inverted), ascending, at most {@code maxCount}. */
    int[] selectedLines(String text) {
        LinePrefilter prefilter = pattern.prefilter();
        String haystack = prefilter == null ? null : prefilter.haystack(text);
        int limit = invert ? Integer.MAX_VALUE : maxCount;
        int[] matching = haystack == null ? scanAll(text, limit) : scanCandidates(text, haystack, prefilter, limit);
        return invert ? complement(matching, lineCount(text), maxCount) : matching;
    }

    private int[] scanAll(String text, int limit) {
        Lines lines = new Lines(limit);
        int number = 1;
        for (int start = 0; start < text.length(); number++) {
            int end = lineEnd(text, start);
            if (matches(text, start, end)) {
                if (!lines.add(number)) {
                    break;
                }
            }
            start = end + 1;
        }
        return lines.toArray();
    }

    private int[] scanCandidates(String text, String haystack, LinePrefilter prefilter, int limit) {
        Lines lines = new Lines(limit);
        int number = 1;
        int counted = 0; // newlines before this offset are already in number
        LinePrefilter.Scan scan = prefilter.scan(haystack);
        for (int hit = scan.next(0); hit >= 0; ) {
            int start = text.lastIndexOf('\n', hit - 1) + 1;
            number += newlines(text, counted, start);
            int end = lineEnd(text, start);
            boolean candidate = !prefilter.hasOthers() || prefilter.othersPresent(haystack.substring(start, end));
            if (candidate && (pattern.prefilterDecides() || matches(text, start, end)) && !lines.add(number)) {
                break;
            }
            counted = start;
            if (end >= text.length()) {
                break;
            }
            hit = scan.next(end + 1);
        }
        return lines.toArray();
    }

    private boolean matches(String text, int start, int end) {
        return matcher.reset(text.subSequence(start, end)).find();
    }

    private static int lineEnd(String text, int start) {
        int end = text.indexOf('\n', start);
        return end < 0 ? text.length() : end;
    }

    private static int newlines(String text, int from, int to) {
        int n = 0;
        for (int i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) {
            n++;
        }
        return n;
    }

    static int lineCount(String text) {
        int n = newlines(text, 0, text.length());
        return text.isEmpty() || text.charAt(text.length() - 1) == '\n' ? n : n + 1;
    }

    private static int[] complement(int[] matching, int lineCount, int maxCount) {
        Lines lines = new Lines(maxCount);
        int next = 0;
        for (int number = 1; number <= lineCount; number++) {
            if (next < matching.length && matching[next] == number) {
                next++;
            } else if (!lines.add(number)) {
                break;
            }
        }
        return lines.toArray();
    }

    /** A growable int list with a capacity limit. */
    private static final class Lines {
        private final int limit;
        private int[] values = new int[8];
        private int size;

        Lines(int limit) {
            this.limit = limit;
        }

        /** @return false once the limit is reached (the value is still added if it fit) */
        boolean add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
            return size < limit;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
