package dev.quarry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.TestRepos;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexState;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.index.RegistryStore;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the Java API: real walker, chunker, Lucene, actors, temp dirs. */
class QuarryNodeTest {
    @TempDir
    Path temp;

    private QuarryNode start() throws Exception {
        return QuarryNode.start(QuarryConfig.withDataDir(temp.resolve("data")));
    }

    private static IndexingProgress index(QuarryNode node, IndexSpec spec, boolean force) {
        IndexRegistry.RegisterReply reply = node.register(spec).toCompletableFuture().join();
        assertInstanceOf(IndexRegistry.Registered.class, reply);
        node.awaitLoaded(spec.id(), Duration.ofSeconds(30)).toCompletableFuture().join();
        IndexingProgress done = node.reindex(spec.id(), force, p -> {}).toCompletableFuture().join();
        node.flush(spec.id()).toCompletableFuture().join();
        return done;
    }

    private static List<SearchHit> search(QuarryNode node, String id, String query) {
        SearchReply reply = node.search(id, SearchRequest.of(query, 5)).toCompletableFuture().join();
        return assertInstanceOf(SearchReply.Results.class, reply).hits();
    }

    private IndexSpec sampleSpec() {
        Path repo = TestRepos.sample(temp.resolve("repo"));
        return new IndexSpec("sample", repo.toString(), IndexOptions.defaults());
    }

    @Test
    void indexesSearchesAndRestartsWithoutReparsing() throws Exception {
        IndexSpec spec = sampleSpec();
        try (QuarryNode node = start()) {
            IndexingProgress done = index(node, spec, false);
            assertTrue(done.done());
            assertEquals(null, done.error());
            // README.md, .gitignore, two Java files, one Python file; generated/ is gitignored.
            assertEquals(5, done.filesChanged(), "gitignored file must not be indexed: " + done);

            List<SearchHit> hits = search(node, "sample", "shouldRetryUpload");
            assertEquals("src/main/java/org/example/RetryPolicy.java", hits.get(0).path());
            assertEquals("RetryPolicy.shouldRetryUpload", hits.get(0).symbol());
            assertTrue(search(node, "sample", "hiddenGeneratedMethod").stream().noneMatch(h -> h.path().startsWith("generated/")));
        }
        try (QuarryNode node = start()) {
            IndexStatus status = node.awaitLoaded("sample", Duration.ofSeconds(30)).toCompletableFuture().join();
            assertEquals(IndexState.READY, status.state());
            assertEquals(5, status.files());
            assertEquals("tools/parse_dates.py", search(node, "sample", "parse_date").get(0).path());

            IndexingProgress again = node.reindex("sample", false, p -> {}).toCompletableFuture().join();
            assertEquals(0, again.filesChanged(), "warm boot must keep fingerprints: " + again);
            assertEquals(5, again.filesUnchanged());
        }
    }

    @Test
    void reindexPicksUpEditsAndDeletions() throws Exception {
        IndexSpec spec = sampleSpec();
        Path repo = Path.of(spec.root());
        try (QuarryNode node = start()) {
            index(node, spec, false);
            TestRepos.write(repo, "tools/parse_dates.py", "def parse_timestamp(text):\n    return int(text)\n");
            Files.delete(repo.resolve("src/main/java/org/example/Uploader.java"));

            IndexingProgress done = node.reindex("sample", false, p -> {}).toCompletableFuture().join();

            assertEquals(1, done.filesChanged());
            assertEquals(1, done.filesRemoved());
            assertTrue(search(node, "sample", "parse_date").stream().noneMatch(h -> h.symbol().equals("parse_date")));
            assertEquals("parse_timestamp", search(node, "sample", "parse_timestamp").get(0).symbol());
            assertTrue(search(node, "sample", "Uploader.upload").stream().noneMatch(h -> h.path().endsWith("Uploader.java")));
            assertEquals(4, node.status("sample").orElseThrow().files());
        }
    }

    @Test
    void aWalkThatFindsNothingNeverEmptiesAPopulatedIndex() throws Exception {
        IndexSpec spec = sampleSpec();
        Path repo = Path.of(spec.root());
        try (QuarryNode node = start()) {
            index(node, spec, false);
            try (var files = Files.walk(repo)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (!p.equals(repo)) {
                        Files.delete(p);
                    }
                }
            }
            IndexingProgress done = node.reindex("sample", false, p -> {}).toCompletableFuture().join();

            assertNotNull(done.error());
            assertTrue(done.error().contains("refusing"), done.error());
            assertEquals(5, node.status("sample").orElseThrow().files());
            assertFalse(search(node, "sample", "shouldRetryUpload").isEmpty());
        }
    }

    @Test
    void registryRejectsDuplicatesAndOverlapsAndSurvivesRestart() throws Exception {
        IndexSpec spec = sampleSpec();
        try (QuarryNode node = start()) {
            assertInstanceOf(IndexRegistry.Registered.class, node.register(spec).toCompletableFuture().join());
            IndexRegistry.Registered again = assertInstanceOf(IndexRegistry.Registered.class,
                    node.register(spec).toCompletableFuture().join());
            assertFalse(again.created());

            IndexRegistry.Rejected sameIdOtherRoot = assertInstanceOf(IndexRegistry.Rejected.class,
                    node.register(new IndexSpec("sample", temp.toString(), null)).toCompletableFuture().join());
            assertTrue(sameIdOtherRoot.conflict());
            IndexRegistry.Rejected nested = assertInstanceOf(IndexRegistry.Rejected.class,
                    node.register(new IndexSpec("nested", spec.root() + "/src", null)).toCompletableFuture().join());
            assertTrue(nested.message().contains("overlaps"), nested.message());
        }
        try (QuarryNode node = start()) {
            assertEquals(List.of("sample"), node.list().toCompletableFuture().join().stream().map(IndexSpec::id).toList());
        }
    }

    @Test
    void unreadableRegistryRefusesToStart() throws Exception {
        Path data = temp.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("registry.json"), "{\"format\": \"quarry-registry-1\", \"indexes\": [");

        RegistryStore.UnreadableRegistryException e = assertThrows(RegistryStore.UnreadableRegistryException.class, this::start);
        assertTrue(e.getMessage().contains("refusing to start"), e.getMessage());
    }

    @Test
    void unknownIndexAndBadRequestsFailClearly() throws Exception {
        try (QuarryNode node = start()) {
            CompletionException unknown = assertThrows(CompletionException.class,
                    () -> node.search("nope", SearchRequest.of("x", 5)).toCompletableFuture().join());
            assertInstanceOf(UnknownIndexException.class, unknown.getCause());
            assertThrows(IllegalArgumentException.class, () -> node.search("nope", SearchRequest.of(" ", 5)));
            assertThrows(IllegalArgumentException.class, () -> node.search("nope", SearchRequest.of("x", 5000)));
        }
    }

    @Test
    void removingAnIndexDeletesItsDataOnlyWhenAsked() throws Exception {
        IndexSpec spec = sampleSpec();
        try (QuarryNode node = start()) {
            index(node, spec, false);
            IndexRegistry.Unregistered removed = node.unregister("sample", true).toCompletableFuture().join();
            assertTrue(removed.existed());
            assertTrue(removed.dataDeleted());
            assertFalse(Files.exists(temp.resolve("data/indexes/sample")));
            assertTrue(node.list().toCompletableFuture().join().isEmpty());
        }
    }
}
