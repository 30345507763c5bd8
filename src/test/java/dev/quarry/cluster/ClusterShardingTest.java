package dev.quarry.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.TestRepos;
import dev.quarry.api.QuarryNode;
import dev.quarry.api.UnknownIndexException;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexState;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three clustered nodes in this JVM sharing one store: indexes are sharded entities spread over the
 * nodes, every node answers for every index (search, status, reindex, flush cross nodes as CBOR), the
 * registry is cluster-wide, and a node that leaves hands its indexes to the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterShardingTest {
    private static final int INDEXES = 9;

    @TempDir
    static Path temp;

    private ClusterNodes cluster;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = ClusterNodes.start(temp, 3, Duration.ofMinutes(30));
        for (int n = 0; n < INDEXES; n++) {
            QuarryNode via = cluster.node(n % 3);
            IndexSpec spec = new IndexSpec("repo" + n, repo(temp.resolve("repos/repo" + n), n).toString(), IndexOptions.defaults());
            assertInstanceOf(IndexRegistry.Registered.class, via.register(spec).toCompletableFuture().join());
        }
        for (int n = 0; n < INDEXES; n++) {
            // Walks are requested from node 0 whatever node hosts the index: progress comes back across nodes.
            IndexingProgress done = cluster.node(0).reindex("repo" + n, false, p -> {}).toCompletableFuture().join();
            assertNull(done.error(), done.toString());
            assertEquals(2, done.filesChanged(), done.toString());
            cluster.node(0).flush("repo" + n).toCompletableFuture().join();
        }
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Path repo(Path root, int n) {
        TestRepos.write(root, "src/Marker" + n + ".java", """
                package markers;

                public class Marker%d {
                    public int computeMarker%dTotal(int a, int b) {
                        return a * %d + b;
                    }
                }
                """.formatted(n, n, n));
        TestRepos.write(root, "tools/helper" + n + ".py", "def helper_%d(x):\n    return x + %d\n".formatted(n, n));
        return root;
    }

    static List<SearchHit> hits(QuarryNode node, String id, String query) {
        SearchReply reply = node.search(id, SearchRequest.of(query, 5)).toCompletableFuture().join();
        return assertInstanceOf(SearchReply.Results.class, reply, reply.toString()).hits();
    }

    @Test
    @Order(1)
    void indexesSpreadOverAllNodesAndEveryNodeAnswersForEveryIndex() {
        Set<Integer> hosting = new HashSet<>();
        for (int n = 0; n < INDEXES; n++) {
            List<Integer> hosts = cluster.hosts("repo" + n);
            assertEquals(1, hosts.size(), "repo" + n + " must be open on exactly one node: " + hosts);
            hosting.addAll(hosts);
        }
        assertEquals(Set.of(0, 1, 2), hosting, "min-nr-of-members = 3 must spread the shards over every node");

        for (int n = 0; n < INDEXES; n++) {
            for (int i = 0; i < cluster.size(); i++) {
                List<SearchHit> hits = hits(cluster.node(i), "repo" + n, "computeMarker" + n + "Total");
                assertEquals("src/Marker" + n + ".java", hits.get(0).path(), "node " + i + ", repo" + n);
                IndexStatus status = cluster.node(i).fetchStatus("repo" + n).toCompletableFuture().join();
                assertEquals(IndexState.READY, status.state());
                assertEquals(2, status.files());
                assertTrue(status.durableGeneration() > 0, status.toString());
            }
        }
        List<IndexStatus> all = cluster.node(2).fetchStatuses().toCompletableFuture().join();
        assertEquals(INDEXES, all.size());
    }

    @Test
    @Order(2)
    void theRegistryIsClusterWide() {
        assertEquals(INDEXES, cluster.node(1).list().toCompletableFuture().join().size());
        Path taken = Path.of(cluster.node(0).lookup("repo4").toCompletableFuture().join().spec().root());
        IndexRegistry.Rejected clash = assertInstanceOf(IndexRegistry.Rejected.class,
                cluster.node(2).register(new IndexSpec("other", taken.resolve("src").toString(), null)).toCompletableFuture().join());
        assertTrue(clash.conflict() && clash.message().contains("overlaps"), clash.message());

        for (int i = 0; i < cluster.size(); i++) {
            QuarryNode node = cluster.node(i);
            CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    () -> node.search("no-such-index", SearchRequest.of("x", 1)).toCompletableFuture().join());
            assertInstanceOf(UnknownIndexException.class, e.getCause());
        }
    }

    @Test
    @Order(3)
    void unregisteringStopsTheIndexWhereverItLivesAndDeletesItsData() {
        IndexSpec spec = new IndexSpec("doomed", repo(temp.resolve("repos/doomed"), 99).toString(), null);
        cluster.node(0).register(spec).toCompletableFuture().join();
        cluster.node(0).reindex("doomed", false, p -> {}).toCompletableFuture().join();
        int host = cluster.hosts("doomed").get(0);
        Path data = cluster.sharedDir().resolve("indexes/doomed");
        assertTrue(Files.isDirectory(data));

        // Node 0 reached "doomed" (the walk) and remembers it, so its next search goes straight to the entity.
        int unregistering = host == 1 ? 2 : 1;
        IndexRegistry.Unregistered gone = cluster.node(unregistering).unregister("doomed", true).toCompletableFuture().join();

        assertTrue(gone.existed() && gone.dataDeleted(), gone.toString());
        assertFalse(Files.exists(data));
        assertTrue(cluster.hosts("doomed").isEmpty());
        for (int i = 0; i < cluster.size(); i++) {
            assertInstanceOf(UnknownIndexException.class, searchUntilAnswered(cluster.node(i)), "node " + i);
        }
        assertTrue(cluster.hosts("doomed").isEmpty(), "a search for an unregistered id must not reopen it");
        assertFalse(Files.exists(data));
    }

    @Test
    @Order(4)
    void aNodeThatLeavesHandsItsIndexesToTheOthers() {
        // Not the oldest node: a coordinator started after it left would wait for min-nr-of-members = 3 regions.
        int leaving = cluster.oldest() == 2 ? 1 : 2;
        List<String> moved = new CopyOnWriteArrayList<>();
        for (int n = 0; n < INDEXES; n++) {
            if (cluster.hosts("repo" + n).contains(leaving)) {
                moved.add("repo" + n);
            }
        }
        assertFalse(moved.isEmpty());

        cluster.leave(leaving);
        List<Integer> survivors = leaving == 2 ? List.of(0, 1) : List.of(0, 2);

        for (String id : moved) {
            int n = Integer.parseInt(id.substring(4));
            for (int i : survivors) {
                assertEquals("src/Marker" + n + ".java", hits(cluster.node(i), id, "computeMarker" + n + "Total").get(0).path());
            }
            List<Integer> hosts = cluster.hosts(id);
            assertEquals(1, hosts.size(), id + " must be open on exactly one survivor: " + hosts);
            IndexStatus status = cluster.node(hosts.get(0)).status(id).orElseThrow();
            assertEquals(2, status.files(), "rehydrated from the shared store without a walk: " + status);
        }
    }

    /**
     * Searches the unregistered id until the node gives a definite answer: on a loaded machine the
     * first ask may time out and come back as a retryable "unreachable" reply, which is allowed.
     */
    private static Throwable searchUntilAnswered(QuarryNode node) {
        for (int attempt = 1; ; attempt++) {
            try {
                SearchReply reply = node.search("doomed", SearchRequest.of("computeMarker99Total", 1)).toCompletableFuture().join();
                boolean retryable = reply instanceof SearchReply.Unavailable u && u.retryable();
                assertTrue(retryable && attempt < 3, "an unregistered index must not answer: " + reply);
            } catch (CompletionException e) {
                return e.getCause();
            }
        }
    }
}
