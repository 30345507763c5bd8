package dev.quarry.index.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.embed.Embedder;
import dev.quarry.embed.OnnxEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Recall of the graph against exact search on real BGE embeddings: distinct source lines of the
 * evaluation corpora as documents, the evaluation queries as queries. Lines rather than whole
 * methods keep embedding (the slow part, on 2 cores) to seconds.
 */
class RealEmbeddingRecallTest {

    private static final Path EVAL = dev.quarry.SharedData.eval();
    private static final List<String> DATASETS = List.of("java-commons-lang3", "python-stdlib-a");
    private static final int DOCUMENTS = 2500;
    private static final int QUERIES_PER_DATASET = 100;

    @Test
    void graphFindsWhatExactSearchFinds() throws Exception {
        List<String> lines = sourceLines();
        List<String> queries = queries();
        Map<String, float[]> vectors = new LinkedHashMap<>();
        List<float[]> queryVectors;
        long start = System.nanoTime();
        ForkJoinPool pool = new ForkJoinPool(2);
        try (Embedder embedder = OnnxEmbedder.bgeSmall()) {
            List<float[]> documentVectors =
                    pool.submit(() -> lines.parallelStream().map(embedder::embedDocument).toList()).get();
            for (int i = 0; i < lines.size(); i++) {
                vectors.put("line-" + i, documentVectors.get(i));
            }
            queryVectors = pool.submit(() -> queries.parallelStream().map(embedder::embedQuery).toList()).get();
        } finally {
            pool.shutdown();
        }
        System.out.printf("embedded %d lines and %d queries in %d ms%n", lines.size(), queries.size(),
                (System.nanoTime() - start) / 1_000_000);

        VectorStore store = VectorStore.create(384);
        vectors.forEach(store::upsert);
        VectorView view = store.view();

        double recall = 0;
        for (float[] query : queryVectors) {
            recall += TestVectors.recall(TestVectors.exactTopK(vectors, query, 10), view.search(query, 10));
        }
        recall /= queryVectors.size();
        System.out.printf("recall@10 on %d real vectors: %.4f%n", vectors.size(), recall);
        assertTrue(recall >= 0.95, "recall@10 " + recall);
        assertEquals("line-7", view.search(vectors.get("line-7"), 1).get(0).chunkId());
    }

    /** Distinct, non-trivial source lines spread evenly over both corpora. */
    private static List<String> sourceLines() throws IOException {
        Set<String> distinct = new LinkedHashSet<>();
        for (String dataset : DATASETS) {
            try (Stream<Path> files = Files.walk(EVAL.resolve(dataset).resolve("corpus"))) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    for (String line : Files.readAllLines(file)) {
                        String trimmed = line.strip();
                        if (trimmed.length() >= 30 && trimmed.length() <= 160) {
                            distinct.add(trimmed);
                        }
                    }
                }
            }
        }
        List<String> all = new ArrayList<>(distinct);
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            picked.add(all.get((int) ((long) i * all.size() / DOCUMENTS)));
        }
        return picked;
    }

    private static List<String> queries() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> queries = new ArrayList<>();
        for (String dataset : DATASETS) {
            try (Stream<String> lines = Files.lines(EVAL.resolve(dataset).resolve("queries.jsonl"))) {
                lines.limit(QUERIES_PER_DATASET).forEach(line -> {
                    try {
                        queries.add(json.readTree(line).get("query").asText());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return queries;
    }
}
