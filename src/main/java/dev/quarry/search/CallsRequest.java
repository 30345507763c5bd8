package dev.quarry.search;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Callers or callees of a symbol ("abbreviate", "StringUtils.abbreviate", "pkg::Type::method").
 *
 * @param limit most calls returned (the reply's total counts all)
 */
public record CallsRequest(
        @JsonProperty("symbol") String symbol,
        @JsonProperty("limit") int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    public static CallsRequest of(String symbol) {
        return new CallsRequest(symbol, 0);
    }

    public CallsRequest validated() {
        return new CallsRequest(SymbolLimits.symbol("symbol", symbol),
                SymbolLimits.bounded("limit", limit, DEFAULT_LIMIT, MAX_LIMIT));
    }
}
