package dev.quarry.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.index.EmbeddingStage.ChunkVector;
import dev.quarry.index.EmbeddingStage.Embedded;
import dev.quarry.index.EmbeddingStage.Job;
import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.FileUpdate;
import dev.quarry.ingest.Language;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The actor-confined bookkeeping of the semantic lane, on a real vector store. */
class SemanticIndexTest {
    private static final int DIMS = 4;

    private static Chunk chunk(String path, String symbol) {
        return new Chunk(path + "#" + symbol, path, Language.JAVA, "method", symbol, "", 1, 3, "void " + symbol + "() {}");
    }

    private static FileUpdate file(String path, String... symbols) {
        List<Chunk> chunks = new ArrayList<>();
        for (String symbol : symbols) {
            chunks.add(chunk(path, symbol));
        }
        String text = String.join("\n", chunks.stream().map(Chunk::text).toList());
        return new FileUpdate(path, "sha-" + path, text.length(), text, chunks,
                dev.quarry.ingest.symbols.FileSymbols.empty(path));
    }

    /** What the embedding stage would answer for these jobs. */
    private static Embedded embedded(List<Job> jobs) {
        List<ChunkVector> vectors = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            float[] vector = new float[DIMS];
            vector[i % DIMS] = 1;
            vector[(i + 1) % DIMS] = 0.5f;
            vectors.add(new ChunkVector(jobs.get(i).chunkId(), jobs.get(i).ticket(), vector));
        }
        return new Embedded(vectors, List.of(), null);
    }

    @Test
    void vectorsBecomeVisibleOnlyWhenPublished() {
        SemanticIndex index = SemanticIndex.create(DIMS);
        SemanticIndex.Work work = index.fileWritten(file("A.java", "a", "b"));

        assertEquals(List.of("A.java#a", "A.java#b"), work.embed().stream().map(Job::chunkId).toList());
        assertTrue(work.embed().get(0).text().startsWith("a\n"), "the model reads the named text");
        assertEquals(new SemanticCoverage(0, 2, 0, 0), index.coverage(2));

        index.accept(embedded(work.embed()));
        assertEquals(0, index.pendingCount());
        assertTrue(index.hasUnpublished());
        assertEquals(0, index.coverage(2).embedded(), "accepted but not yet published");

        index.publish();
        assertFalse(index.hasUnpublished());
        assertEquals(new SemanticCoverage(2, 0, 0, 100), index.coverage(2));
        assertTrue(index.coverage(2).complete());
        assertEquals(2, index.published().search(new float[] {1, 0, 0, 0}, 5).size());
    }

    @Test
    void aRewriteDropsOldVectorsAndRejectsEmbeddingsOfTheOldVersion() {
        SemanticIndex index = SemanticIndex.create(DIMS);
        SemanticIndex.Work first = index.fileWritten(file("A.java", "a", "b"));
        index.accept(embedded(first.embed()));
        index.publish();

        SemanticIndex.Work second = index.fileWritten(file("A.java", "a"));
        assertEquals(List.of("A.java#a", "A.java#b"), second.cancel());
        index.publish();
        assertEquals(0, index.published().size(), "old vectors leave as soon as the file changes");

        index.accept(embedded(first.embed())); // a late answer for the first version
        assertEquals(1, index.pendingCount(), "stale vectors are not taken");
        index.accept(embedded(second.embed()));
        index.publish();
        assertEquals(new SemanticCoverage(1, 0, 0, 100), index.coverage(1));
    }

    @Test
    void aRemovedFileTakesItsVectorsAndQueuedWorkWithIt() {
        SemanticIndex index = SemanticIndex.create(DIMS);
        SemanticIndex.Work a = index.fileWritten(file("A.java", "a"));
        SemanticIndex.Work b = index.fileWritten(file("B.java", "b"));
        index.accept(embedded(a.embed()));
        index.publish();

        SemanticIndex.Work removed = index.fileRemoved("A.java");
        SemanticIndex.Work removedQueued = index.fileRemoved("B.java");
        index.accept(embedded(b.embed()));
        index.publish();

        assertEquals(List.of("A.java#a"), removed.cancel());
        assertEquals(List.of("B.java#b"), removedQueued.cancel());
        assertEquals(0, index.published().size());
        assertEquals(0, index.pendingCount());
        assertTrue(index.fileRemoved("never-indexed.java").isEmpty());
    }

    @Test
    void failuresAreCountedAndLeaveCoverageComplete() {
        SemanticIndex index = SemanticIndex.create(DIMS);
        SemanticIndex.Work work = index.fileWritten(file("A.java", "a", "b"));
        index.accept(new Embedded(embedded(work.embed().subList(0, 1)).vectors(), work.embed().subList(1, 2), "boom"));
        index.publish();

        SemanticCoverage coverage = index.coverage(2);
        assertEquals(new SemanticCoverage(1, 0, 1, 50), coverage);
        assertTrue(coverage.complete());
    }

    @Test
    void reconcileQueuesCommittedChunksExceptFilesChangedSinceTheListingBegan() {
        SemanticIndex index = SemanticIndex.create(DIMS);
        index.listingStarted();
        SemanticIndex.Work rewritten = index.fileWritten(file("A.java", "a2"));
        index.fileRemoved("C.java");

        // The listing was taken before those changes: it still shows A's and C's old chunks.
        SemanticIndex.Work reconciled = index.reconcile(List.of(
                chunk("A.java", "a"), chunk("B.java", "b"), chunk("C.java", "c")));

        assertEquals(List.of("B.java#b"), reconciled.embed().stream().map(Job::chunkId).toList());
        assertEquals(2, index.pendingCount(), "A's new chunk and B's chunk");
        index.accept(embedded(rewritten.embed()));
        index.accept(embedded(reconciled.embed()));
        index.publish();
        assertEquals(2, index.published().size());
        // B was adopted with its ids, so removing it later drops its vector.
        index.fileRemoved("B.java");
        index.publish();
        assertEquals(1, index.published().size());
    }
}
