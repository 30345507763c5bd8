package dev.quarry.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quarry.ingest.symbols.Definition;
import dev.quarry.ingest.symbols.MatchMode;
import java.util.Locale;
import java.util.TreeSet;

/**
 * "Where is NAME defined?" as users send it; {@link #validated()} fills defaults and names bad fields.
 *
 * @param match exact, prefix or qualified; by default qualified when the name has a separator
 *              ("StringUtils.abbreviate", "a::b", "A#m"), else exact
 * @param kind  only definitions of this kind ("method", "class", ...), or null for all
 * @param limit most definitions returned (the reply's total counts all)
 */
public record DefinitionsRequest(
        @JsonProperty("name") String name,
        @JsonProperty("match") String match,
        @JsonProperty("kind") String kind,
        @JsonProperty("limit") int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 10_000;

    public static DefinitionsRequest of(String name) {
        return new DefinitionsRequest(name, null, null, 0);
    }

    public DefinitionsRequest validated() {
        String n = SymbolLimits.symbol("name", name);
        String k = SymbolLimits.blankToNull(kind);
        if (k != null && !Definition.KINDS.contains(k.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("kind must be one of " + String.join(", ", new TreeSet<>(Definition.KINDS))
                    + ": " + kind);
        }
        MatchMode mode = parseMatch(match, n);
        return new DefinitionsRequest(n, mode.name().toLowerCase(Locale.ROOT), k == null ? null : k.toLowerCase(Locale.ROOT),
                SymbolLimits.bounded("limit", limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    public MatchMode matchMode() {
        return parseMatch(match, name);
    }

    private static MatchMode parseMatch(String match, String name) {
        if (match == null || match.isBlank()) {
            boolean qualified = name.contains(".") || name.contains("::") || name.contains("#");
            return qualified ? MatchMode.QUALIFIED : MatchMode.EXACT;
        }
        try {
            return MatchMode.valueOf(match.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("match must be one of exact, prefix, qualified: " + match);
        }
    }
}
