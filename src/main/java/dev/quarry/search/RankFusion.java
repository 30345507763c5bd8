package dev.quarry.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted Reciprocal Rank Fusion: a chunk scores {@code sum(weight / (K + rank))} over the lanes
 * that ranked it (rank from 1). Only ranks count, never the lanes' raw scores, which live on
 * incomparable scales (BM25 against cosine). K = 60 is the constant of the original RRF paper
 * (Cormack et al., 2009): it flattens the head enough that a chunk ranked well by two lanes beats
 * one ranked first by only one of them.
 */
final class RankFusion {
    static final int K = 60;

    /** One lane's ranking, best first, and how much it counts. */
    record RankedLane(String name, double weight, List<SearchHit> hits) {}

    private RankFusion() {}

    /**
     * The best {@code topK} chunks over all lanes, each scored by fusion and listing every lane that
     * found it; a chunk found by several lanes keeps the first lane's fields (snippet included).
     * Ties go to the chunk with the better best rank, then to the earlier lane.
     */
    static List<SearchHit> fuse(List<RankedLane> lanes, int topK) {
        Map<String, Fused> byChunk = new LinkedHashMap<>();
        for (RankedLane lane : lanes) {
            for (int i = 0; i < lane.hits().size(); i++) {
                SearchHit hit = lane.hits().get(i);
                Fused fused = byChunk.computeIfAbsent(hit.chunkId(), id -> new Fused(hit));
                fused.score += lane.weight() / (K + i + 1);
                fused.bestRank = Math.min(fused.bestRank, i + 1);
                if (!fused.lanes.contains(lane.name())) {
                    fused.lanes.add(lane.name());
                }
            }
        }
        return byChunk.values().stream()
                .sorted(Comparator.comparingDouble((Fused f) -> -f.score).thenComparingInt(f -> f.bestRank))
                .limit(topK)
                .map(Fused::toHit)
                .toList();
    }

    private static final class Fused {
        final SearchHit first;
        final List<String> lanes = new ArrayList<>(2);
        double score;
        int bestRank = Integer.MAX_VALUE;

        Fused(SearchHit first) {
            this.first = first;
        }

        SearchHit toHit() {
            return new SearchHit(first.chunkId(), first.path(), first.startLine(), first.endLine(), first.symbol(),
                    first.kind(), first.language(), (float) score, first.snippet(), lanes);
        }
    }
}
