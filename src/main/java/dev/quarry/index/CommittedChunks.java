package dev.quarry.index;

import dev.quarry.index.lucene.ChunkSchema;
import dev.quarry.ingest.Chunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/**
 * Reads every chunk an index holds, from stored fields: at warm boot this is what the semantic lane
 * reconciles its vectors against, without re-walking or re-parsing the source tree.
 */
final class CommittedChunks {
    private CommittedChunks() {}

    static List<Chunk> read(SearcherManager searchers) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            List<Chunk> chunks = new ArrayList<>();
            Weight weight = searcher.createWeight(searcher.rewrite(ChunkSchema.allChunks()), ScoreMode.COMPLETE_NO_SCORES, 1f);
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Scorer scorer = weight.scorer(leaf);
                if (scorer == null) {
                    continue;
                }
                LeafReader reader = leaf.reader();
                Bits live = reader.getLiveDocs();
                StoredFields stored = reader.storedFields();
                DocIdSetIterator docs = scorer.iterator();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        chunks.add(ChunkSchema.toChunk(stored.document(doc)));
                    }
                }
            }
            return chunks;
        } finally {
            searchers.release(searcher);
        }
    }
}
