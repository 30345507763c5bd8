package dev.quarry.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Picks the few lines of a chunk that best show why it matched: the lines with the most distinct query
 * stems, in source order; without any, the signature or the first non-blank lines.
 */
final class SnippetExtractor {
    static final int MAX_LINES = 3;
    static final int MAX_CHARS = 240;

    private final Analyzer stemmed;

    SnippetExtractor(Analyzer stemmed) {
        this.stemmed = stemmed;
    }

    String snippet(String text, String signature, Set<String> queryStems) {
        List<String> lines = text.lines().toList();
        int[] lineStarts = lineStarts(text);
        int[] scores = queryStems.isEmpty() ? new int[lines.size()] : scoreLines(text, lineStarts, lines.size(), queryStems);
        List<Integer> chosen = bestLines(scores);
        if (!chosen.isEmpty()) {
            return join(chosen.stream().map(lines::get).toList());
        }
        List<String> fallback = signature.isBlank() ? lines : signature.lines().toList();
        return join(fallback.stream().filter(line -> !line.isBlank()).limit(MAX_LINES).toList());
    }

    /** Per line, the number of distinct query stems on it. */
    private int[] scoreLines(String text, int[] lineStarts, int lineCount, Set<String> queryStems) {
        int[] scores = new int[lineCount];
        List<Set<String>> seen = new ArrayList<>(lineCount);
        for (int i = 0; i < lineCount; i++) {
            seen.add(null);
        }
        try (TokenStream stream = stemmed.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String stem = term.toString();
                if (!queryStems.contains(stem)) {
                    continue;
                }
                int line = lineOf(lineStarts, offset.startOffset());
                if (line >= lineCount) {
                    continue;
                }
                Set<String> found = seen.get(line);
                if (found == null) {
                    found = new HashSet<>();
                    seen.set(line, found);
                }
                if (found.add(stem)) {
                    scores[line]++;
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing an in-memory string failed", e);
        }
        return scores;
    }

    /** Up to {@link #MAX_LINES} best-scoring lines (earlier wins ties), in source order. */
    private static List<Integer> bestLines(int[] scores) {
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > 0) {
                matching.add(i);
            }
        }
        matching.sort((a, b) -> scores[a] != scores[b] ? Integer.compare(scores[b], scores[a]) : Integer.compare(a, b));
        List<Integer> best = new ArrayList<>(matching.subList(0, Math.min(MAX_LINES, matching.size())));
        best.sort(null);
        return best;
    }

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

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
            if (lineBreak && i + 1 < text.length()) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    private static int lineOf(int[] lineStarts, int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        return index >= 0 ? index : -index - 2;
    }
}
