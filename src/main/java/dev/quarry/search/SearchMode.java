package dev.quarry.search;

import java.util.Locale;

/** Which retrieval lanes a search asks for. */
public enum SearchMode {
    LEXICAL,
    SEMANTIC,
    HYBRID;

    public static SearchMode parse(String text) {
        if (text == null || text.isBlank()) {
            return HYBRID;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be one of lexical, semantic, hybrid: " + text);
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
