package dev.quarry.search;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A search as users send it; {@link #validated()} turns bad parameters into clear errors. */
public record SearchRequest(
        @JsonProperty("query") String query,
        @JsonProperty("top_k") int topK,
        @JsonProperty("mode") String mode,
        @JsonProperty("path_prefix") String pathPrefix,
        @JsonProperty("language") String language) {

    public static final int DEFAULT_TOP_K = 10;
    public static final int MAX_TOP_K = 1000;
    public static final int MAX_QUERY_CHARS = 10_000;

    public static SearchRequest of(String query, int topK) {
        return new SearchRequest(query, topK, null, null, null);
    }

    /** Fills defaults and rejects what cannot be answered, with a message naming the field. */
    public SearchRequest validated() {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query must not be empty");
        }
        if (query.length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("query is longer than " + MAX_QUERY_CHARS + " characters");
        }
        int k = topK == 0 ? DEFAULT_TOP_K : topK;
        if (k < 1 || k > MAX_TOP_K) {
            throw new IllegalArgumentException("top_k must be between 1 and " + MAX_TOP_K + ": " + topK);
        }
        SearchMode parsed = SearchMode.parse(mode);
        if (language != null && !language.isBlank()) {
            try {
                dev.quarry.ingest.Language.fromId(language);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown language: " + language);
            }
        }
        return new SearchRequest(query, k, parsed.id(), blankToNull(pathPrefix), blankToNull(language));
    }

    public SearchMode searchMode() {
        return SearchMode.parse(mode);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
