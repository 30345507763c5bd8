package dev.quarry.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quarry.ingest.symbols.Direction;
import dev.quarry.ingest.symbols.SymbolGraph;
import java.util.Locale;

/**
 * Call paths from a symbol: up through its callers or down through its callees.
 *
 * @param depth     most edges per path (default 3, at most {@value SymbolGraph#MAX_CHAIN_DEPTH})
 * @param direction up (callers) or down (callees); default up
 * @param limit     most paths returned
 */
public record CallChainRequest(
        @JsonProperty("symbol") String symbol,
        @JsonProperty("depth") int depth,
        @JsonProperty("direction") String direction,
        @JsonProperty("limit") int limit) {

    public static final int DEFAULT_DEPTH = 3;
    public static final int DEFAULT_LIMIT = 50;

    public static CallChainRequest of(String symbol, int depth, String direction) {
        return new CallChainRequest(symbol, depth, direction, 0);
    }

    public CallChainRequest validated() {
        return new CallChainRequest(SymbolLimits.symbol("symbol", symbol),
                SymbolLimits.bounded("depth", depth, DEFAULT_DEPTH, SymbolGraph.MAX_CHAIN_DEPTH),
                directionOf(direction).name().toLowerCase(Locale.ROOT),
                SymbolLimits.bounded("limit", limit, DEFAULT_LIMIT, SymbolGraph.MAX_CHAIN_PATHS));
    }

    public Direction walkDirection() {
        return directionOf(direction);
    }

    private static Direction directionOf(String text) {
        if (text == null || text.isBlank()) {
            return Direction.UP;
        }
        try {
            return Direction.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("direction must be up or down: " + text);
        }
    }
}
