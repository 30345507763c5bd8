package dev.quarry.index.vector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recall at a realistic index size, on synthetic clustered vectors (real ones take too long to embed). */
class VectorRecallTest {

    private static final int DIMS = 384;
    private static final int VECTORS = 20_000;
    private static final int QUERIES = 100;

    @Test
    void recallAtTenMatchesExactSearchOnTwentyThousandVectors() {
        List<float[]> all = TestVectors.clustered(VECTORS + QUERIES, DIMS, VECTORS / 100, 0.06, 20);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        VectorStore store = VectorStore.create(DIMS);
        for (int i = 0; i < VECTORS; i++) {
            vectors.put(TestVectors.id(i), all.get(i));
            store.upsert(TestVectors.id(i), all.get(i));
        }
        long start = System.nanoTime();
        VectorView view = store.view();
        long buildMs = (System.nanoTime() - start) / 1_000_000;

        double recall = 0;
        for (float[] query : all.subList(VECTORS, VECTORS + QUERIES)) {
            recall += TestVectors.recall(TestVectors.exactTopK(vectors, query, 10), view.search(query, 10));
        }
        recall /= QUERIES;
        System.out.printf("%d vectors: graph built in %d ms, recall@10 %.4f%n", VECTORS, buildMs, recall);
        assertTrue(recall >= 0.95, "recall@10 " + recall);
    }
}
