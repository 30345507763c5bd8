package dev.quarry.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Picks the few lines of a chunk that best show why it matched: the lines with the most distinct query
 * stems, in source order; without any, the signature or else the first non-blank lines.
 */
final class SnippetExtractor {
    static final int MAX_LINES = 3;
    static final int MAX_CHARS = 240;

    private final Analyzer stemmed;

    /** {@code stemmed} must be the analyzer that produced the query stems. */
    SnippetExtractor(Analyzer stemmed) {
        this.stemmed = stemmed;
    }

    String snippet(String text, String signature, Set<String> queryStems) {
        List<String> lines = text.lines().toList();
        Map<Integer, Set<String>> stemsByLine = queryStemsByLine(text, queryStems);
        List<String> best = stemsByLine.keySet().stream()
                .filter(line -> line < lines.size())
                .sorted(Comparator.comparingInt((Integer line) -> -stemsByLine.get(line).size())
                        .thenComparingInt(line -> line))
                .limit(MAX_LINES)
                .sorted()
                .map(lines::get)
                .toList();
        if (best.isEmpty()) {
            best = (signature.isBlank() ? lines : signature.lines().toList()).stream()
                    .filter(line -> !line.isBlank())
                    .limit(MAX_LINES)
                    .toList();
        }
        return join(best);
    }

    /** For each line (0-based, as {@link String#lines()} counts them), the query stems found on it. */
    private Map<Integer, Set<String>> queryStemsByLine(String text, Set<String> queryStems) {
        Map<Integer, Set<String>> found = new HashMap<>();
        if (queryStems.isEmpty()) {
            return found;
        }
        int[] lineStarts = lineStarts(text);
        try (TokenStream stream = stemmed.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String stem = term.toString();
                if (queryStems.contains(stem)) {
                    int line = Arrays.binarySearch(lineStarts, offset.startOffset());
                    found.computeIfAbsent(line >= 0 ? line : -line - 2, key -> new HashSet<>()).add(stem);
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing an in-memory string failed", e);
        }
        return found;
    }

    /** Start offsets of the lines, breaking where {@link String#lines()} does (\n, \r\n, \r). */
    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 1; // line 0 starts at 0
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
            if (lineBreak) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    /** Trimmed lines joined by '\n', cut to {@link #MAX_CHARS} in all. */
    private static String join(List<String> lines) {
        StringBuilder snippet = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            int room = MAX_CHARS - snippet.length() - (snippet.isEmpty() ? 0 : 1);
            if (room <= 0) {
                break;
            }
            if (!snippet.isEmpty()) {
                snippet.append('\n');
            }
            snippet.append(trimmed, 0, Math.min(trimmed.length(), room));
        }
        return snippet.toString();
    }
}
