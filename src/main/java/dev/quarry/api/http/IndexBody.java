package dev.quarry.api.http;

import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexState;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.index.SemanticCoverage;
import dev.quarry.index.WalkSummary;
import java.util.Optional;

/**
 * How the API shows one index: its spec, state, per-stage readiness and figures. A superset of
 * {@link IndexStatus}, so clients can read it as one.
 *
 * @param progress the walk in progress, or null
 * @param lastWalk figures of the last completed walk, or null before the first
 * @param semantic embedding coverage, or null when the index has no semantic lane
 */
public record IndexBody(
        String id,
        String root,
        IndexOptions options,
        IndexState state,
        boolean searchable,
        Stages stages,
        long files,
        long chunks,
        long generation,
        long visibleGeneration,
        long durableGeneration,
        IndexingProgress progress,
        WalkSummary lastWalk,
        SemanticCoverage semantic,
        String lastError) {

    /**
     * Readiness of each retrieval stage: "ready", "building" (first walk, nothing searchable yet, or
     * embedding still running), "loading", "unavailable" (failed or quarantined); semantic is
     * "disabled" for lexical-only indexes or nodes without an embedder.
     */
    public record Stages(String lexical, String semantic) {}

    static IndexBody of(IndexSpec spec, Optional<IndexStatus> published) {
        // An index whose actor has not published yet is still starting, i.e. loading.
        IndexStatus s = published.orElseGet(() -> new IndexStatus(spec.id(), spec.root(), IndexState.LOADING,
                0, 0, new IndexStatus.SymbolCounts(0, 0, 0, 0, null), 0, 0, 0, null, null, null, null));
        return new IndexBody(spec.id(), spec.root(), spec.options(), s.state(), s.searchable(),
                new Stages(lexical(s), semantic(s)),
                s.files(), s.chunks(), s.generation(), s.visibleGeneration(), s.durableGeneration(),
                s.progress(), s.lastWalk(), s.semantic(), s.lastError());
    }

    private static String semantic(IndexStatus s) {
        if (s.semantic() == null) {
            return "disabled";
        }
        return s.semantic().complete() ? lexical(s) : "building";
    }

    private static String lexical(IndexStatus s) {
        if (s.searchable()) {
            return "ready";
        }
        return switch (s.state()) {
            case LOADING -> "loading";
            case INDEXING -> "building";
            default -> "unavailable";
        };
    }
}
