package dev.quarry.ingest.symbols;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Bounded breadth-first enumeration of call paths for {@link SymbolGraph#callChain}. */
final class CallChains {
    /** Most definitions whose edges one walk looks up, whatever the path count. */
    private static final int MAX_EXPANSIONS = 5_000;

    /** The definitions an edge leads to when walking one way. */
    interface Side {
        List<Definition> next(CallEdge edge);
    }

    private record Partial(List<CallEdge> edges, Definition last, List<Definition> onPath) {}

    private CallChains() {}

    static Side callerSide() {
        return edge -> edge.caller() == null ? List.of() : List.of(edge.caller());
    }

    static Side calleeSide() {
        return CallEdge::candidates;
    }

    static List<List<CallEdge>> walk(List<Definition> starts, int depth, int maxPaths,
            Function<Definition, List<CallEdge>> edgesOf, Side side) {
        Map<Definition, List<CallEdge>> edgeCache = new HashMap<>();
        Deque<Partial> queue = new ArrayDeque<>();
        for (Definition start : starts) {
            queue.add(new Partial(List.of(), start, List.of(start)));
        }
        List<List<CallEdge>> paths = new ArrayList<>();
        while (!queue.isEmpty() && paths.size() < maxPaths) {
            Partial partial = queue.poll();
            List<CallEdge> edges = edgeCache.size() < MAX_EXPANSIONS || edgeCache.containsKey(partial.last())
                    ? edgeCache.computeIfAbsent(partial.last(), edgesOf)
                    : List.of();
            if (edges.isEmpty()) {
                if (!partial.edges().isEmpty()) {
                    paths.add(partial.edges());
                }
                continue;
            }
            for (CallEdge edge : edges) {
                extend(partial, edge, depth, maxPaths, side, queue, paths);
            }
        }
        return paths.size() > maxPaths ? List.copyOf(paths.subList(0, maxPaths)) : List.copyOf(paths);
    }

    private static void extend(Partial partial, CallEdge edge, int depth, int maxPaths, Side side,
            Deque<Partial> queue, List<List<CallEdge>> paths) {
        List<CallEdge> path = new ArrayList<>(partial.edges().size() + 1);
        path.addAll(partial.edges());
        path.add(edge);
        List<CallEdge> frozen = List.copyOf(path);
        boolean resolved = edge.resolution() != Resolution.AMBIGUOUS && edge.resolution() != Resolution.UNRESOLVED;
        List<Definition> next = resolved ? side.next(edge) : List.of();
        // a full queue stops growing: its paths end here rather than the walk running unbounded
        boolean room = queue.size() + paths.size() < maxPaths;
        boolean ended = next.isEmpty() || frozen.size() >= depth || !room;
        for (Definition definition : ended ? List.<Definition>of() : next) {
            if (partial.onPath().contains(definition)) {
                ended = true; // the closing edge of a cycle ends the path
            } else {
                List<Definition> onPath = new ArrayList<>(partial.onPath());
                onPath.add(definition);
                queue.add(new Partial(frozen, definition, onPath));
            }
        }
        if (ended) {
            paths.add(frozen);
        }
    }
}
