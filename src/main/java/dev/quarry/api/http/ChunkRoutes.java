package dev.quarry.api.http;

import dev.quarry.api.ChunkPage;
import dev.quarry.api.QuarryNode;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /indexes/{id}/chunks?after=&limit=}: every chunk of an index, cursor-paged in id order. */
final class ChunkRoutes extends ApiDirectives {
    private static final int DEFAULT_LIMIT = 100;

    private final QuarryNode node;

    ChunkRoutes(QuarryNode node) {
        this.node = node;
    }

    Route route() {
        return indexPath("chunks", id -> get(() -> parameterOptional("after", after -> parameterOptional("limit", limit ->
                respond(() -> {
                    int n = QueryParams.intBetween("limit", limit, DEFAULT_LIMIT, 1, ChunkPage.MAX_LIMIT);
                    String cursor = QueryParams.optionalText("after", after).orElse(null);
                    return node.chunks(id, cursor, n).thenApply(ApiDirectives::ok);
                })))));
    }
}
