package dev.quarry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.quarry.TestRepos;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexState;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.index.persist.DurableWrites;
import dev.quarry.index.persist.SnapshotLayout;
import dev.quarry.index.persist.SnapshotVerifier;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durability through the Java API: failing disks, quarantine and recovery, forced-reindex staging. */
class QuarryNodePersistenceTest {
    @TempDir
    Path temp;

    /** Fails every replacement of {@code CURRENT} while {@code failures > 0}. */
    private static final class FailingSwitch implements DurableWrites {
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void writeNew(Path file, byte[] content) throws IOException {
            DurableWrites.disk().writeNew(file, content);
        }

        @Override
        public void replace(Path file, byte[] content) throws IOException {
            if (file.getFileName().toString().equals(SnapshotLayout.CURRENT) && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IOException("Input/output error (injected)");
            }
            DurableWrites.disk().replace(file, content);
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            DurableWrites.disk().syncDirectory(dir);
        }
    }

    private QuarryConfig config() {
        return QuarryConfig.from(ConfigFactory.parseMap(Map.of(
                        "quarry.data-dir", temp.resolve("data").toString(),
                        "quarry.persist.retry-backoff", "50ms"))
                .withFallback(ConfigFactory.load()));
    }

    private SnapshotLayout layout() {
        return new SnapshotLayout(temp.resolve("data/indexes/sample"));
    }

    private IndexSpec sample() {
        return new IndexSpec("sample", TestRepos.sample(temp.resolve("repo")).toString(), IndexOptions.defaults());
    }

    private static void indexAndFlush(QuarryNode node, IndexSpec spec, boolean force) {
        assertInstanceOf(IndexRegistry.Registered.class, node.register(spec).toCompletableFuture().join());
        node.awaitLoaded(spec.id(), Duration.ofSeconds(30)).toCompletableFuture().join();
        IndexingProgress done = node.reindex(spec.id(), force, p -> {}).toCompletableFuture().join();
        assertNull(done.error(), done.toString());
        node.flush(spec.id()).toCompletableFuture().join();
    }

    private static SearchReply search(QuarryNode node, String query) {
        return node.search("sample", SearchRequest.of(query, 5)).toCompletableFuture().join();
    }

