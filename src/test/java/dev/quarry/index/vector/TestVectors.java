package dev.quarry.index.vector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/** Synthetic vectors and the exact answers to compare the graph with. */
final class TestVectors {

    private TestVectors() {}

    /**
     * Unit vectors around {@code clusters} random centres, like embeddings of related code: each is
     * its centre plus Gaussian noise of {@code spread} per dimension, normalised.
     */
    static List<float[]> clustered(int count, int dims, int clusters, double spread, long seed) {
        Random random = new Random(seed);
        List<float[]> centres = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            centres.add(normalise(gaussian(random, dims, 1.0)));
        }
        List<float[]> vectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] centre = centres.get(random.nextInt(clusters));
            float[] noise = gaussian(random, dims, spread);
            for (int d = 0; d < dims; d++) {
                noise[d] += centre[d];
            }
            vectors.add(normalise(noise));
        }
        return vectors;
    }

    static float[] random(Random random, int dims) {
        return normalise(gaussian(random, dims, 1.0));
    }

    /** Ids of the {@code k} vectors with the highest dot product with {@code query}, best first. */
    static List<String> exactTopK(Map<String, float[]> vectors, float[] query, int k) {
        Comparator<Map.Entry<String, Double>> worstFirst = Comparator.comparingDouble(
                (Map.Entry<String, Double> e) -> e.getValue()).thenComparing(Map.Entry::getKey, Comparator.reverseOrder());
        PriorityQueue<Map.Entry<String, Double>> best = new PriorityQueue<>(worstFirst);
        for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
            best.add(Map.entry(entry.getKey(), dot(entry.getValue(), query)));
            if (best.size() > k) {
                best.poll();
            }
        }
        List<String> ids = new ArrayList<>();
        while (!best.isEmpty()) {
            ids.add(0, best.poll().getKey());
        }
        return ids;
    }

    /** Share of {@code exact} found in {@code found}. */
    static double recall(List<String> exact, List<VectorHit> found) {
        Set<String> foundIds = new HashSet<>();
        found.forEach(hit -> foundIds.add(hit.chunkId()));
        return exact.stream().filter(foundIds::contains).count() / (double) exact.size();
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static String id(int i) {
        return "chunk-" + i;
    }

    private static float[] gaussian(Random random, int dims, double sigma) {
        float[] vector = new float[dims];
        for (int d = 0; d < dims; d++) {
            vector[d] = (float) (random.nextGaussian() * sigma);
        }
        return vector;
    }

    private static float[] normalise(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        for (int d = 0; d < vector.length; d++) {
            vector[d] /= (float) norm;
        }
        return vector;
    }
}
