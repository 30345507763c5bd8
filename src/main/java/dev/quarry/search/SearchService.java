package dev.quarry.search;

import dev.quarry.index.IndexView;
import dev.quarry.index.ViewBoard;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.lucene.search.IndexSearcher;

/**
 * Runs searches on the views index actors publish, on its own pool: no actor mailbox is entered,
 * so a search never waits for ingestion. An index that cannot answer says why; it never answers
 * with an empty result instead.
 */
public final class SearchService {
    private final ViewBoard board;
    private final Executor pool;
    private final LexicalSearcher lexical = LexicalSearcher.create();

    public SearchService(ViewBoard board, Executor pool) {
        this.board = board;
        this.pool = pool;
    }

    /** @param request an already {@link SearchRequest#validated() validated} request */
    public CompletionStage<SearchReply> search(String indexId, SearchRequest request) {
        Optional<IndexView> found = board.get(indexId);
        Optional<Availability> refusal = Availability.refusal(found);
        if (refusal.isPresent()) {
            Availability r = refusal.get();
            return CompletableFuture.completedFuture(
                    new SearchReply.Unavailable(indexId, r.state(), r.reason(), r.retryable()));
        }
        IndexView view = found.get();
        return CompletableFuture.supplyAsync(() -> run(view, request), pool);
    }

    private SearchReply run(IndexView view, SearchRequest request) {
        long started = System.nanoTime();
        try {
            IndexSearcher searcher = view.searchers().acquire();
            try {
                List<SearchHit> hits = lexical.search(searcher,
                        new LexicalQuery(request.query(), request.topK(), request.pathPrefix(), request.language()));
                if (request.searchMode() == SearchMode.HYBRID && view.symbols() != null) {
                    hits = UsageExpansion.expand(request, view.symbols().graph(), searcher, hits);
                }
                return new SearchReply.Results(view.indexId(), hits, UsageExpansion.lanes(List.of("lexical"), hits),
                        view.status().visibleGeneration(), (System.nanoTime() - started) / 1000);
            } finally {
                view.searchers().release(searcher);
            }
        } catch (IllegalArgumentException e) {
            return new SearchReply.Rejected(view.indexId(), e.getMessage());
        } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
            return new SearchReply.Unavailable(view.indexId(), view.status().state().id(),
                    "reading the index failed: " + e.getMessage(), true);
        }
    }
}
