package dev.quarry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.PolyglotRepo;
import dev.quarry.TestRepos;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.search.CallChainRequest;
import dev.quarry.search.CallsRequest;
import dev.quarry.search.DefinitionsRequest;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import dev.quarry.search.SymbolCall;
import dev.quarry.search.SymbolDefinition;
import dev.quarry.search.SymbolReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbol queries end to end: real walker, extractor, index actor, persister and symbol snapshot. */
class SymbolQueriesTest {
    private static final String ID = "poly";

    @TempDir
    Path temp;

    private QuarryNode start() throws Exception {
        return QuarryNode.start(QuarryConfig.withDataDir(temp.resolve("data")));
    }

    private Path repo() {
        return temp.resolve("repo");
    }

    private IndexingProgress indexRepo(QuarryNode node) {
        IndexSpec spec = new IndexSpec(ID, PolyglotRepo.write(repo()).toString(), IndexOptions.defaults());
        assertInstanceOf(IndexRegistry.Registered.class, node.register(spec).toCompletableFuture().join());
        node.awaitLoaded(ID, Duration.ofSeconds(30)).toCompletableFuture().join();
        return reindex(node);
    }

    private static IndexingProgress reindex(QuarryNode node) {
        IndexingProgress done = node.reindex(ID, false, p -> {}).toCompletableFuture().join();
        node.flush(ID).toCompletableFuture().join();
        assertNull(done.error());
        return done;
    }

    private static List<SymbolDefinition> definitions(QuarryNode node, DefinitionsRequest request) {
        return assertInstanceOf(SymbolReply.Definitions.class, node.definitions(ID, request).toCompletableFuture().join())
                .definitions();
    }

    private static SymbolReply.Calls callers(QuarryNode node, String symbol) {
        return assertInstanceOf(SymbolReply.Calls.class, node.callers(ID, CallsRequest.of(symbol)).toCompletableFuture().join());
    }

    private static Set<String> callerNames(QuarryNode node, String symbol) {
        return callers(node, symbol).calls().stream().map(c -> c.caller().qualifiedName()).collect(Collectors.toSet());
    }

    @Test
    void answersDefinitionsCallersCalleesAndChainsAcrossLanguages() throws Exception {
        try (QuarryNode node = start()) {
            indexRepo(node);

            SymbolDefinition greet = definitions(node, DefinitionsRequest.of("greet")).get(0);
            assertEquals("Greeter.greet", greet.qualifiedName());
            assertEquals("method", greet.kind());
            assertEquals("org.ex", greet.packageName());
            assertEquals("app/src/org/ex/Greeter.java", greet.path());
            assertEquals(4, greet.startLine());
            assertEquals(List.of("Greeter"), definitions(node, new DefinitionsRequest("Greeter", null, "class", 0))
                    .stream().map(SymbolDefinition::qualifiedName).toList());
            assertEquals(List.of(), definitions(node, new DefinitionsRequest("Greeter", null, "method", 0)));
            assertEquals(List.of("parse_date"), definitions(node, new DefinitionsRequest("parse_", "prefix", null, 0))
                    .stream().map(SymbolDefinition::name).toList());
            assertEquals(1, definitions(node, DefinitionsRequest.of("org.ex.Greeter.format")).size(), "qualified by package");

            assertEquals(Set.of("Main.main", "Main.run"), callerNames(node, "Greeter.greet"));
            assertEquals("up", callers(node, "greet").direction());
            assertEquals(Set.of("build_report"), callerNames(node, "parse_date"));
            assertEquals(Set.of("Serve"), callerNames(node, "handleRequest"));
            assertEquals(Set.of("slugify"), callerNames(node, "lowerDashed"));

            SymbolReply.Calls callees = assertInstanceOf(SymbolReply.Calls.class,
                    node.callees(ID, CallsRequest.of("Greeter.greet")).toCompletableFuture().join());
            SymbolCall format = callees.calls().get(0);
            assertEquals("format", format.callee());
            assertEquals("exact", format.resolution());
            assertEquals("Greeter.format", format.candidates().get(0).qualifiedName());
            assertEquals(5, format.line());

            SymbolReply.Chains up = assertInstanceOf(SymbolReply.Chains.class,
                    node.callChain(ID, CallChainRequest.of("format", 3, "up")).toCompletableFuture().join());
            Set<List<String>> upPaths = up.paths().stream()
                    .map(path -> path.stream().map(c -> c.caller().qualifiedName()).toList()).collect(Collectors.toSet());
            assertEquals(Set.of(List.of("Greeter.greet", "Main.main"), List.of("Greeter.greet", "Main.run", "Main.main")),
                    upPaths);
            SymbolReply.Chains down = assertInstanceOf(SymbolReply.Chains.class,
                    node.callChain(ID, CallChainRequest.of("slugify", 2, "down")).toCompletableFuture().join());
            assertEquals("lowerDashed", down.paths().get(0).get(0).candidates().get(0).qualifiedName());

            IndexStatus.SymbolCounts counts = node.status(ID).orElseThrow().symbols();
            assertEquals(PolyglotRepo.FILES, counts.files(), "every indexed file has an entry, text files too");
            assertEquals(0, counts.missing());
            assertTrue(counts.definitions() >= 12, counts.toString());

            List<SearchHit> hits = assertInstanceOf(SearchReply.Results.class,
                    node.search(ID, SearchRequest.of("who calls handleRequest?", 5)).toCompletableFuture().join()).hits();
            assertEquals("Serve", hits.get(0).symbol());
            assertTrue(hits.get(0).lanes().contains("graph"), hits.get(0).toString());
        }
    }

