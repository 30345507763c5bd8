package dev.quarry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.PolyglotRepo;
import dev.quarry.index.lucene.ChunkSchema;
import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.Language;
import dev.quarry.ingest.chunk.ChunkerOptions;
import dev.quarry.ingest.chunk.SourceChunker;
import dev.quarry.ingest.symbols.FileSymbols;
import dev.quarry.ingest.symbols.SymbolExtractor;
import dev.quarry.ingest.symbols.SymbolGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage questions on a real chunk index and symbol graph built from the same sources. */
class UsageExpansionTest {
    private static final String SHA = "0".repeat(64);
    @TempDir
    static Path temp;
    private static Directory directory;
    private static DirectoryReader reader;
    private static IndexSearcher searcher;
    private static SymbolGraph graph;
    private final LexicalSearcher lexical = LexicalSearcher.create();

    @BeforeAll
    static void buildIndexAndGraph() throws IOException {
        Path root = PolyglotRepo.write(temp.resolve("repo"));
        SourceChunker chunker = SourceChunker.create(ChunkerOptions.defaults());
        SymbolExtractor extractor = SymbolExtractor.create();
        List<FileSymbols> symbols = new ArrayList<>();
        directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(ChunkSchema.analyzer()));
             Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String path = root.relativize(file).toString().replace('\\', '/');
                String text = Files.readString(file);
                for (Chunk chunk : chunker.chunk(path, Language.forPath(path), text)) {
                    writer.addDocument(ChunkSchema.chunkDocument(chunk, SHA));
                }
                symbols.add(extractor.extract(path, Language.forPath(path), text));
            }
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
        graph = SymbolGraph.of(symbols);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    private List<SearchHit> search(SearchRequest request) throws IOException {
        SearchRequest valid = request.validated();
        List<SearchHit> hits = lexical.search(searcher,
                new LexicalQuery(valid.query(), valid.topK(), valid.pathPrefix(), valid.language()));
        return UsageExpansion.expand(valid, graph, searcher, hits);
    }

    @Test
    void recognisesUsageQuestionsAndTheirSymbol() {
        List<String[]> cases = List.of(
                new String[] {"who calls greet?", "greet"},
                new String[] {"Who calls Greeter.greet", "Greeter.greet"},
                new String[] {"what calls the parse_date function", "parse_date"},
                new String[] {"which functions call `lowerDashed`", "lowerDashed"},
                new String[] {"where is handleRequest used", "handleRequest"},
                new String[] {"where is the format method called?", "format"},
                new String[] {"where do we call parse_date()", "parse_date"},
                new String[] {"callers of org.ex.Greeter.greet", "org.ex.Greeter.greet"},
                new String[] {"find usages of svc::Serve", "svc::Serve"},
                new String[] {"references to Greeter#format", "Greeter#format"},
                new String[] {"slugify callers", "slugify"});
        for (String[] c : cases) {
            assertEquals(Optional.of(c[1]), UsageExpansion.usageSymbol(c[0]), c[0]);
        }
        for (String other : List.of("greet a user by name", "parse dates in reports", "usage", "who", "callers")) {
            assertEquals(Optional.empty(), UsageExpansion.usageSymbol(other), other);
        }
    }

    @Test
    void usageQuestionsPutCallSiteChunksFirst() throws IOException {
        List<SearchHit> hits = search(SearchRequest.of("who calls Greeter.greet", 5));

        List<SearchHit> graphHits = hits.stream().filter(h -> h.lanes().contains(UsageExpansion.LANE)).toList();
        assertEquals(List.of("Main.main", "Main.run"), graphHits.stream().map(SearchHit::symbol).sorted().toList());
        assertEquals(graphHits, hits.subList(0, graphHits.size()), "call sites come first");
        SearchHit run = graphHits.stream().filter(h -> h.symbol().equals("Main.run")).findFirst().orElseThrow();
        assertEquals("System.out.println(greeter.greet(\"again\"));", run.snippet(), "the snippet is the call line");
        assertTrue(hits.stream().anyMatch(h -> h.symbol().equals("Greeter.greet")), "the definition keeps a place");
        float best = hits.get(0).score();
        assertTrue(hits.stream().allMatch(h -> h.score() <= best), "scores stay in result order");
        assertEquals(List.of("lexical", "graph"), UsageExpansion.lanes(List.of("lexical"), hits));
    }

    @Test
    void aChunkBothLanesFoundKeepsBothAndFiltersApplyToCallSites() throws IOException {
        List<SearchHit> hits = search(SearchRequest.of("callers of lowerDashed", 5));
        SearchHit slugify = hits.get(0);
        assertEquals("slugify", slugify.symbol());
        assertEquals(List.of("lexical", "graph"), slugify.lanes(), "the body mentions lowerDashed too");

        List<SearchHit> filtered = search(new SearchRequest("callers of lowerDashed", 5, null, "app/", null));
        assertTrue(filtered.stream().noneMatch(h -> h.lanes().contains(UsageExpansion.LANE)), filtered.toString());
        List<SearchHit> python = search(new SearchRequest("who calls parse_date", 5, null, null, "python"));
        assertEquals("build_report", python.get(0).symbol());
        assertTrue(python.get(0).lanes().contains(UsageExpansion.LANE));
    }

    @Test
    void otherQueriesAndUnknownSymbolsAreLeftAlone() throws IOException {
        SearchRequest plain = SearchRequest.of("greet a person by name", 5).validated();
        List<SearchHit> hits = lexical.search(searcher, new LexicalQuery(plain.query(), plain.topK(), null, null));
        assertSame(hits, UsageExpansion.expand(plain, graph, searcher, hits));

        SearchRequest unknown = SearchRequest.of("who calls noSuchThing", 5).validated();
        List<SearchHit> none = lexical.search(searcher, new LexicalQuery(unknown.query(), unknown.topK(), null, null));
        assertSame(none, UsageExpansion.expand(unknown, graph, searcher, none));
        assertEquals(List.of("lexical"), UsageExpansion.lanes(List.of("lexical"), none));
    }
}
