package dev.quarry.api.http;

import dev.quarry.api.IndexedHit;
import dev.quarry.api.QuarryNode;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /indexes/{id}/search} and {@code POST /search} (several or all indexes, bounded
 * fan-out, merged by score). An index that cannot answer is a 503, never an empty 200; in a
 * multi-index search it is listed as unavailable, and the whole search is a 503 when none answered.
 */
final class SearchRoutes extends ApiDirectives {
    private final QuarryNode node;
    private final ApiMetrics metrics;
    private final int fanOut;

    SearchRoutes(QuarryNode node, ApiMetrics metrics, int fanOut) {
        this.node = node;
        this.metrics = metrics;
        this.fanOut = fanOut;
    }

    Route route() {
        return concat(
                indexPath("search", id -> post(() -> jsonBody(SearchRequest.class, body -> respond(() -> searchOne(id, body))))),
                path("search", () -> post(() -> jsonBody(ApiBodies.MultiSearch.class, body -> respond(() -> searchMany(body))))));
    }

    private CompletionStage<HttpResponse> searchOne(String id, SearchRequest body) {
        long started = System.nanoTime();
        SearchRequest request = body.validated();
        return node.search(id, request).thenApply(reply -> switch (reply) {
            case SearchReply.Results r -> ok(new ApiBodies.Results(id, r.hits(), r.lanes(), r.generation(), took(started)));
            case SearchReply.Unavailable u -> throw unavailable(u.reason(), u.retryable(), Map.of("index", id, "state", u.state()));
            case SearchReply.Rejected r -> throw ApiException.badRequest("bad_request", r.message());
        });
    }

    private CompletionStage<HttpResponse> searchMany(ApiBodies.MultiSearch body) {
        long started = System.nanoTime();
        SearchRequest request = body.request().validated();
        return checkKnown(body.targets())
                .thenCompose(ok -> node.searchAll(body.targets(), request, fanOut))
                .thenApply(replies -> {
                    List<ApiBodies.Outcome> outcomes = replies.stream().map(ApiBodies.Outcome::of).toList();
                    boolean answered = replies.stream().anyMatch(r -> r instanceof SearchReply.Results);
                    if (!replies.isEmpty() && !answered) {
                        if (replies.stream().anyMatch(r -> r instanceof SearchReply.Rejected)) {
                            throw ApiException.badRequest("bad_request", outcomes.getFirst().reason());
                        }
                        throw unavailable("no index could answer", outcomes.stream().anyMatch(ApiBodies.Outcome::retryable),
                                Map.of("indexes", outcomes));
                    }
                    List<ApiBodies.Hit> hits = IndexedHit.merge(replies, request.topK()).stream().map(ApiBodies.Hit::of).toList();
                    return ok(new ApiBodies.MultiResults(hits, outcomes, took(started)));
                });
    }

    /** Listed indexes must all exist: a typo is a 404, not a silently smaller search. */
    private CompletionStage<Void> checkKnown(List<String> ids) {
        return node.list().thenAccept(specs -> {
            Set<String> missing = new HashSet<>(ids);
            specs.forEach(s -> missing.remove(s.id()));
            if (!missing.isEmpty()) {
                String first = missing.stream().sorted().findFirst().orElseThrow();
                throw new ApiException(StatusCodes.NOT_FOUND, "unknown_index", "no index named '" + first + "'",
                        Map.of("indexes", missing.stream().sorted().toList()), false);
            }
        });
    }

    private long took(long startedNanos) {
        long nanos = System.nanoTime() - startedNanos;
        metrics.recordSearch(nanos);
        return nanos / 1000;
    }

    private static ApiException unavailable(String reason, boolean retryable, Map<String, Object> details) {
        return new ApiException(StatusCodes.SERVICE_UNAVAILABLE, "index_unavailable", reason, details, retryable);
    }
}
