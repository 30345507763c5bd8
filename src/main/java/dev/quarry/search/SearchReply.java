package dev.quarry.search;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.quarry.QuarrySerializable;
import java.util.List;

/** The answer to a search of one index: results, or an explicit reason it could not answer. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SearchReply.Results.class, name = "results"),
    @JsonSubTypes.Type(value = SearchReply.Unavailable.class, name = "unavailable"),
    @JsonSubTypes.Type(value = SearchReply.Rejected.class, name = "rejected")
})
public sealed interface SearchReply extends QuarrySerializable {

    /** @param lanes the retrieval lanes that actually ran ("lexical", "semantic") */
    record Results(String indexId, List<SearchHit> hits, List<String> lanes, long generation, long tookMicros)
            implements SearchReply {}

    /** The index exists but cannot answer now (loading, quarantined, failed); never an empty result. */
    record Unavailable(String indexId, String state, String reason, boolean retryable) implements SearchReply {}

    /** The request itself is wrong (bad parameters); retrying it will not help. */
    record Rejected(String indexId, String message) implements SearchReply {}
}
