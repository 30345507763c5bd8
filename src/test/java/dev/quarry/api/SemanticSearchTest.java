package dev.quarry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.quarry.TestRepos;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.SemanticCoverage;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semantic lane end to end: real BGE, real walker, Lucene, vectors and actors in temp dirs. */
class SemanticSearchTest {
    private static final String RETRY_POLICY = "src/main/java/org/example/RetryPolicy.java";

    @TempDir
    Path temp;

    private QuarryNode start(CountingEmbedder embedder, String extraConfig) throws Exception {
        QuarryConfig config = QuarryConfig.from(ConfigFactory.parseString("""
                quarry.data-dir = "%s"
                quarry.index.refresh-interval = 50ms
                # The tests wait for embedding, so it must not yield the CPU to the rest of the machine.
                quarry.semantic.niceness = 0
                %s
                """.formatted(temp.resolve("data"), extraConfig)).withFallback(ConfigFactory.load()));
        return QuarryNode.start(config, embedder);
    }

    private static void index(QuarryNode node, IndexSpec spec) {
        assertInstanceOf(IndexRegistry.Registered.class, node.register(spec).toCompletableFuture().join());
        node.awaitLoaded(spec.id(), Duration.ofSeconds(30)).toCompletableFuture().join();
        assertNull(node.reindex(spec.id(), false, p -> {}).toCompletableFuture().join().error());
    }

    private static IndexStatus awaitStatus(QuarryNode node, String id, Predicate<IndexStatus> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            IndexStatus status = node.status(id).orElseThrow();
            if (condition.test(status)) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("index " + id + " never got there: " + node.status(id).orElseThrow());
    }

    private static IndexStatus awaitEmbedded(QuarryNode node, String id) throws Exception {
        return awaitStatus(node, id, s -> s.semantic() != null && s.semantic().complete() && s.chunks() > 0);
    }

    private static SearchReply.Results search(QuarryNode node, String id, String query, String mode, String pathPrefix) {
        SearchReply reply = node.search(id, new SearchRequest(query, 5, mode, pathPrefix, null)).toCompletableFuture().join();
        return assertInstanceOf(SearchReply.Results.class, reply, reply::toString);
    }

    private IndexSpec sample(String id, String dir, boolean lexicalOnly) {
        Path repo = TestRepos.sample(temp.resolve(dir));
        return new IndexSpec(id, repo.toString(), new IndexOptions(lexicalOnly, List.of(), 0, false));
    }

    @Test
    void hybridRunsBothLanesAndEveryHitSaysWhichFoundIt() throws Exception {
        try (QuarryNode node = start(CountingEmbedder.unlimited(), "")) {
            index(node, sample("sample", "repo", false));
            IndexStatus status = awaitEmbedded(node, "sample");
            assertEquals(new SemanticCoverage(status.chunks(), 0, 0, 100), status.semantic());

            SearchReply.Results results = search(node, "sample", "where do we decide whether a failed upload is tried again", null, null);

            assertEquals(List.of("lexical", "semantic"), results.lanes());
            assertEquals(RETRY_POLICY, results.hits().get(0).path());
            for (SearchHit hit : results.hits()) {
                assertFalse(hit.lanes().isEmpty(), hit.toString());
                assertTrue(List.of("lexical", "semantic").containsAll(hit.lanes()), hit.toString());
            }
            assertTrue(results.hits().stream().anyMatch(h -> h.lanes().size() == 2), "some hit found by both lanes");
        }
    }

    @Test
    void semanticModeMatchesMeaningAndHonoursFilters() throws Exception {
        try (QuarryNode node = start(CountingEmbedder.unlimited(), "")) {
            index(node, sample("sample", "repo", false));
            awaitEmbedded(node, "sample");

            SearchReply.Results results = search(node, "sample", "turn text into a calendar day", "semantic", null);
            assertEquals(List.of("semantic"), results.lanes());
            assertEquals("parse_date", results.hits().get(0).symbol());
            assertEquals(List.of("semantic"), results.hits().get(0).lanes());
            assertTrue(results.hits().get(0).score() > 0.5f, "cosine score: " + results.hits().get(0));

            SearchReply.Results filtered = search(node, "sample", "turn text into a calendar day", "semantic", "src/");
            assertFalse(filtered.hits().isEmpty());
            assertTrue(filtered.hits().stream().allMatch(h -> h.path().startsWith("src/")), filtered.hits().toString());
        }
    }

    @Test
    void anIdentifierPutsItsDefinitionFirst() throws Exception {
        try (QuarryNode node = start(CountingEmbedder.unlimited(), "")) {
            index(node, sample("sample", "repo", false));
            awaitEmbedded(node, "sample");

            assertEquals("RetryPolicy.shouldRetryUpload", search(node, "sample", "shouldRetryUpload", null, null).hits().get(0).symbol());
            assertEquals("RetryPolicy.backoffMillis", search(node, "sample", "RetryPolicy.backoffMillis()", null, null).hits().get(0).symbol());
            assertEquals("parse_date", search(node, "sample", "parse_dates.parse_date", null, null).hits().get(0).symbol());
        }
    }

