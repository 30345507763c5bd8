package dev.quarry.search;

import dev.quarry.index.IndexState;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexView;
import dev.quarry.index.ViewBoard;
import dev.quarry.ingest.symbols.CallEdge;
import dev.quarry.ingest.symbols.Definition;
import dev.quarry.ingest.symbols.Direction;
import dev.quarry.ingest.symbols.SymbolGraph;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * Definition, caller, callee and call-chain queries on the symbol graphs index actors publish, run on
 * the search pool like text searches: no actor mailbox is entered. An index whose symbols cannot answer
 * says why; one whose symbols are known to be incomplete answers with a note saying so.
 */
public final class SymbolService {
    private final ViewBoard board;
    private final Executor pool;

    public SymbolService(ViewBoard board, Executor pool) {
        this.board = board;
        this.pool = pool;
    }

    /** @param request an already {@link DefinitionsRequest#validated() validated} request */
    public CompletionStage<SymbolReply> definitions(String indexId, DefinitionsRequest request) {
        return onGraph(indexId, (graph, note) -> {
            List<Definition> found = graph.definitions(request.name(), request.matchMode(), request.kind());
            return new SymbolReply.Definitions(indexId,
                    found.stream().limit(request.limit()).map(d -> SymbolDefinition.of(d, graph)).toList(),
                    found.size(), note);
        });
    }

    /** @param request an already {@link CallsRequest#validated() validated} request */
    public CompletionStage<SymbolReply> callers(String indexId, CallsRequest request) {
        return onGraph(indexId,
                (graph, note) -> calls(indexId, Direction.UP, graph, graph.callers(request.symbol()), request, note));
    }

    /** @param request an already {@link CallsRequest#validated() validated} request */
    public CompletionStage<SymbolReply> callees(String indexId, CallsRequest request) {
        return onGraph(indexId,
                (graph, note) -> calls(indexId, Direction.DOWN, graph, graph.callees(request.symbol()), request, note));
    }

    /** @param request an already {@link CallChainRequest#validated() validated} request */
    public CompletionStage<SymbolReply> callChain(String indexId, CallChainRequest request) {
        return onGraph(indexId, (graph, note) -> {
            List<List<CallEdge>> paths = graph.callChain(request.symbol(), request.depth(), request.walkDirection());
            return new SymbolReply.Chains(indexId, request.direction(),
                    paths.stream().limit(request.limit())
                            .map(path -> path.stream().map(edge -> SymbolCall.of(edge, graph)).toList()).toList(),
                    paths.size(), note);
        });
    }

    private static SymbolReply calls(String indexId, Direction direction, SymbolGraph graph, List<CallEdge> edges,
            CallsRequest request, String note) {
        return new SymbolReply.Calls(indexId, direction.name().toLowerCase(Locale.ROOT),
                edges.stream().limit(request.limit()).map(edge -> SymbolCall.of(edge, graph)).toList(),
                edges.size(), note);
    }

    private CompletionStage<SymbolReply> onGraph(String indexId, BiFunction<SymbolGraph, String, SymbolReply> query) {
        Optional<IndexView> found = board.get(indexId);
        if (found.isEmpty()) {
            return CompletableFuture.completedFuture(
                    new SymbolReply.Unavailable(indexId, "absent", "index is not open on this node", true));
        }
        IndexView view = found.get();
        IndexStatus status = view.status();
        IndexStatus.SymbolCounts counts = status.symbols();
        if (view.symbols() == null) {
            boolean retryable = status.state() != IndexState.FAILED && status.state() != IndexState.QUARANTINED;
            String reason = status.state() == IndexState.LOADING ? "index is loading its snapshot"
                    : "index is " + status.state().id() + (status.lastError() == null ? "" : ": " + status.lastError());
            return CompletableFuture.completedFuture(
                    new SymbolReply.Unavailable(indexId, status.state().id(), reason, retryable));
        }
        if (counts.missing() > 0 && view.symbols().fileCount() == 0) {
            return CompletableFuture.completedFuture(new SymbolReply.Unavailable(indexId, status.state().id(),
                    "symbols unavailable: " + counts.note() + "; run `quarry index " + status.root()
                            + "` to re-read the files", status.state() == IndexState.INDEXING));
        }
        String note = counts.missing() > 0
                ? "symbols of " + counts.missing() + " files are missing (" + counts.note()
                        + "); the next `quarry index` re-reads them"
                : status.state() == IndexState.INDEXING ? "indexing is in progress: results cover the files applied so far"
                : null;
        SymbolGraph graph = view.symbols().graph();
        return CompletableFuture.supplyAsync(() -> query.apply(graph, note), pool);
    }
}
