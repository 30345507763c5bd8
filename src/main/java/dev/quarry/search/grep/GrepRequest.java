package dev.quarry.search.grep;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A grep as users send it (ripgrep's everyday options). Unset numbers are 0: no context, no
 * per-file limit, the default overall limit. {@link #validated()} turns bad parameters into clear errors.
 *
 * @param glob       ripgrep {@code --glob}s; JSON accepts one string or a list
 * @param maxCount   at most this many matching lines per file (ripgrep's {@code -m}); 0 = no limit
 * @param maxResults at most this many result entries overall (lines, files or counts); 0 = {@link #DEFAULT_MAX_RESULTS}
 */
public record GrepRequest(
        @JsonProperty("pattern") String pattern,
        @JsonProperty("fixed_strings") boolean fixedStrings,
        @JsonProperty("case_insensitive") boolean caseInsensitive,
        @JsonProperty("word") boolean word,
        @JsonProperty("invert") boolean invert,
        @JsonProperty("files_with_matches") boolean filesWithMatches,
        @JsonProperty("count") boolean count,
        @JsonProperty("context_before") int contextBefore,
        @JsonProperty("context_after") int contextAfter,
        @JsonProperty("glob") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> glob,
        @JsonProperty("max_count") int maxCount,
        @JsonProperty("max_results") int maxResults) {

    public static final int DEFAULT_MAX_RESULTS = 10_000;
    public static final int MAX_RESULTS = 1_000_000;
    public static final int MAX_CONTEXT = 1_000;
    public static final int MAX_PATTERN_CHARS = 10_000;

    public GrepRequest {
        glob = glob == null ? List.of() : List.copyOf(glob);
    }

    /** A plain regex search with every option off. */
    public static GrepRequest of(String pattern) {
        return new GrepRequest(pattern, false, false, false, false, false, false, 0, 0, List.of(), 0, 0);
    }

    /** Fills defaults and rejects what cannot be answered, with a message naming the field. */
    public GrepRequest validated() {
        if (pattern == null) {
            throw new IllegalArgumentException("pattern is required");
        }
        if (pattern.length() > MAX_PATTERN_CHARS) {
            throw new IllegalArgumentException("pattern is longer than " + MAX_PATTERN_CHARS + " characters");
        }
        if (filesWithMatches && count) {
            throw new IllegalArgumentException("files_with_matches and count cannot be combined");
        }
        checkRange("context_before", contextBefore, MAX_CONTEXT);
        checkRange("context_after", contextAfter, MAX_CONTEXT);
        checkRange("max_count", maxCount, Integer.MAX_VALUE);
        checkRange("max_results", maxResults, MAX_RESULTS);
        for (String g : glob) {
            if (g == null || g.isBlank()) {
                throw new IllegalArgumentException("glob must not be empty");
            }
        }
        return new GrepRequest(pattern, fixedStrings, caseInsensitive, word, invert, filesWithMatches, count,
                contextBefore, contextAfter, glob, maxCount, maxResults == 0 ? DEFAULT_MAX_RESULTS : maxResults);
    }

    private static void checkRange(String name, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be between 0 and " + max + ": " + value);
        }
    }
}
