package dev.quarry.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.quarry.QuarrySerializable;
import java.util.List;

/**
 * The answer to a symbol query on one index: results, or an explicit reason it could not answer.
 * Results carry a {@code note} (null when all is well) when the graph is known to be incomplete.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SymbolReply.Definitions.class, name = "definitions"),
    @JsonSubTypes.Type(value = SymbolReply.Calls.class, name = "calls"),
    @JsonSubTypes.Type(value = SymbolReply.Chains.class, name = "chains"),
    @JsonSubTypes.Type(value = SymbolReply.Unavailable.class, name = "unavailable"),
    @JsonSubTypes.Type(value = SymbolReply.Rejected.class, name = "rejected")
})
public sealed interface SymbolReply extends QuarrySerializable {

    String indexId();

    /** @param total how many matched before the request's limit */
    record Definitions(
            @JsonProperty("index_id") String indexId,
            @JsonProperty("definitions") List<SymbolDefinition> definitions,
            @JsonProperty("total") int total,
            @JsonProperty("note") String note) implements SymbolReply {
        public Definitions {
            definitions = List.copyOf(definitions);
        }
    }

    /**
     * Callers (direction up, strongest resolution first) or callees (direction down, in source order);
     * {@code total} counts all before the limit.
     */
    record Calls(
            @JsonProperty("index_id") String indexId,
            @JsonProperty("direction") String direction,
            @JsonProperty("calls") List<SymbolCall> calls,
            @JsonProperty("total") int total,
            @JsonProperty("note") String note) implements SymbolReply {
        public Calls {
            calls = List.copyOf(calls);
        }
    }

    /**
     * Call paths, each listing its calls walking away from the symbol (direction up: through callers, down:
     * through callees); {@code total} counts all before the limit.
     */
    record Chains(
            @JsonProperty("index_id") String indexId,
            @JsonProperty("direction") String direction,
            @JsonProperty("paths") List<List<SymbolCall>> paths,
            @JsonProperty("total") int total,
            @JsonProperty("note") String note) implements SymbolReply {
        public Chains {
            paths = paths.stream().map(List::copyOf).toList();
        }
    }

    /** The index or its symbols cannot answer now; never an empty result instead. */
    record Unavailable(
            @JsonProperty("index_id") String indexId,
            @JsonProperty("state") String state,
            @JsonProperty("reason") String reason,
            @JsonProperty("retryable") boolean retryable) implements SymbolReply {}

    /** The request itself is wrong; retrying it will not help. */
    record Rejected(
            @JsonProperty("index_id") String indexId,
            @JsonProperty("message") String message) implements SymbolReply {}
}
