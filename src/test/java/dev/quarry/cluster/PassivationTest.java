package dev.quarry.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.TestRepos;
import dev.quarry.api.QuarryNode;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Idle indexes are flushed and unloaded, come back from the shared store on demand, and never mid-walk. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassivationTest {
    private static final Duration IDLE = Duration.ofSeconds(1);

    @TempDir
    static Path temp;

    private ClusterNodes cluster;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = ClusterNodes.start(temp, 2, IDLE);
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anIdleIndexIsUnloadedAndRehydratesOnTheNextRequest() {
        QuarryNode node = cluster.node(0);
        node.register(new IndexSpec("sleepy", ClusterShardingTest.repo(temp.resolve("sleepy"), 7).toString(), null))
                .toCompletableFuture().join();
        IndexingProgress walked = node.reindex("sleepy", false, p -> {}).toCompletableFuture().join();
        assertNull(walked.error());
        assertEquals(2, walked.filesChanged());

        awaitUnloaded("sleepy", Duration.ofSeconds(15));

        // Applied but never explicitly flushed: passivation flushed it, so the reopened index has it all.
        for (int i = 0; i < cluster.size(); i++) {
            SearchReply reply = cluster.node(i).search("sleepy", SearchRequest.of("computeMarker7Total", 3)).toCompletableFuture().join();
            assertEquals("src/Marker7.java", assertInstanceOf(SearchReply.Results.class, reply).hits().get(0).path());
        }
        IndexStatus reopened = node.awaitLoaded("sleepy", Duration.ofSeconds(15)).toCompletableFuture().join();
        assertEquals(2, reopened.files());
        assertTrue(reopened.generation() > 0 && reopened.durableGeneration() == reopened.generation(), reopened.toString());
    }

    @Test
    void aWalkLongerThanTheIdleTimeoutIsNotInterrupted() {
        Path repo = temp.resolve("big");
        for (int i = 0; i < 1500; i++) {
            TestRepos.write(repo, "pkg" + (i % 20) + "/Widget" + i + ".java",
                    "package pkg;\npublic class Widget%d {\n    int total%d(int a) { return a + %d; }\n}\n".formatted(i, i, i));
        }
        QuarryNode node = cluster.node(1);
        node.register(new IndexSpec("big", repo.toString(), null)).toCompletableFuture().join();

        long started = System.nanoTime();
        IndexingProgress done = node.reindex("big", false, p -> {}).toCompletableFuture().join();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertNull(done.error(), done.toString());
        assertEquals(1500, done.filesChanged());
        assertTrue(took.compareTo(IDLE.multipliedBy(2)) > 0, "the walk must outlast the idle timeout to test anything: " + took);
        awaitUnloaded("big", Duration.ofSeconds(15));
        IndexStatus reopened = node.awaitLoaded("big", Duration.ofSeconds(15)).toCompletableFuture().join();
        assertEquals(1500, reopened.files());
    }

    private void awaitUnloaded(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cluster.hosts(id).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, id + " was not passivated within " + timeout);
            ClusterNodes.sleep(50);
        }
        assertEquals(List.of(), cluster.hosts(id));
    }
}
