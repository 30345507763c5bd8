package dev.quarry.ingest.symbols;

import java.util.List;

/**
 * A call site with what it resolved to.
 *
 * @param caller     the enclosing definition, or null for top-level code
 * @param site       the call as written
 * @param candidates definitions the call may reach; several for overloads (resolution still EXACT, ...)
 *                   or for {@link Resolution#AMBIGUOUS}; empty when {@link Resolution#UNRESOLVED}
 */
public record CallEdge(Definition caller, CallSite site, List<Definition> candidates, Resolution resolution) {

    public CallEdge {
        candidates = List.copyOf(candidates);
    }
}
