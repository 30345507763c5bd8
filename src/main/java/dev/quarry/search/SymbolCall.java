package dev.quarry.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quarry.ingest.symbols.CallEdge;
import dev.quarry.ingest.symbols.SymbolGraph;
import java.util.List;
import java.util.Locale;

/**
 * One call site with what it resolved to, as replies show it.
 *
 * @param callee     the called name as written ("abbreviate")
 * @param qualifier  receiver or path written before it ("StringUtils", "self"), or null for a bare call
 * @param caller     the definition the call sits in, or null for top-level code
 * @param candidates what the call may reach (several when ambiguous or overloaded; none when unresolved)
 * @param resolution exact, same_file, imported, same_package, global, ambiguous or unresolved
 */
public record SymbolCall(
        @JsonProperty("path") String path,
        @JsonProperty("line") int line,
        @JsonProperty("callee") String callee,
        @JsonProperty("qualifier") String qualifier,
        @JsonProperty("caller") SymbolDefinition caller,
        @JsonProperty("candidates") List<SymbolDefinition> candidates,
        @JsonProperty("resolution") String resolution) {

    public SymbolCall {
        candidates = List.copyOf(candidates);
    }

    static SymbolCall of(CallEdge edge, SymbolGraph graph) {
        return new SymbolCall(edge.site().path(), edge.site().line(), edge.site().callee(), edge.site().qualifier(),
                edge.caller() == null ? null : SymbolDefinition.of(edge.caller(), graph),
                edge.candidates().stream().map(d -> SymbolDefinition.of(d, graph)).toList(),
                edge.resolution().name().toLowerCase(Locale.ROOT));
    }
}