    private static IndexStatus awaitStatus(QuarryNode node, Predicate<IndexStatus> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        IndexStatus status = null;
        while (System.nanoTime() < deadline) {
            status = node.status("sample").orElse(null);
            if (status != null && condition.test(status)) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("status never matched; last: " + status);
    }

    @Test
    void aFailingDiskIsReportedRetriedAndNeverBreaksTheLastSnapshot() throws Exception {
        FailingSwitch disk = new FailingSwitch();
        IndexSpec spec = sample();
        long published;
        try (QuarryNode node = QuarryNode.start(config(), disk)) {
            indexAndFlush(node, spec, false);
            published = layout().readCurrent().getAsLong();

            disk.failures.set(3);
            TestRepos.write(Path.of(spec.root()), "notes/later.md", "# Later\nthe word zanzibar appears here\n");
            node.reindex("sample", false, p -> {}).toCompletableFuture().join();

            IndexStatus failing = awaitStatus(node, s -> s.lastError() != null && s.lastError().contains("Input/output error"));
            assertTrue(failing.lastError().startsWith("snapshot of generation"), failing.lastError());
            assertEquals(published, failing.durableGeneration());
            SnapshotVerifier.verify(layout(), published, "sample");

            long durable = node.flush("sample").toCompletableFuture().join().durableGeneration();
            assertTrue(durable > published, "the retry made the write durable");
            assertEquals(0, disk.failures.get());
            assertNull(awaitStatus(node, s -> s.lastError() == null).lastError());
        }
        try (QuarryNode node = QuarryNode.start(config())) {
            assertEquals(IndexState.READY, node.awaitLoaded("sample", Duration.ofSeconds(30)).toCompletableFuture().join().state());
            SearchReply.Results results = assertInstanceOf(SearchReply.Results.class, search(node, "zanzibar"));
            assertEquals("notes/later.md", results.hits().getFirst().path());
        }
    }

    @Test
    void aCorruptIndexIsQuarantinedRefusesSearchesAndAForcedReindexRebuildsIt() throws Exception {
        IndexSpec spec = sample();
        try (QuarryNode node = QuarryNode.start(config())) {
            indexAndFlush(node, spec, false);
        }
        for (long g : layout().generations()) {
            Path manifest = layout().manifest(g);
            byte[] bytes = Files.readAllBytes(manifest);
            bytes[bytes.length / 3] ^= 0x20;
            Files.write(manifest, bytes);
        }

        try (QuarryNode node = QuarryNode.start(config())) {
            IndexStatus status = node.awaitLoaded("sample", Duration.ofSeconds(30)).toCompletableFuture().join();
            assertEquals(IndexState.QUARANTINED, status.state());
            assertTrue(status.lastError().contains("checksum mismatch"), status.lastError());
            assertTrue(status.lastError().contains("quarry index --force"), status.lastError());
            SearchReply.Unavailable refused = assertInstanceOf(SearchReply.Unavailable.class, search(node, "shouldRetryUpload"));
            assertEquals("quarantined", refused.state());
            assertFalse(refused.retryable());
            assertFalse(Files.list(layout().quarantine()).toList().isEmpty(), "evidence kept");

            IndexingProgress incremental = node.reindex("sample", false, p -> {}).toCompletableFuture().join();
            assertNotNull(incremental.error());
            assertTrue(incremental.error().contains("forced reindex"), incremental.error());

            IndexingProgress rebuilt = node.reindex("sample", true, p -> {}).toCompletableFuture().join();
            assertNull(rebuilt.error(), rebuilt.toString());
            node.flush("sample").toCompletableFuture().join();
            assertEquals(IndexState.READY, node.status("sample").orElseThrow().state());
            assertInstanceOf(SearchReply.Results.class, search(node, "shouldRetryUpload"));
        }
        try (QuarryNode node = QuarryNode.start(config())) {
            IndexStatus status = node.awaitLoaded("sample", Duration.ofSeconds(30)).toCompletableFuture().join();
            assertEquals(IndexState.READY, status.state());
            assertEquals(5, status.files());
            assertNull(status.lastError());
        }
    }

    @Test
    void aForcedReindexSwapsInOnlyACompleteBuild() throws Exception {
        IndexSpec spec = sample();
        Path repo = Path.of(spec.root());
        try (QuarryNode node = QuarryNode.start(config())) {
            indexAndFlush(node, spec, false);
            long before = layout().readCurrent().getAsLong();

            IndexingProgress rebuilt = node.reindex("sample", true, p -> {}).toCompletableFuture().join();
            assertNull(rebuilt.error());
            assertEquals(5, rebuilt.filesChanged(), "a forced reindex re-chunks every file");
            node.flush("sample").toCompletableFuture().join();
            long after = layout().readCurrent().getAsLong();
            assertTrue(after > before);
            assertEquals("lucene-000002", SnapshotVerifier.readManifest(layout(), after).luceneDirectory());

            try (var files = Files.walk(repo)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (!p.equals(repo)) {
                        Files.delete(p);
                    }
                }
            }
            IndexingProgress empty = node.reindex("sample", true, p -> {}).toCompletableFuture().join();
            assertNotNull(empty.error());
            assertTrue(empty.error().contains("nothing was swapped in"), empty.error());
            assertEquals(IndexState.READY, node.status("sample").orElseThrow().state());
            assertEquals(5, node.status("sample").orElseThrow().files());
            assertInstanceOf(SearchReply.Results.class, search(node, "shouldRetryUpload"));
            assertEquals(after, node.flush("sample").toCompletableFuture().join().durableGeneration());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (layout().luceneDirectories().contains("lucene-000003") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // The previous generation still uses lucene-000001; the refused build is discarded.
            assertEquals(java.util.List.of("lucene-000001", "lucene-000002"), layout().luceneDirectories());
        }
        try (QuarryNode node = QuarryNode.start(config())) {
            assertEquals(5, node.awaitLoaded("sample", Duration.ofSeconds(30)).toCompletableFuture().join().files());
        }
    }
}
