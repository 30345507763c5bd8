package dev.quarry.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quarry.ingest.symbols.Definition;
import dev.quarry.ingest.symbols.FileSymbols;
import dev.quarry.ingest.symbols.SymbolGraph;

/**
 * A definition as replies show it.
 *
 * @param qualifiedName name within its file ("StringUtils.abbreviate"); see {@code packageName} for the rest
 * @param packageName   Java/Go package or module path derived from the file ("" when none)
 */
public record SymbolDefinition(
        @JsonProperty("name") String name,
        @JsonProperty("qualified_name") String qualifiedName,
        @JsonProperty("kind") String kind,
        @JsonProperty("container") String container,
        @JsonProperty("package") String packageName,
        @JsonProperty("path") String path,
        @JsonProperty("start_line") int startLine,
        @JsonProperty("end_line") int endLine) {

    static SymbolDefinition of(Definition d, SymbolGraph graph) {
        String packageName = graph.file(d.path()).map(FileSymbols::packageName).orElse("");
        return new SymbolDefinition(d.name(), d.qualifiedName(), d.kind(), d.container(), packageName, d.path(),
                d.startLine(), d.endLine());
    }
}