    @Test
    void coverageIsReportedWhileEmbeddingRunsAndSearchesUseTheLanesThatAreReady() throws Exception {
        Path repo = temp.resolve("widgets");
        for (int i = 0; i < 30; i++) {
            TestRepos.write(repo, "Widget" + i + ".java", "class Widget%d {\n    int total%d(int a) {\n        return a * %d;\n    }\n}\n"
                    .formatted(i, i, i));
        }
        Semaphore permits = new Semaphore(0);
        try (QuarryNode node = start(CountingEmbedder.gated(permits), "quarry.semantic.threads = 1")) {
            index(node, new IndexSpec("widgets", repo.toString(), IndexOptions.defaults()));
            IndexStatus held = node.status("widgets").orElseThrow();
            assertTrue(held.chunks() >= 30, held.toString());
            assertEquals(new SemanticCoverage(0, held.chunks(), 0, 0), held.semantic());
            assertEquals(List.of("lexical"), search(node, "widgets", "total7", null, null).lanes(),
                    "without vectors a hybrid search runs the lexical lane and says so");

            permits.release(16); // exactly one slice of the embedding stage
            IndexStatus partial = awaitStatus(node, "widgets", s -> s.semantic().embedded() > 0);
            assertEquals(16, partial.semantic().embedded());
            assertEquals(partial.chunks() - 16, partial.semantic().pending());
            assertTrue(partial.semantic().percent() > 0 && partial.semantic().percent() < 100, partial.toString());
            SearchReply.Results hybrid = search(node, "widgets", "multiply a number", null, null);
            assertEquals(List.of("lexical", "semantic"), hybrid.lanes(), "a partly embedded index already has a semantic lane");

            permits.release(Integer.MAX_VALUE / 2);
            IndexStatus done = awaitEmbedded(node, "widgets");
            assertEquals(100, done.semantic().percent());
        }
    }

    @Test
    void cacheHitsSkipInferenceAcrossRestartsAndIndexes() throws Exception {
        IndexSpec spec = sample("sample", "repo", false);
        int chunks;
        CountingEmbedder first = CountingEmbedder.unlimited();
        try (QuarryNode node = start(first, "")) {
            index(node, spec);
            chunks = (int) awaitEmbedded(node, "sample").chunks();
            assertTrue(first.documents.get() > 0 && first.documents.get() <= chunks, "inferences: " + first.documents);
        }
        CountingEmbedder second = CountingEmbedder.unlimited();
        try (QuarryNode node = start(second, "")) {
            // Warm boot: the committed chunks get their vectors back from the cache.
            node.awaitLoaded("sample", Duration.ofSeconds(30)).toCompletableFuture().join();
            assertEquals(chunks, awaitEmbedded(node, "sample").semantic().embedded());
            assertEquals(List.of("lexical", "semantic"), search(node, "sample", "retry a failed upload", null, null).lanes());
            // The same sources under another index (a fork, a second checkout) cost nothing either.
            index(node, sample("copy", "copy", false));
            awaitEmbedded(node, "copy");
            assertEquals(0, second.documents.get(), "no chunk was embedded twice");
        }
    }

    @Test
    void editsAndDeletionsReplaceAndDropVectors() throws Exception {
        IndexSpec spec = sample("sample", "repo", false);
        Path repo = Path.of(spec.root());
        try (QuarryNode node = start(CountingEmbedder.unlimited(), "")) {
            index(node, spec);
            awaitEmbedded(node, "sample");
            Files.delete(repo.resolve("src/main/java/org/example/Uploader.java"));
            TestRepos.write(repo, "tools/parse_dates.py", "def parse_timestamp(text):\n    return int(text)\n");
            assertNull(node.reindex("sample", false, p -> {}).toCompletableFuture().join().error());

            IndexStatus status = awaitStatus(node, "sample",
                    s -> s.semantic().complete() && s.semantic().embedded() == s.chunks());
            assertEquals(0, status.semantic().failed());
            List<SearchHit> hits = search(node, "sample", "send the bytes, trying again on failure", "semantic", null).hits();
            assertTrue(hits.stream().noneMatch(h -> h.path().endsWith("Uploader.java")), hits.toString());
            assertEquals("parse_timestamp", search(node, "sample", "convert text to a number", "semantic", "tools/").hits().get(0).symbol());
        }
    }

    @Test
    void lexicalOnlyIndexesNeverEmbed() throws Exception {
        CountingEmbedder embedder = CountingEmbedder.unlimited();
        try (QuarryNode node = start(embedder, "")) {
            index(node, sample("plain", "repo", true));
            IndexStatus status = node.status("plain").orElseThrow();
            assertNull(status.semantic());
            SearchReply.Results results = search(node, "plain", "where do we retry failed uploads", "semantic", null);
            assertEquals(List.of("lexical"), results.lanes());
            assertEquals(0, embedder.documents.get());
        }
    }
}
