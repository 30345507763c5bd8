package dev.quarry.api;

import dev.quarry.index.IndexView;
import dev.quarry.index.lucene.ChunkSchema;
import dev.quarry.ingest.Chunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Cursor paging over a published view: walks the sorted chunk-id terms from the cursor, so a page
 * costs {@code limit} lookups however deep it is, and pages stay stable while the index changes.
 */
final class ChunkPager {
    private ChunkPager() {}

    static ChunkPage page(IndexView view, String after, int limit) throws IOException {
        IndexSearcher searcher = view.searchers().acquire();
        try {
            Terms ids = MultiTerms.getTerms(searcher.getIndexReader(), ChunkSchema.ID);
            List<Chunk> chunks = new ArrayList<>();
            if (ids == null) {
                return new ChunkPage(view.indexId(), chunks, null);
            }
            TermsEnum terms = ids.iterator();
            BytesRef term = first(terms, after);
            while (term != null && chunks.size() < limit) {
                // Deleted chunks keep their term until a merge: only live documents count.
                TopDocs live = searcher.search(new TermQuery(ChunkSchema.chunkIdTerm(term.utf8ToString())), 1);
                if (live.scoreDocs.length > 0) {
                    chunks.add(ChunkSchema.toChunk(searcher.storedFields().document(live.scoreDocs[0].doc)));
                }
                term = terms.next();
            }
            String next = term == null || chunks.isEmpty() ? null : chunks.getLast().id();
            return new ChunkPage(view.indexId(), chunks, next);
        } finally {
            view.searchers().release(searcher);
        }
    }

    /** The first id strictly after the cursor (the first id of all without one). */
    private static BytesRef first(TermsEnum terms, String after) throws IOException {
        if (after == null) {
            return terms.next();
        }
        return switch (terms.seekCeil(new BytesRef(after))) {
            case FOUND -> terms.next();
            case NOT_FOUND -> terms.term();
            case END -> null;
        };
    }
}
