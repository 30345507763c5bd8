package dev.quarry.search;

import java.util.List;

/**
 * One ranked search result: where the chunk is, what it declares, how it scored and a short excerpt.
 *
 * @param score   score in the lane that produced it (BM25 for the lexical lane); comparable only within one search
 * @param snippet up to three short lines of the chunk, joined by '\n'
 * @param lanes   the retrieval lanes that found this chunk ("lexical", ...)
 */
public record SearchHit(
        String chunkId,
        String path,
        int startLine,
        int endLine,
        String symbol,
        String kind,
        String language,
        float score,
        String snippet,
        List<String> lanes) {

    public SearchHit {
        lanes = List.copyOf(lanes);
    }
}
