package dev.quarry.api.http;

import dev.quarry.api.QuarryNode;
import dev.quarry.search.CallChainRequest;
import dev.quarry.search.CallsRequest;
import dev.quarry.search.DefinitionsRequest;
import dev.quarry.search.SymbolReply;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /indexes/{id}/definitions|callers|callees|call-chain}: symbol-graph queries. Results
 * are the {@link SymbolReply} records (type-tagged); an index without a usable graph is a 503.
 */
final class SymbolRoutes extends ApiDirectives {
    private final QuarryNode node;

    SymbolRoutes(QuarryNode node) {
        this.node = node;
    }

    Route route() {
        return concat(
                indexPath("definitions", id -> post(() -> jsonBody(DefinitionsRequest.class,
                        body -> respond(() -> answer(id, node.definitions(id, body)))))),
                indexPath("callers", id -> post(() -> jsonBody(CallsRequest.class,
                        body -> respond(() -> answer(id, node.callers(id, body)))))),
                indexPath("callees", id -> post(() -> jsonBody(CallsRequest.class,
                        body -> respond(() -> answer(id, node.callees(id, body)))))),
                indexPath("call-chain", id -> post(() -> jsonBody(CallChainRequest.class,
                        body -> respond(() -> answer(id, node.callChain(id, body)))))));
    }

    private static CompletionStage<HttpResponse> answer(String id, CompletionStage<SymbolReply> reply) {
        return reply.thenApply(r -> switch (r) {
            case SymbolReply.Unavailable u -> throw new ApiException(StatusCodes.SERVICE_UNAVAILABLE, "index_unavailable",
                    u.reason(), Map.of("index", id, "state", u.state()), u.retryable());
            case SymbolReply.Rejected rejected -> throw ApiException.badRequest("bad_request", rejected.message());
            default -> ok(r);
        });
    }
}
