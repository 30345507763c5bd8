package dev.quarry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.quarry.TestRepos;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexingProgress;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches keep being answered from published views while a walk commits batches. */
class SearchDuringIngestTest {
    @TempDir
    Path temp;

    @Test
    void searchesAreAnsweredWhileIndexing() throws Exception {
        Path repo = temp.resolve("repo");
        for (int i = 0; i < 3000; i++) {
            TestRepos.write(repo, "pkg" + (i % 30) + "/Widget" + i + ".java", """
                    package pkg;
                    public class Widget%d {
                        public int computeWidgetTotal%d(int a, int b) {
                            return a * %d + b;
                        }
                    }
                    """.formatted(i, i, i));
        }
        QuarryConfig config = QuarryConfig.from(ConfigFactory.parseString("""
                quarry.data-dir = "%s"
                quarry.index.refresh-interval = 50ms
                quarry.ingest.max-batch-weight = 200
                """.formatted(temp.resolve("data"))).withFallback(ConfigFactory.load()));
        try (QuarryNode node = QuarryNode.start(config)) {
            node.register(new IndexSpec("widgets", repo.toString(), IndexOptions.defaults())).toCompletableFuture().join();
            node.awaitLoaded("widgets", Duration.ofSeconds(30)).toCompletableFuture().join();

            CompletableFuture<IndexingProgress> walk =
                    node.reindex("widgets", false, p -> {}).toCompletableFuture();
            List<SearchReply> during = new CopyOnWriteArrayList<>();
            while (!walk.isDone()) {
                during.add(node.search("widgets", SearchRequest.of("computeWidgetTotal", 10)).toCompletableFuture().join());
            }
            IndexingProgress done = walk.join();

            assertEquals(3000, done.filesChanged());
            long answered = during.stream().filter(r -> r instanceof SearchReply.Results res && !res.hits().isEmpty()).count();
            assertTrue(answered > 0, "no search was answered with results while indexing: " + during.size() + " tries");
            for (SearchReply reply : during) {
                if (reply instanceof SearchReply.Unavailable u) {
                    assertTrue(u.retryable() && u.state().equals("indexing"), u.toString());
                } else {
                    assertInstanceOf(SearchReply.Results.class, reply);
                }
            }
            SearchReply after = node.search("widgets", SearchRequest.of("computeWidgetTotal2999", 3)).toCompletableFuture().join();
            assertEquals("pkg29/Widget2999.java", assertInstanceOf(SearchReply.Results.class, after).hits().get(0).path());
        }
    }
}
