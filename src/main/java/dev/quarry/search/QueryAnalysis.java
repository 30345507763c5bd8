package dev.quarry.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Turns query text into distinct {@link QueryWord}s with the analyzers the index used. The number of
 * word parts is capped, so a pasted 10k-character text cannot grow a query past Lucene's clause limit.
 */
final class QueryAnalysis {
    private final Analyzer code;
    private final Analyzer stemmed;
    private final int maxParts;

    QueryAnalysis(Analyzer code, Analyzer stemmed, int maxParts) {
        this.code = code;
        this.stemmed = stemmed;
        this.maxParts = maxParts;
    }

    /** Distinct words in query order; words past the part budget are ignored. */
    List<QueryWord> words(String text) {
        Map<String, QueryWord> words = new LinkedHashMap<>();
        try (TokenStream stream = code.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            List<String> terms = new ArrayList<>();
            int wordStart = 0;
            int wordEnd = -1;
            while (stream.incrementToken()) {
                // Parts lie inside their whole word's offsets; a token past its end starts the next word.
                if (offset.startOffset() >= wordEnd) {
                    addWord(words, terms, text.substring(wordStart, Math.max(wordStart, wordEnd)));
                    terms = new ArrayList<>();
                    wordStart = offset.startOffset();
                    wordEnd = offset.endOffset();
                }
                terms.add(term.toString());
            }
            addWord(words, terms, text.substring(wordStart, Math.max(wordStart, wordEnd)));
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing an in-memory string failed", e);
        }
        return List.copyOf(words.values());
    }

    private void addWord(Map<String, QueryWord> words, List<String> terms, String original) throws IOException {
        if (terms.isEmpty()) {
            return;
        }
        QueryWord seen = words.get(terms.get(0));
        if (seen != null) {
            words.put(terms.get(0), seen.repeated());
            return;
        }
        int budget = maxParts - words.values().stream().mapToInt(word -> word.parts().size()).sum();
        if (budget <= 0) {
            return;
        }
        List<String> stems = stemmedTokens(original);
        if (terms.size() > 1) {
            stems = stems.subList(1, stems.size()); // the first token is the whole identifier, unstemmed
        }
        if (stems.size() > budget) {
            stems = stems.subList(0, budget);
            terms = terms.subList(0, budget + 1);
        }
        words.put(terms.get(0), new QueryWord(terms, stems, 1));
    }

    /** Same tokens as the code analyzer gives for {@code word}, with the parts stemmed. */
    private List<String> stemmedTokens(String word) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = stemmed.tokenStream("", word)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        }
        return tokens;
    }
}
