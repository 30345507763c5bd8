package dev.quarry.search;

import dev.quarry.index.lucene.ChunkSchema;
import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.Language;
import dev.quarry.ingest.symbols.CallEdge;
import dev.quarry.ingest.symbols.CallSite;
import dev.quarry.ingest.symbols.SymbolGraph;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Graph expansion for usage questions ("who calls X", "where is X used", "callers of X", "usages of X"):
 * text search finds X's definition and mentions of its name, the symbol graph finds the calls that
 * resolve to this X. The chunks holding those call sites (strongest resolution first) are put ahead of
 * the other results in lane {@value #LANE}; a chunk text search also found keeps both lanes. They carry
 * the best score of the search, so consumers that sort by score keep them first.
 */
final class UsageExpansion {
    static final String LANE = "graph";

    private static final String SYMBOL =
            "[`'\"]?(?<symbol>[A-Za-z_$][\\w$]*(?:(?:\\.|::|#)[A-Za-z_$][\\w$]*)*)(?:\\(\\))?[`'\"]?";
    /** "the", "a", "function", ... written before the symbol. */
    private static final String LEAD = "(?:(?:the|a|an)\\s+)?(?:(?:function|method|class|constructor|type|macro)\\s+)?";
    private static final String TRAIL = "(?:\\s+(?:function|method|class|constructor|type|macro))?";
    private static final List<Pattern> QUESTIONS = Stream.of(
                    "\\b(?:who|what|which(?:\\s+\\w+)?)\\s+(?:call|invoke|use|reference)s?\\s+" + LEAD + SYMBOL,
                    "\\bwhere\\s+(?:is|are)\\s+" + LEAD + SYMBOL + TRAIL + "\\s+(?:used|called|invoked|referenced)\\b",
                    "\\bwhere\\s+(?:do|does|did)\\s+\\w+\\s+(?:call|use|invoke)\\s+" + LEAD + SYMBOL,
                    "\\b(?:callers|usages|uses|usage|references|call\\s+sites|invocations)\\s+(?:of|to|for)\\s+" + LEAD + SYMBOL,
                    "^" + SYMBOL + "\\s+(?:callers|usages|call\\s+sites)$")
            .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE)).toList();
    private static final int MAX_SNIPPET_CHARS = 240;

    private UsageExpansion() {}

    /** The symbol a usage question asks about, or empty when the query is not one. */
    static Optional<String> usageSymbol(String query) {
        String text = query.strip().replaceAll("[?.!\\s]+$", "");
        for (Pattern question : QUESTIONS) {
            Matcher m = question.matcher(text);
            if (m.find()) {
                return Optional.of(m.group("symbol"));
            }
        }
        return Optional.empty();
    }

    /** The lanes that produced {@code hits}: {@code ran} plus {@value #LANE} when the expansion added any. */
    static List<String> lanes(List<String> ran, List<SearchHit> hits) {
        if (hits.stream().noneMatch(hit -> hit.lanes().contains(LANE))) {
            return ran;
        }
        List<String> all = new ArrayList<>(ran);
        all.add(LANE);
        return List.copyOf(all);
    }

    /**
     * {@code hits} with the call-site chunks of the asked-about symbol put first, when the query is a usage
     * question about a symbol the graph knows; otherwise {@code hits} unchanged.
     *
     * @param request a validated request; its path prefix and language filter the call sites too
     */
    static List<SearchHit> expand(SearchRequest request, SymbolGraph graph, IndexSearcher searcher, List<SearchHit> hits)
            throws IOException {
        Optional<String> symbol = usageSymbol(request.query());
        if (symbol.isEmpty()) {
            return hits;
        }
        // the best text hit (usually the definition) keeps a place, so the answer still shows what X is
        int room = hits.isEmpty() ? request.topK() : Math.max(1, request.topK() - 1);
        Map<String, SearchHit> byChunk = new HashMap<>();
        hits.forEach(hit -> byChunk.put(hit.chunkId(), hit));
        float score = (float) hits.stream().mapToDouble(SearchHit::score).max().orElse(1.0);
        Map<String, List<Chunk>> chunksByPath = new HashMap<>();
        Map<String, SearchHit> found = new LinkedHashMap<>();
        for (CallEdge edge : graph.callers(symbol.get())) {
            CallSite site = edge.site();
            if (found.size() >= room) {
                break;
            }
            if (!matchesFilters(site.path(), request)) {
                continue;
            }
            List<Chunk> chunks = chunksByPath.get(site.path());
            if (chunks == null) {
                chunks = chunksOf(searcher, site.path());
                chunksByPath.put(site.path(), chunks);
            }
            innermost(chunks, site.line()).ifPresent(chunk ->
                    found.computeIfAbsent(chunk.id(), id -> graphHit(chunk, site.line(), score, byChunk.get(id))));
        }
        if (found.isEmpty()) {
            return hits;
        }
        List<SearchHit> merged = new ArrayList<>(found.values());
        for (SearchHit hit : hits) {
            if (merged.size() >= request.topK()) {
                break;
            }
            if (!found.containsKey(hit.chunkId())) {
                merged.add(hit);
            }
        }
        return List.copyOf(merged);
    }

    private static boolean matchesFilters(String path, SearchRequest request) {
        return (request.pathPrefix() == null || path.startsWith(request.pathPrefix()))
                && (request.language() == null || Language.forPath(path).id().equals(request.language()));
    }

    private static List<Chunk> chunksOf(IndexSearcher searcher, String path) throws IOException {
        Query query = new BooleanQuery.Builder()
                .add(ChunkSchema.allChunks(), BooleanClause.Occur.FILTER)
                .add(new TermQuery(ChunkSchema.pathTerm(path)), BooleanClause.Occur.FILTER)
                .build();
        int count = searcher.count(query);
        if (count == 0) {
            return List.of(); // the graph can run ahead of the searcher during a walk
        }
        StoredFields stored = searcher.storedFields();
        List<Chunk> chunks = new ArrayList<>(count);
        for (ScoreDoc doc : searcher.search(query, count).scoreDocs) {
            chunks.add(ChunkSchema.toChunk(stored.document(doc.doc)));
        }
        return chunks;
    }

    /** The smallest chunk whose lines contain {@code line}: the method rather than its class header or a window. */
    private static Optional<Chunk> innermost(List<Chunk> chunks, int line) {
        Chunk best = null;
        for (Chunk chunk : chunks) {
            if (chunk.startLine() <= line && line <= chunk.endLine()
                    && (best == null || chunk.endLine() - chunk.startLine() < best.endLine() - best.startLine())) {
                best = chunk;
            }
        }
        return Optional.ofNullable(best);
    }

    private static SearchHit graphHit(Chunk chunk, int line, float score, SearchHit textHit) {
        List<String> lanes = textHit == null ? List.of(LANE) : Stream.concat(textHit.lanes().stream(), Stream.of(LANE)).toList();
        String callLine = chunk.text().lines().skip(line - chunk.startLine()).findFirst().orElse("").strip();
        String snippet = callLine.length() <= MAX_SNIPPET_CHARS ? callLine : callLine.substring(0, MAX_SNIPPET_CHARS - 1) + "…";
        return new SearchHit(chunk.id(), chunk.path(), chunk.startLine(), chunk.endLine(), chunk.symbol(), chunk.kind(),
                chunk.language().id(), score, snippet, lanes);
    }
}
