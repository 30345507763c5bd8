package dev.quarry.ingest.chunk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A file's text with a line index and its UTF-8 bytes. Tree-sitter positions are UTF-8 byte
 * offsets and rows, so declaration text is read by byte ({@link #slice}) while chunk text is read
 * by row ({@link #lines}) from the original string.
 */
final class SourceText {
    private final String text;
    private final byte[] utf8;
    /** lineStarts[i] = char offset where row i begins. */
    private final int[] lineStarts;
    private final int lineCount;
    private final int longestLine;

    private SourceText(String text, byte[] utf8, int[] lineStarts, int lineCount, int longestLine) {
        this.text = text;
        this.utf8 = utf8;
        this.lineStarts = lineStarts;
        this.lineCount = lineCount;
        this.longestLine = longestLine;
    }

    static SourceText of(String text) {
        int[] starts = new int[16];
        int count = 0;
        int longest = 0;
        int start = 0;
        // Rows are split on '\n' only, as tree-sitter counts them; a final '\n' does not open a new row.
        while (start < text.length()) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = start;
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            longest = Math.max(longest, end - start);
            start = end + 1;
        }
        return new SourceText(text, text.getBytes(StandardCharsets.UTF_8), starts, count, longest);
    }

    int lineCount() {
        return lineCount;
    }

    boolean isEmpty() {
        return lineCount == 0;
    }

    /** Length in chars of the longest line. */
    int longestLine() {
        return longestLine;
    }

    byte[] utf8() {
        return utf8;
    }

    /** Rows {@code range} exactly as they appear in the file, without the final line break. */
    String lines(LineRange range) {
        return text.substring(lineStarts[range.first()], lineEnd(range.last()));
    }

    /** True when the row holds more than whitespace and brackets, i.e. something worth searching. */
    boolean isSignificant(int row) {
        for (int i = lineStarts[row], end = lineEnd(row); i < end; i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && "{}()[];,".indexOf(c) < 0) {
                return true;
            }
        }
        return false;
    }

    /** True when some row of {@code range} is significant. */
    boolean hasSignificantRow(LineRange range) {
        for (int row = range.first(); row <= range.last(); row++) {
            if (isSignificant(row)) {
                return true;
            }
        }
        return false;
    }

    /** The text of UTF-8 bytes {@code [start, end)}, clamped to the file and to whole characters. */
    String slice(int start, int end) {
        int from = Math.clamp(start, 0, utf8.length);
        int to = Math.clamp(end, from, utf8.length);
        // Callers may cut inside a character (see Signatures); back off to the character's first byte.
        while (to > from && to < utf8.length && (utf8[to] & 0xC0) == 0x80) {
            to--;
        }
        return new String(utf8, from, to - from, StandardCharsets.UTF_8);
    }

    /** Clamps a tree-sitter row to the file's last row (the root ends on the row after a final '\n'). */
    int clampRow(int row) {
        return Math.clamp(row, 0, lineCount - 1);
    }

    private int lineEnd(int row) {
        int end = row + 1 < lineCount ? lineStarts[row + 1] - 1 : text.length();
        if (end > lineStarts[row] && text.charAt(end - 1) == '\n') {
            end--;
        }
        // A CRLF file keeps its '\r' inside rows but not at the end of a chunk.
        if (end > lineStarts[row] && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }
}
