package dev.quarry.search;

import dev.quarry.embed.Embedder;
import dev.quarry.index.IndexStatus;
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
 *
 * <p>Lanes: the lexical lane is ready as soon as an index is searchable; the semantic lane once the
 * index has published vectors (embedding runs in the background, so it may cover only part of the
 * index). A search runs the lanes its mode asks for that are ready, falls back to the lexical lane
 * when none is, and lists in its reply the lanes that actually ran. Hybrid fuses both lanes' top
 * {@value #CANDIDATES} by {@link RankFusion} with weights from the {@link QueryIntent}, then applies
 * the {@link DefinitionFloor} to identifier queries.
 */
public final class SearchService {
    /** Hits each lane contributes to fusion: deep enough that fused top-10s rarely change beyond it. */
    static final int CANDIDATES = 50;

    private final ViewBoard board;
    private final Executor pool;
    private final Embedder embedder;
    private final LexicalSearcher lexical = LexicalSearcher.create();
    private final SemanticSearcher semantic = SemanticSearcher.create();

    /** @param embedder embeds queries for the semantic lane; null on a lexical-only node */
    public SearchService(ViewBoard board, Executor pool, Embedder embedder) {
        this.board = board;
        this.pool = pool;
        this.embedder = embedder;
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
                boolean semanticReady = embedder != null && view.vectors() != null && view.vectors().size() > 0;
                SearchMode mode = semanticReady ? request.searchMode() : SearchMode.LEXICAL;
                LexicalQuery query = new LexicalQuery(request.query(), request.topK(), request.pathPrefix(), request.language());
                List<SearchHit> hits = switch (mode) {
                    case LEXICAL -> lexical.search(searcher, query);
                    case SEMANTIC -> semantic.search(searcher, view.vectors(), embedder.embedQuery(request.query()), query);
                    case HYBRID -> hybrid(searcher, view, query);
                };
                List<String> lanes = switch (mode) {
                    case LEXICAL -> List.of(LexicalSearcher.LANE);
                    case SEMANTIC -> List.of(SemanticSearcher.LANE);
                    case HYBRID -> List.of(LexicalSearcher.LANE, SemanticSearcher.LANE);
                };
                if (request.searchMode() == SearchMode.HYBRID && view.symbols() != null) {
                    hits = UsageExpansion.expand(request, view.symbols().graph(), searcher, hits);
                    lanes = UsageExpansion.lanes(lanes, hits);
                }
                return new SearchReply.Results(view.indexId(), hits, lanes,
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

    private List<SearchHit> hybrid(IndexSearcher searcher, IndexView view, LexicalQuery query) throws IOException {
        QueryIntent intent = QueryIntent.classify(query.text());
        LexicalQuery candidates = new LexicalQuery(query.text(), Math.max(query.topK(), CANDIDATES),
                query.pathPrefix(), query.language());
        List<SearchHit> lexicalHits = lexical.search(searcher, candidates);
        List<SearchHit> semanticHits =
                semantic.search(searcher, view.vectors(), embedder.embedQuery(query.text()), candidates);
        List<SearchHit> fused = RankFusion.fuse(List.of(
                new RankFusion.RankedLane(LexicalSearcher.LANE, intent.lexicalWeight(), lexicalHits),
                new RankFusion.RankedLane(SemanticSearcher.LANE, intent.semanticWeight(), semanticHits)),
                candidates.topK());
        if (intent == QueryIntent.IDENTIFIER) {
            return DefinitionFloor.apply(QueryIntent.identifierOf(query.text()), lexicalHits, fused, query.topK());
        }
        return fused.subList(0, Math.min(query.topK(), fused.size()));
    }
}
