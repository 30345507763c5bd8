package dev.quarry.api.http;

import dev.quarry.api.QuarryNode;
import dev.quarry.search.CallChainRequest;
import dev.quarry.search.CallsRequest;
import dev.quarry.search.DefinitionsRequest;
import dev.quarry.search.SymbolReply;
import dev.quarry.search.grep.GrepReply;
import dev.quarry.search.grep.GrepRequest;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Per-index queries answered from the published view: {@code POST /indexes/{id}/grep} and the
 * symbol-graph queries {@code definitions|callers|callees|call-chain}. Results are the reply records
 * (type-tagged); an index that cannot answer is a 503, a bad request a 400 — never an empty 200.
 */
final class IndexQueryRoutes extends ApiDirectives {
    private final QuarryNode node;

    IndexQueryRoutes(QuarryNode node) {
        this.node = node;
    }

    Route route() {
        return concat(
                indexPath("grep", id -> post(() -> jsonBody(GrepRequest.class,
                        body -> respond(() -> node.grep(id, body).thenApply(r -> switch (r) {
                            case GrepReply.Unavailable u -> throw unavailable(id, u.state(), u.reason(), u.retryable());
                            case GrepReply.Rejected rejected -> throw ApiException.badRequest("bad_request", rejected.message());
                            case GrepReply.Results results -> ok(results);
                        }))))),
                indexPath("definitions", id -> post(() -> jsonBody(DefinitionsRequest.class,
                        body -> respond(() -> symbols(id, node.definitions(id, body)))))),
                indexPath("callers", id -> post(() -> jsonBody(CallsRequest.class,
                        body -> respond(() -> symbols(id, node.callers(id, body)))))),
                indexPath("callees", id -> post(() -> jsonBody(CallsRequest.class,
                        body -> respond(() -> symbols(id, node.callees(id, body)))))),
                indexPath("call-chain", id -> post(() -> jsonBody(CallChainRequest.class,
                        body -> respond(() -> symbols(id, node.callChain(id, body)))))));
    }

    private static CompletionStage<HttpResponse> symbols(String id, CompletionStage<SymbolReply> reply) {
        return reply.thenApply(r -> switch (r) {
            case SymbolReply.Unavailable u -> throw unavailable(id, u.state(), u.reason(), u.retryable());
            case SymbolReply.Rejected rejected -> throw ApiException.badRequest("bad_request", rejected.message());
            default -> ok(r);
        });
    }

    private static ApiException unavailable(String id, String state, String reason, boolean retryable) {
        return new ApiException(StatusCodes.SERVICE_UNAVAILABLE, "index_unavailable", reason,
                Map.of("index", id, "state", state), retryable);
    }
}
