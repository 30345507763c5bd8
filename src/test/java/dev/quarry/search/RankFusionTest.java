package dev.quarry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.search.RankFusion.RankedLane;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankFusionTest {

    static SearchHit hit(String id, String lane) {
        return new SearchHit(id, "src/" + id + ".java", 1, 10, "Owner." + id, "method", "java", 1f,
                lane + " snippet of " + id, List.of(lane));
    }

    private static List<SearchHit> lane(String lane, String... ids) {
        return java.util.Arrays.stream(ids).map(id -> hit(id, lane)).toList();
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::chunkId).toList();
    }

    @Test
    void scoresAreWeightedReciprocalRanksSummedOverLanes() {
        List<SearchHit> fused = RankFusion.fuse(List.of(
                new RankedLane("lexical", 1.0, lane("lexical", "a", "b")),
                new RankedLane("semantic", 0.5, lane("semantic", "b", "c"))), 10);

        assertEquals(List.of("b", "a", "c"), ids(fused));
        assertEquals(1.0 / 62 + 0.5 / 61, fused.get(0).score(), 1e-6);
        assertEquals(1.0 / 61, fused.get(1).score(), 1e-6);
        assertEquals(0.5 / 62, fused.get(2).score(), 1e-6);
    }

    @Test
    void everyHitNamesTheLanesThatFoundItAndKeepsTheFirstLanesFields() {
        List<SearchHit> fused = RankFusion.fuse(List.of(
                new RankedLane("lexical", 1.0, lane("lexical", "a", "b")),
                new RankedLane("semantic", 1.0, lane("semantic", "b", "c"))), 10);

        SearchHit both = fused.stream().filter(h -> h.chunkId().equals("b")).findFirst().orElseThrow();
        assertEquals(List.of("lexical", "semantic"), both.lanes());
        assertEquals("lexical snippet of b", both.snippet());
        assertEquals(List.of("lexical"), fused.stream().filter(h -> h.chunkId().equals("a")).findFirst().orElseThrow().lanes());
        assertEquals(List.of("semantic"), fused.stream().filter(h -> h.chunkId().equals("c")).findFirst().orElseThrow().lanes());
    }

    @Test
    void theLeadingLaneWinsDisagreementsAndTheOtherPromotesWithinItsHead() {
        // Semantic leads (1 against 1/4): where the lanes do not overlap, its ranking comes first.
        assertEquals(List.of("s1", "s2", "x", "y"), ids(RankFusion.fuse(List.of(
                new RankedLane("lexical", 0.25, lane("lexical", "x", "y")),
                new RankedLane("semantic", 1.0, lane("semantic", "s1", "s2"))), 10)));
        // A lexical first place lifts a chunk the semantic lane ranked 10th to the top...
        String[] semantic = java.util.stream.IntStream.rangeClosed(1, 30).mapToObj(i -> "s" + i).toArray(String[]::new);
        assertEquals("s10", RankFusion.fuse(List.of(
                new RankedLane("lexical", 0.25, lane("lexical", "s10")),
                new RankedLane("semantic", 1.0, lane("semantic", semantic))), 10).get(0).chunkId());
        // ...but not one it ranked 30th: 1/4 of 1/61 is worth about twenty semantic places.
        assertEquals("s1", RankFusion.fuse(List.of(
                new RankedLane("lexical", 0.25, lane("lexical", "s30")),
                new RankedLane("semantic", 1.0, lane("semantic", semantic))), 10).get(0).chunkId());
    }

    @Test
    void tiesGoToTheBetterBestRankThenToTheEarlierLane() {
        // "a" is lexical #1 and "c" semantic #1: equal scores, equal best ranks, lexical listed first.
        List<SearchHit> fused = RankFusion.fuse(List.of(
                new RankedLane("lexical", 1.0, lane("lexical", "a", "b")),
                new RankedLane("semantic", 1.0, lane("semantic", "c", "d"))), 10);
        assertEquals(List.of("a", "c", "b", "d"), ids(fused));
    }

    @Test
    void cutsToTopKAndHandlesEmptyLanes() {
        assertEquals(List.of("a"), ids(RankFusion.fuse(List.of(
                new RankedLane("lexical", 1.0, lane("lexical", "a", "b", "c")),
                new RankedLane("semantic", 1.0, List.of())), 1)));
        assertEquals(List.of(), RankFusion.fuse(List.of(), 10));
    }
}
