package dev.quarry.search.grep;

import java.util.Arrays;

/** Random access to the lines of one text by 1-based number, for output and context. */
final class LineIndex {
    private final String text;
    private final int[] starts;
    private final int count;

    LineIndex(String text) {
        this.text = text;
        int[] found = new int[64];
        int n = 0;
        for (int start = 0; start < text.length(); ) {
            if (n == found.length) {
                found = Arrays.copyOf(found, n * 2);
            }
            found[n++] = start;
            int end = text.indexOf('\n', start);
            start = end < 0 ? text.length() : end + 1;
        }
        this.starts = found;
        this.count = n;
    }

    int count() {
        return count;
    }

    /** The line's text without its '\n'. */
    String line(int number) {
        int start = starts[number - 1];
        int end = text.indexOf('\n', start);
        return text.substring(start, end < 0 ? text.length() : end);
    }
}
