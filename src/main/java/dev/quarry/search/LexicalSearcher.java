package dev.quarry.search;

import dev.quarry.index.lucene.ChunkSchema;
import dev.quarry.index.lucene.CodeAnalyzer;
import dev.quarry.ingest.Chunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * BM25 search over chunk documents laid out by {@link ChunkSchema} (and indexed with its analyzer).
 * Stateless apart from its analyzers, which are thread-safe, so one instance serves concurrent searches
 * on any {@link IndexSearcher}.
 */
public final class LexicalSearcher {
    static final String LANE = "lexical";
    /**
     * Word parts searched at most: plenty for any real query, while a pasted 10k-character text stays
     * well inside Lucene's 1024-clause limit (each part is a dismax of 6 term queries).
     */
    static final int MAX_QUERY_PARTS = 64;

    private final QueryAnalysis analysis;
    private final SnippetExtractor snippets;

    private LexicalSearcher() {
        Analyzer stemmed = CodeAnalyzer.stemmed();
        this.analysis = new QueryAnalysis(CodeAnalyzer.create(), stemmed, MAX_QUERY_PARTS);
        this.snippets = new SnippetExtractor(stemmed);
    }

    public static LexicalSearcher create() {
        return new LexicalSearcher();
    }

    public List<SearchHit> search(IndexSearcher searcher, LexicalQuery query) throws IOException {
        List<QueryWord> words = StopWords.remove(analysis.words(query.text()));
        if (words.isEmpty()) {
            return List.of(); // nothing searchable, e.g. "*" or "()"
        }
        Query lucene = LexicalQueryBuilder.build(query, words);
        TopDocs top = searcher.search(lucene, query.topK());
        Set<String> stems = new HashSet<>();
        words.forEach(word -> stems.addAll(word.stems()));
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc scoreDoc : top.scoreDocs) {
            hits.add(toHit(stored.document(scoreDoc.doc), scoreDoc.score, stems));
        }
        return hits;
    }

    private SearchHit toHit(Document doc, float score, Set<String> stems) {
        Chunk chunk = ChunkSchema.toChunk(doc);
        return new SearchHit(chunk.id(), chunk.path(), chunk.startLine(), chunk.endLine(), chunk.symbol(),
                chunk.kind(), chunk.language().id(), score,
                snippets.snippet(chunk.text(), chunk.signature(), stems), List.of(LANE));
    }
}
