package dev.quarry.search.grep;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.quarry.QuarrySerializable;
import java.util.List;

/** The answer to a grep of one index: results, or an explicit reason it could not answer. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = GrepReply.Results.class, name = "results"),
    @JsonSubTypes.Type(value = GrepReply.Unavailable.class, name = "unavailable"),
    @JsonSubTypes.Type(value = GrepReply.Rejected.class, name = "rejected")
})
public sealed interface GrepReply extends QuarrySerializable {

    /** One output line: a match, or (with {@code context} true) a line around one. Lines are 1-based. */
    record Line(@JsonProperty("path") String path, @JsonProperty("line") int line,
                @JsonProperty("text") String text, @JsonProperty("context") boolean context) {}

    /** Matching lines in one file ({@code count} mode). */
    record FileCount(@JsonProperty("path") String path, @JsonProperty("count") int count) {}

    /**
     * Exactly one of the three lists is filled, by mode: {@code matches} (lines, ordered by path then
     * line), {@code files} ({@code files_with_matches}) or {@code counts} ({@code count}).
     *
     * @param truncated  the limit {@code max_results} cut the results short
     * @param candidates files the trigram index left to verify
     */
    record Results(
            @JsonProperty("index_id") String indexId,
            @JsonProperty("matches") List<Line> matches,
            @JsonProperty("files") List<String> files,
            @JsonProperty("counts") List<FileCount> counts,
            @JsonProperty("truncated") boolean truncated,
            @JsonProperty("candidates") int candidates,
            @JsonProperty("took_micros") long tookMicros) implements GrepReply {}

    /** The index exists but cannot answer now (loading, quarantined, failed); never an empty result. */
    record Unavailable(@JsonProperty("index_id") String indexId, @JsonProperty("state") String state,
                       @JsonProperty("reason") String reason, @JsonProperty("retryable") boolean retryable)
            implements GrepReply {}

    /** The request itself is wrong (bad pattern or parameters); retrying it will not help. */
    record Rejected(@JsonProperty("index_id") String indexId, @JsonProperty("message") String message)
            implements GrepReply {}
}
