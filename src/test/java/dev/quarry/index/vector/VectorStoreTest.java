package dev.quarry.index.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class VectorStoreTest {

    private static final int DIMS = 384;

    @Test
    void findsTheClosestVectorsWithCosineScores() {
        VectorStore store = VectorStore.create(DIMS);
        Map<String, float[]> vectors = fill(store, 500, 1);

        float[] query = vectors.get(TestVectors.id(42));
        List<VectorHit> hits = store.view().search(query, 10);

        assertEquals(10, hits.size());
        assertEquals(TestVectors.id(42), hits.get(0).chunkId());
        assertEquals(1.0f, hits.get(0).score(), 1e-5f);
        assertEquals(TestVectors.exactTopK(vectors, query, 10), hits.stream().map(VectorHit::chunkId).toList());
        for (int i = 1; i < hits.size(); i++) {
            assertTrue(hits.get(i - 1).score() >= hits.get(i).score(), "hits are best first");
        }
    }

    @Test
    void storesVectorsAtUnitLength() {
        VectorStore store = VectorStore.create(3);
        store.upsert("long", new float[] {3, 0, 4});
        store.upsert("other", new float[] {0, 1, 0});

        List<VectorHit> hits = store.view().search(new float[] {0.6f, 0, 0.8f}, 1);

        assertEquals("long", hits.get(0).chunkId());
        assertEquals(1.0f, hits.get(0).score(), 1e-6f);
    }

    @Test
    void rejectsUnusableVectorsNamingTheChunk() {
        VectorStore store = VectorStore.create(4);
        float[] nan = {1, Float.NaN, 0, 0};
        float[] infinite = {1, 0, Float.POSITIVE_INFINITY, 0};

        assertRejected(store, "c-short", new float[] {1, 0, 0}, "3 dimensions, expected 4");
        assertRejected(store, "c-nan", nan, "non-finite value (NaN) at index 1");
        assertRejected(store, "c-inf", infinite, "non-finite value (Infinity) at index 2");
        assertRejected(store, "c-zero", new float[4], "no usable length");
        assertRejected(store, "c-null", null, "is null");
        assertThrows(IllegalArgumentException.class, () -> store.upsert("", new float[] {1, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> store.upsert("x".repeat(70_000), new float[] {1, 0, 0, 0}));

        assertEquals(0, store.size());
        assertEquals(0, store.view().size());
    }

    @Test
    void rejectsUnusableQueries() {
        VectorStore store = VectorStore.create(4);
        store.upsert("a", new float[] {1, 0, 0, 0});
        VectorView view = store.view();

        assertThrows(IllegalArgumentException.class, () -> view.search(new float[] {1, 0}, 5));
        assertThrows(IllegalArgumentException.class, () -> view.search(new float[] {Float.NaN, 0, 0, 0}, 5));
        assertThrows(IllegalArgumentException.class, () -> view.search(new float[4], 5));
        assertThrows(IllegalArgumentException.class, () -> view.search(new float[] {1, 0, 0, 0}, 0));
    }

    @Test
    void tracksMembership() {
        VectorStore store = VectorStore.create(4);
        store.upsert("a", new float[] {1, 0, 0, 0});
        store.upsert("b", new float[] {0, 1, 0, 0});
        store.upsert("a", new float[] {0, 0, 1, 0});

        assertEquals(2, store.size());
        assertTrue(store.contains("a"));
        assertTrue(store.remove("a"));
        assertFalse(store.remove("a"));
        assertFalse(store.contains("a"));
        assertEquals(1, store.size());
        assertEquals(List.of("b"), store.view().search(new float[] {0, 0, 1, 0}, 5).stream()
                .map(VectorHit::chunkId).toList());
    }

    @Test
    void republishesOnlyAfterAChange() {
        VectorStore store = VectorStore.create(4);
        store.upsert("a", new float[] {1, 0, 0, 0});
        VectorView first = store.view();

        assertSame(first, store.view());
        store.upsert("a", new float[] {2, 0, 0, 0}); // same direction: nothing to do
        store.remove("absent");
        assertSame(first, store.view());

        store.upsert("a", new float[] {0, 1, 0, 0});
        assertNotSame(first, store.view());
    }

    @Test
    void viewIgnoresLaterUpsertsRemovalsAndReplacements() {
        VectorStore store = VectorStore.create(DIMS);
        Map<String, float[]> vectors = fill(store, 300, 2);
        VectorView before = store.view();
        float[] removedVector = vectors.get(TestVectors.id(7));
        float[] replacedVector = vectors.get(TestVectors.id(8));

        store.upsert("newcomer", removedVector);
        store.remove(TestVectors.id(7));
        store.upsert(TestVectors.id(8), TestVectors.random(new Random(99), DIMS));
        VectorView after = store.view();

        assertEquals(300, before.size());
        assertEquals(TestVectors.id(7), before.search(removedVector, 1).get(0).chunkId());
        assertFalse(ids(before.search(removedVector, 20)).contains("newcomer"));
        assertEquals(TestVectors.id(8), before.search(replacedVector, 1).get(0).chunkId());
        assertEquals(1.0f, before.search(replacedVector, 1).get(0).score(), 1e-5f);

        assertEquals(300, after.size());
        assertEquals("newcomer", after.search(removedVector, 1).get(0).chunkId());
        assertFalse(ids(after.search(removedVector, 50)).contains(TestVectors.id(7)));
        assertFalse(ids(after.search(replacedVector, 1)).contains(TestVectors.id(8)));
    }

    @Test
    void oldViewStaysCorrectWhileTheWriterKeepsGoing() throws Exception {
        VectorStore store = VectorStore.create(DIMS);
        Map<String, float[]> vectors = fill(store, 1000, 3);
        VectorView view = store.view();
        Set<String> visible = new HashSet<>(vectors.keySet());
        AtomicBoolean writing = new AtomicBoolean(true);

        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> searches = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                searches.add(readers.submit(() -> {
                    int rounds = 0;
                    do {
                        for (int i = 0; i < 1000; i += 37) {
                            List<VectorHit> hits = view.search(vectors.get(TestVectors.id(i)), 10);
                            assertEquals(TestVectors.id(i), hits.get(0).chunkId());
                            assertEquals(10, hits.size());
                            hits.forEach(hit -> assertTrue(visible.contains(hit.chunkId()), hit.chunkId()));
                        }
                        rounds++;
                    } while (writing.get());
                    return rounds;
                }));
            }
            Random random = new Random(4);
            for (int batch = 0; batch < 20; batch++) {
                for (int i = 0; i < 100; i++) {
                    // Near-duplicates of visible vectors, so they compete for the same neighbour lists.
                    float[] near = vectors.get(TestVectors.id(random.nextInt(1000))).clone();
                    near[random.nextInt(DIMS)] += 0.05f;
                    store.upsert("late-" + batch + "-" + i, near);
                }
                store.remove(TestVectors.id(batch * 37));
                store.view();
            }
            writing.set(false);
            for (Future<Integer> search : searches) {
                assertTrue(search.get() > 0);
            }
        } finally {
            readers.shutdownNow();
        }
        assertEquals(1000, view.size());
    }

    @Test
    void compactionRenumbersWithoutDisturbingOlderViews() {
        VectorStore store = VectorStore.create(DIMS);
        List<float[]> clustered = TestVectors.clustered(3020, DIMS, 30, 0.04, 5);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (int i = 0; i < 3000; i++) {
            vectors.put(TestVectors.id(i), clustered.get(i));
            store.upsert(TestVectors.id(i), clustered.get(i));
        }
        VectorView before = store.view();

        Map<String, float[]> kept = new LinkedHashMap<>();
        for (int i = 0; i < 3000; i++) {
            if (i % 5 < 2) {
                kept.put(TestVectors.id(i), vectors.get(TestVectors.id(i)));
            } else {
                store.remove(TestVectors.id(i));
            }
        }
        VectorView after = store.view(); // 1800 dead of 3000 ordinals: compacts

        assertEquals(1200, after.size());
        assertEquals(1200, after.ordinals(), "dead ordinals dropped");
        double recallAfter = 0;
        double recallBefore = 0;
        for (int q = 0; q < 20; q++) {
            float[] query = clustered.get(3000 + q);
            recallAfter += TestVectors.recall(TestVectors.exactTopK(kept, query, 10), after.search(query, 10)) / 20;
            recallBefore += TestVectors.recall(TestVectors.exactTopK(vectors, query, 10), before.search(query, 10)) / 20;
        }
        assertTrue(recallAfter >= 0.95, "recall after compaction " + recallAfter);
        assertTrue(recallBefore >= 0.95, "recall of the pre-compaction view " + recallBefore);
        store.upsert("fresh", vectors.get(TestVectors.id(4)));
        assertEquals("fresh", store.view().search(vectors.get(TestVectors.id(4)), 1).get(0).chunkId());
    }

    @Test
    void emptyStoreFindsNothing() {
        VectorView view = VectorStore.create(4).view();
        assertEquals(List.of(), view.search(new float[] {1, 0, 0, 0}, 3));
        assertEquals(0, view.size());
    }

    private static void assertRejected(VectorStore store, String chunkId, float[] vector, String reason) {
        var e = assertThrows(IllegalArgumentException.class, () -> store.upsert(chunkId, vector));
        assertTrue(e.getMessage().contains(chunkId), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    /** Upserts {@code count} random unit vectors under {@link TestVectors#id}. */
    static Map<String, float[]> fill(VectorStore store, int count, long seed) {
        Random random = new Random(seed);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            float[] vector = TestVectors.random(random, store.dimensions());
            vectors.put(TestVectors.id(i), vector);
            store.upsert(TestVectors.id(i), vector);
        }
        return vectors;
    }

    private static List<String> ids(List<VectorHit> hits) {
        return hits.stream().map(VectorHit::chunkId).toList();
    }
}
