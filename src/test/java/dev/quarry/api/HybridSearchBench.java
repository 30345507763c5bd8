package dev.quarry.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Hand-run measurement, not a test: hybrid indexing throughput and search latency on a real tree.
 * Indexes {@code -Dcorpus=DIR} into {@code -Ddata=DIR} with the embedding cache in {@code -Dcache=DIR}
 * (empty it to measure embedding from scratch), reports when the tree became lexically searchable
 * and when semantic coverage reached 100%, then times the eval sets' queries in every mode. Run with
 * {@code ./mvnw -o -q test -Dtest=HybridSearchBench -Dquarry.bench=true -Dcorpus=... -Ddata=... -Dcache=...};
 * output in target/surefire-reports/dev.quarry.api.HybridSearchBench-output.txt.
 */
@EnabledIfSystemProperty(named = "quarry.bench", matches = "true")
class HybridSearchBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void measure() throws Exception {
        Path corpus = Path.of(System.getProperty("corpus"));
        QuarryConfig config = QuarryConfig.from(ConfigFactory.parseMap(Map.of(
                        "quarry.data-dir", System.getProperty("data"),
                        "quarry.semantic.cache-dir", System.getProperty("cache"),
                        "quarry.semantic.niceness", Integer.getInteger("niceness", 10)))
                .withFallback(ConfigFactory.load()));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (QuarryNode node = QuarryNode.start(config)) {
            node.register(new IndexSpec("bench", corpus.toString(), IndexOptions.defaults())).toCompletableFuture().join();
            node.awaitLoaded("bench", Duration.ofMinutes(5)).toCompletableFuture().join();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            IndexingProgress walk = node.reindex("bench", false, p -> {}).toCompletableFuture().join();
            double lexicalSeconds = (System.nanoTime() - t0) / 1e9;
            double lexicalCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            System.out.printf("lexical: %d files, %d chunks searchable after %.1f s (%.1f CPU-s)%n",
                    walk.filesChanged(), walk.chunksWritten(), lexicalSeconds, lexicalCpu);
            IndexStatus status = awaitCoverage(node);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            System.out.printf("hybrid: %d chunks embedded after %.1f s end to end: %.0f chunks/s; %.1f CPU-s (%.1f ms CPU per chunk)%n",
                    status.semantic().embedded(), seconds, status.chunks() / seconds, cpu, cpu * 1000 / status.chunks());

            List<String> queries = queries();
            for (String mode : List.of("lexical", "semantic", "hybrid")) {
                for (String q : queries.subList(0, 50)) { // warm-up
                    node.search("bench", new SearchRequest(q, 10, mode, null, null)).toCompletableFuture().join();
                }
                long[] nanos = new long[queries.size()];
                long cpuStart = os.getProcessCpuTime();
                for (int i = 0; i < nanos.length; i++) {
                    long s = System.nanoTime();
                    SearchReply reply = node.search("bench", new SearchRequest(queries.get(i), 10, mode, null, null))
                            .toCompletableFuture().join();
                    nanos[i] = System.nanoTime() - s;
                    if (!(reply instanceof SearchReply.Results)) {
                        throw new IllegalStateException(reply.toString());
                    }
                }
                double cpuPer = (os.getProcessCpuTime() - cpuStart) / 1e6 / nanos.length;
                Arrays.sort(nanos);
                System.out.printf("%-8s %d queries: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms; %.1f ms CPU per query%n", mode,
                        nanos.length, nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 9 / 10] / 1e6,
                        nanos[nanos.length * 99 / 100] / 1e6, cpuPer);
            }
        }
    }

    private static IndexStatus awaitCoverage(QuarryNode node) throws InterruptedException {
        long last = 0;
        while (true) {
            IndexStatus status = node.status("bench").orElseThrow();
            if (status.semantic().complete()) {
                return status;
            }
            if (System.nanoTime() - last > 10_000_000_000L) {
                last = System.nanoTime();
                System.out.printf("  embedding: %.1f%% of %d%n", status.semantic().percent(), status.chunks());
            }
            Thread.sleep(100);
        }
    }

    private static List<String> queries() throws Exception {
        List<String> queries = new ArrayList<>();
        Path eval = dev.quarry.SharedData.eval();
        for (String file : List.of("java-commons-lang3/queries.jsonl", "python-stdlib-a/queries.jsonl",
                "java-commons-lang3/identifier-queries.jsonl")) {
            for (String line : Files.readAllLines(eval.resolve(file))) {
                if (!line.isBlank()) {
                    queries.add(JSON.readTree(line).get("query").asText());
                }
            }
        }
        return queries;
    }
}
