package dev.quarry.ingest.chunk;

import java.util.ArrayList;
import java.util.List;

/** Rows {@code first..last}, 0-based and inclusive (tree-sitter rows; chunks add 1). */
record LineRange(int first, int last) {

    LineRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("Bad line range " + first + ".." + last);
        }
    }

    int length() {
        return last - first + 1;
    }

    /**
     * Windows of {@code size} rows, each starting {@code size - overlap} after the previous one,
     * the last one ending exactly at {@link #last}. A range no longer than {@code size} is one window.
     */
    List<LineRange> windows(int size, int overlap) {
        List<LineRange> windows = new ArrayList<>();
        int step = size - overlap;
        for (int start = first; ; start += step) {
            int end = Math.min(last, start + size - 1);
            windows.add(new LineRange(start, end));
            if (end == last) {
                return windows;
            }
        }
    }

    /** Consecutive pieces of at most {@code size} rows, without overlap. */
    List<LineRange> pieces(int size) {
        return windows(size, 0);
    }
}
