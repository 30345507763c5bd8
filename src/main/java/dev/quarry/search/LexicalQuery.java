package dev.quarry.search;

/**
 * A lexical search request.
 *
 * @param text       free text: natural language, an identifier or a qualified name
 * @param topK       number of hits wanted, 1..1000
 * @param pathPrefix only chunks whose path starts with this, or null for all
 * @param language   only chunks of this language id ("java", "python", ...), or null for all
 */
public record LexicalQuery(String text, int topK, String pathPrefix, String language) {
    public static final int MAX_TOP_K = 1000;

    public LexicalQuery {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("query text must not be blank");
        }
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new IllegalArgumentException("topK must be between 1 and " + MAX_TOP_K + ", was " + topK);
        }
        // Blank filters mean "no filter", as an omitted JSON field or empty form input would.
        pathPrefix = pathPrefix == null || pathPrefix.isBlank() ? null : pathPrefix;
        language = language == null || language.isBlank() ? null : language;
    }

    public static LexicalQuery of(String text, int topK) {
        return new LexicalQuery(text, topK, null, null);
    }
}
