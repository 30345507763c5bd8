package dev.quarry.index.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build, query, write and load costs at index scale; minutes of CPU, so only run on request:
 * {@code ./mvnw -o test -Dtest=VectorBenchmarkTest -Dquarry.bench=true [-Dquarry.bench.sizes=20000,100000]}.
 * Results go to the test's output file under target/surefire-reports.
 */
@EnabledIfSystemProperty(named = "quarry.bench", matches = "true")
class VectorBenchmarkTest {

    private static final int DIMS = 384;
    private static final int QUERIES = 1000;
    private static final int RECALL_QUERIES = 200;
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Test
    void measure(@TempDir Path temp) throws IOException {
        for (String size : System.getProperty("quarry.bench.sizes", "20000,100000").split(",")) {
            measure(Integer.parseInt(size.trim()), temp.resolve("n" + size.trim()));
        }
    }

    private static void measure(int n, Path dir) throws IOException {
        List<float[]> all = TestVectors.clustered(n + QUERIES, DIMS, Math.max(1, n / 100), 0.04, n);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        VectorStore store = VectorStore.create(DIMS);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            vectors.put(TestVectors.id(i), all.get(i));
            store.upsert(TestVectors.id(i), all.get(i));
        }
        long appended = System.nanoTime();
        long cpu = CPU.getProcessCpuTime();
        VectorView view = store.view();
        long built = System.nanoTime();
        // CPU time too: the machine is shared, so wall time alone says little.
        report(n, "upsert %d ms, graph build (view) %d ms wall, %d ms CPU", ms(appended - start),
                ms(built - appended), ms(CPU.getProcessCpuTime() - cpu));

        List<float[]> queries = all.subList(n, n + QUERIES);
        for (float[] query : queries.subList(0, 200)) {
            view.search(query, 10);
        }
        long[] nanos = new long[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            long t = System.nanoTime();
            view.search(queries.get(q), 10);
            nanos[q] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        report(n, "query k=10: p50 %.3f ms, p99 %.3f ms", nanos[QUERIES / 2] / 1e6, nanos[QUERIES * 99 / 100] / 1e6);

        double recall = recall(view, vectors, queries.subList(0, RECALL_QUERIES));
        report(n, "recall@10 vs exact: %.4f", recall);

        long writeStart = System.nanoTime();
        view.writeTo(dir);
        long written = System.nanoTime();
        VectorStore loaded = VectorStore.readFrom(dir);
        long read = System.nanoTime();
        report(n, "write %d ms (%.1f MB), load %d ms", ms(written - writeStart), bytes(dir) / 1e6, ms(read - written));
        double loadedRecall = recall(loaded.view(), vectors, queries.subList(0, RECALL_QUERIES));
        report(n, "recall@10 after load: %.4f", loadedRecall);
        assertEquals(n, loaded.size());
    }

    private static double recall(VectorView view, Map<String, float[]> vectors, List<float[]> queries) {
        double sum = 0;
        for (float[] query : queries) {
            sum += TestVectors.recall(TestVectors.exactTopK(vectors, query, 10), view.search(query, 10));
        }
        return sum / queries.size();
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void report(int n, String format, Object... args) {
        System.out.printf("[n=%d] %s%n", n, String.format(format, args));
    }
}