    @Test
    void editsAndDeletionsReachTheGraph() throws Exception {
        try (QuarryNode node = start()) {
            indexRepo(node);
            TestRepos.write(repo(), "app/src/org/ex/Main.java", """
                    package org.ex;

                    public class Main {
                        public static void main(String[] args) {
                            new Greeter().greet("world");
                        }
                    }
                    """);
            Files.delete(repo().resolve("tools/dates.py"));

            IndexingProgress done = reindex(node);

            assertEquals(1, done.filesChanged());
            assertEquals(1, done.filesRemoved());
            assertEquals(Set.of("Main.main"), callerNames(node, "Greeter.greet"));
            assertEquals(List.of(), definitions(node, DefinitionsRequest.of("Main.run")));
            assertEquals(List.of(), definitions(node, DefinitionsRequest.of("parse_date")), "deleted file's definitions");
            SymbolReply.Calls orphaned = callers(node, "parse_date");
            assertEquals(0, orphaned.total(), "nothing left to resolve the call to");
            assertEquals(PolyglotRepo.FILES - 1, node.status(ID).orElseThrow().symbols().files());
        }
    }

    @Test
    void restartRestoresSymbolsWithoutReadingFilesAndRebuildsMissingOnes() throws Exception {
        try (QuarryNode node = start()) {
            indexRepo(node);
        }
        Path symbolFile = temp.resolve("data/indexes/" + ID + "/symbols.bin");
        assertTrue(Files.isRegularFile(symbolFile));
        try (QuarryNode node = start()) {
            IndexStatus status = node.awaitLoaded(ID, Duration.ofSeconds(30)).toCompletableFuture().join();
            assertEquals(0, status.symbols().missing());
            assertEquals(Set.of("Main.main", "Main.run"), callerNames(node, "Greeter.greet"));
            assertEquals(0, reindex(node).filesChanged(), "restored symbols match: nothing is re-read");
        }

        // An index written before symbols were persisted: no symbol file.
        Files.delete(symbolFile);
        try (QuarryNode node = start()) {
            IndexStatus status = node.awaitLoaded(ID, Duration.ofSeconds(30)).toCompletableFuture().join();
            assertEquals(PolyglotRepo.FILES, status.symbols().missing());
            assertTrue(status.symbols().note().contains("no symbol file"), status.symbols().note());
            SymbolReply.Unavailable unavailable = assertInstanceOf(SymbolReply.Unavailable.class,
                    node.callers(ID, CallsRequest.of("greet")).toCompletableFuture().join());
            assertTrue(unavailable.reason().contains("quarry index"), unavailable.reason());

            assertEquals(PolyglotRepo.FILES, reindex(node).filesChanged(), "files without symbols are re-read");
            assertEquals(0, node.status(ID).orElseThrow().symbols().missing());
            assertNull(node.status(ID).orElseThrow().symbols().note());
            assertEquals(Set.of("Main.main", "Main.run"), callerNames(node, "Greeter.greet"));
        }
        try (QuarryNode node = start()) {
            node.awaitLoaded(ID, Duration.ofSeconds(30)).toCompletableFuture().join();
            assertEquals(0, reindex(node).filesChanged(), "the rebuilt symbols were persisted");
        }
    }

    @Test
    void badRequestsAndUnknownIndexesFailClearly() throws Exception {
        try (QuarryNode node = start()) {
            CompletionException unknown = assertThrows(CompletionException.class,
                    () -> node.callers("nope", CallsRequest.of("x")).toCompletableFuture().join());
            assertInstanceOf(UnknownIndexException.class, unknown.getCause());
            IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                    () -> node.definitions("nope", new DefinitionsRequest("x", null, "metod", 0)));
            assertTrue(kind.getMessage().contains("kind must be one of"), kind.getMessage());
            assertThrows(IllegalArgumentException.class, () -> node.definitions("nope", new DefinitionsRequest("x", "fuzzy", null, 0)));
            assertThrows(IllegalArgumentException.class, () -> node.callees("nope", CallsRequest.of(" ")));
            IllegalArgumentException depth = assertThrows(IllegalArgumentException.class,
                    () -> node.callChain("nope", CallChainRequest.of("x", 11, "up")));
            assertTrue(depth.getMessage().contains("depth"), depth.getMessage());
            assertThrows(IllegalArgumentException.class, () -> node.callChain("nope", CallChainRequest.of("x", 2, "sideways")));
            assertNotEquals(0, DefinitionsRequest.of("x").validated().limit());
        }
    }
}
