package dev.quarry.api;

import dev.quarry.ingest.Chunk;
import java.util.List;

/**
 * One page of an index's chunks in chunk-id order.
 *
 * @param nextAfter the cursor for the next page ({@code after=}), or null when this page is the last
 */
public record ChunkPage(String indexId, List<Chunk> chunks, String nextAfter) {
    public static final int MAX_LIMIT = 1000;

    public ChunkPage {
        chunks = List.copyOf(chunks);
    }
}
