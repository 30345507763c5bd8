package dev.quarry.search.grep;

import dev.quarry.index.IndexView;
import dev.quarry.index.ViewBoard;
import dev.quarry.search.Availability;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.AlreadyClosedException;

/** Runs greps on the views index actors publish, on the search pool, like {@code SearchService}. */
public final class GrepService {
    private final ViewBoard board;
    private final Executor pool;
    private final int helpers;

    /** @param parallelism threads of {@code pool}: one grep may use all of them when they are idle */
    public GrepService(ViewBoard board, Executor pool, int parallelism) {
        this.board = board;
        this.pool = pool;
        this.helpers = parallelism - 1;
    }

    /** @param request an already {@link GrepRequest#validated() validated} request */
    public CompletionStage<GrepReply> grep(String indexId, GrepRequest request) {
        Optional<IndexView> found = board.get(indexId);
        Optional<Availability> refusal = Availability.refusal(found);
        if (refusal.isPresent()) {
            Availability r = refusal.get();
            return CompletableFuture.completedFuture(new GrepReply.Unavailable(indexId, r.state(), r.reason(), r.retryable()));
        }
        return CompletableFuture.supplyAsync(() -> run(found.get(), request), pool);
    }

    private GrepReply run(IndexView view, GrepRequest request) {
        try {
            IndexSearcher searcher = view.searchers().acquire();
            try {
                return Grepper.grep(view.indexId(), searcher, request, pool, helpers);
            } finally {
                view.searchers().release(searcher);
            }
        } catch (IllegalArgumentException e) {
            return new GrepReply.Rejected(view.indexId(), e.getMessage());
        } catch (IOException | AlreadyClosedException e) {
            return new GrepReply.Unavailable(view.indexId(), view.status().state().id(),
                    "reading the index failed: " + e.getMessage(), true);
        }
    }
}
