package dev.quarry.api;

import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchReply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A hit with the index it came from: what a search across several indexes returns. */
public record IndexedHit(String index, SearchHit hit) {

    /** The {@code k} best hits of every index that answered, by score. */
    public static List<IndexedHit> merge(List<SearchReply> replies, int k) {
        List<IndexedHit> hits = new ArrayList<>();
        for (SearchReply reply : replies) {
            if (reply instanceof SearchReply.Results results) {
                results.hits().forEach(h -> hits.add(new IndexedHit(results.indexId(), h)));
            }
        }
        hits.sort(Comparator.comparingDouble((IndexedHit h) -> h.hit().score()).reversed());
        return List.copyOf(hits.subList(0, Math.min(k, hits.size())));
    }
}
