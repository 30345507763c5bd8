package dev.quarry.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.TestRepos;
import dev.quarry.api.QuarryNode;
import dev.quarry.index.IndexActor;
import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle indexes are flushed and unloaded and come back from the shared store on demand; a stop (what
 * sharding sends on passivation or hand-off) waits for a running walk, an unregister interrupts it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassivationTest {
    private static final Duration IDLE = Duration.ofSeconds(1);

    @TempDir
    static Path temp;

    private ClusterNodes cluster;

    @BeforeAll
    void startCluster() throws Exception {
        // Small batches and frequent progress events: a walk is observably in progress for many messages.
        cluster = ClusterNodes.start(temp, 2, IDLE, """
                quarry.ingest.max-batch-weight = 100
                quarry.index.progress-interval = 1ms
                """);
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
    void aStopDuringAWalkLetsTheWalkFinishFirst() {
        Path repo = widgets(temp.resolve("big"), 1500);
        QuarryNode node = cluster.node(1);
        node.register(new IndexSpec("big", repo.toString(), null)).toCompletableFuture().join();
        AtomicLong walkedWhenStopped = new AtomicLong(-1);

        // What sharding sends on passivation or hand-off, sent as soon as the walk has applied its first batch.
        IndexingProgress done = node.reindex("big", false, p -> {
            if (!p.done() && walkedWhenStopped.compareAndSet(-1, p.filesWalked())) {
                ClusterSharding.get(node.system()).entityRefFor(IndexEntity.TYPE_KEY, "big").tell(IndexActor.Stop.WHEN_IDLE);
            }
        }).toCompletableFuture().join();

        assertTrue(walkedWhenStopped.get() >= 0 && walkedWhenStopped.get() < 1500, "stop not sent mid-walk: " + walkedWhenStopped);
        assertNull(done.error(), done.toString());
        assertEquals(1500, done.filesChanged());
        awaitUnloaded("big", Duration.ofSeconds(15));
        IndexStatus reopened = node.awaitLoaded("big", Duration.ofSeconds(15)).toCompletableFuture().join();
        assertEquals(1500, reopened.files());
    }

    @Test
    void unregisteringDuringAWalkInterruptsIt() {
        Path repo = widgets(temp.resolve("doomed"), 1500);
        QuarryNode node = cluster.node(0);
        node.register(new IndexSpec("doomed", repo.toString(), null)).toCompletableFuture().join();
        CompletableFuture<IndexRegistry.Unregistered> unregistered = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean asked = new java.util.concurrent.atomic.AtomicBoolean();

        IndexingProgress done = node.reindex("doomed", false, p -> {
            // Exactly one unregister: a second one would answer "did not exist" and could complete first.
            if (!p.done() && asked.compareAndSet(false, true)) {
                node.unregister("doomed", true).whenComplete((u, e) -> unregistered.complete(u));
            }
        }).toCompletableFuture().join();

        assertTrue(done.failed() && done.error().contains("interrupted"), done.toString());
        IndexRegistry.Unregistered gone = unregistered.join();
        assertTrue(gone.existed() && gone.dataDeleted(), gone.toString());
        assertEquals(List.of(), cluster.hosts("doomed"));
    }

    private static Path widgets(Path repo, int files) {
        for (int i = 0; i < files; i++) {
            TestRepos.write(repo, "pkg" + (i % 20) + "/Widget" + i + ".java",
                    "package pkg;\npublic class Widget%d {\n    int total%d(int a) { return a + %d; }\n}\n".formatted(i, i, i));
        }
        return repo;
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
