package dev.quarry.search;

import java.util.List;
import java.util.Set;

/**
 * English function words, dropped from queries. Code rarely contains them (comments aside), so BM25
 * would give them a high IDF and let "the" or "of" decide the ranking. Only plain query words are
 * dropped: inside an identifier ({@code isNotEmpty}) every part is kept.
 */
final class StopWords {
    private static final Set<String> WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could",
            "did", "do", "does", "doing", "done", "each", "either", "else", "etc", "for", "from", "had",
            "has", "have", "having", "how", "i", "if", "in", "into", "is", "it", "its", "may", "might",
            "must", "of", "on", "one", "onto", "or", "our", "shall", "should", "so", "some", "such",
            "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
            "thus", "to", "upon", "us", "via", "was", "we", "were", "what", "whether", "which", "while",
            "who", "whom", "whose", "will", "with", "within", "would", "you", "your");

    private StopWords() {}

    /** The words without plain stop words, or all of them if nothing else would be left ("to be or not to be"). */
    static List<QueryWord> remove(List<QueryWord> words) {
        List<QueryWord> kept = words.stream().filter(word -> !(word.isPlain() && WORDS.contains(word.whole()))).toList();
        return kept.isEmpty() ? words : kept;
    }
}
