package dev.quarry.embed;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Hand-run measurement, not a test: embeds ~300 method chunks of commons-lang3 with 1 and 2
 * workers at token limits 256 and 512, times query embedding, and checks retrieval quality of the
 * eval queries whose target method is among the chunks. Run with
 * {@code ./mvnw -o -q test -Dtest=EmbeddingThroughputBench -Dquarry.bench=true}; results are in
 * target/surefire-reports/dev.quarry.embed.EmbeddingThroughputBench-output.txt.
 */
@EnabledIfSystemProperty(named = "quarry.bench", matches = "true")
class EmbeddingThroughputBench {

    private static final Path EVAL = dev.quarry.SharedData.eval().resolve("java-commons-lang3");
    private static final int CHUNKS = 300;
    private static final int LONG_CHUNKS = 60;

    record MethodChunk(String path, int startLine, int endLine, String text) {}

    record EvalQuery(String query, String path, int line) {}

    @Test
    void measure() throws Exception {
        assumeTrue(Files.isDirectory(EVAL.resolve("corpus")), "eval corpus missing: " + EVAL);
        List<MethodChunk> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(EVAL.resolve("corpus"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                all.addAll(MethodSplitter.split(EVAL.resolve("corpus").relativize(file).toString(), Files.readString(file)));
            }
        }
        List<EvalQuery> queries = queries();
        List<MethodChunk> pool = pool(all, queries);
        List<EvalQuery> answerable = queries.stream().filter(q -> target(pool, q) >= 0).toList();
        System.out.printf("corpus: %d method chunks; pool %d chunks; %d answerable queries; %d cores%n",
                all.size(), pool.size(), answerable.size(), Runtime.getRuntime().availableProcessors());

        List<MethodChunk> longest;
        List<EvalQuery> longAnswerable;
        try (OnnxEmbedder counter = OnnxEmbedder.bgeSmall(512)) {
            Map<MethodChunk, Integer> tokens = new HashMap<>();
            all.forEach(chunk -> tokens.put(chunk, counter.documentTokens(chunk.text())));
            tokenStats(tokens.values());
            longest = all.stream().sorted(Comparator.comparing(tokens::get).reversed()).limit(LONG_CHUNKS).toList();
            longAnswerable = answerable.stream().filter(q -> tokens.get(pool.get(target(pool, q))) > 256).toList();
        }

        for (int maxTokens : new int[] {256, 384, 512}) {
            try (OnnxEmbedder embedder = OnnxEmbedder.bgeSmall(maxTokens)) {
                embedAll(embedder, pool.subList(0, 30), 2, new LongAdder());
                float[][] vectors = null;
                for (int workers : new int[] {1, 2}) {
                    vectors = timed("max " + maxTokens + " tokens, " + workers + " worker(s), method pool", embedder, pool, workers);
                }
                timed("max " + maxTokens + " tokens, 2 workers, " + LONG_CHUNKS + " longest methods", embedder, longest, 2);
                queryLatency(embedder, answerable);
                quality("all answerable queries", embedder, pool, vectors, answerable);
                quality("queries whose target exceeds 256 tokens", embedder, pool, vectors, longAnswerable);
            }
        }
    }

    /**
     * Wall-clock rate (best of two runs) and CPU time per chunk. The two cores are shared with other
     * work, so wall time is noisy; the embedding thread's CPU time is the stable cost measure (ORT
     * runs single-threaded on the calling thread).
     */
    private static float[][] timed(String label, Embedder embedder, List<MethodChunk> chunks, int workers) throws Exception {
        double best = Double.MAX_VALUE;
        LongAdder cpuNanos = new LongAdder();
        float[][] vectors = null;
        for (int run = 0; run < 2; run++) {
            long start = System.nanoTime();
            vectors = embedAll(embedder, chunks, workers, cpuNanos);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("%s: %.1f chunks/s wall, %.1f ms CPU per chunk%n",
                label, chunks.size() / best, cpuNanos.sum() / 1e6 / (2.0 * chunks.size()));
        return vectors;
    }

    private static float[][] embedAll(Embedder embedder, List<MethodChunk> chunks, int workers, LongAdder cpuNanos)
            throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<float[]>> futures = new ArrayList<>();
            for (MethodChunk chunk : chunks) {
                futures.add(pool.submit(() -> {
                    long start = threads.getCurrentThreadCpuTime();
                    float[] vector = embedder.embedDocument(chunk.text());
                    cpuNanos.add(threads.getCurrentThreadCpuTime() - start);
                    return vector;
                }));
            }
            float[][] vectors = new float[chunks.size()][];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = futures.get(i).get();
            }
            return vectors;
        }
    }

    private static void tokenStats(Collection<Integer> counts) {
        int[] tokens = counts.stream().mapToInt(Integer::intValue).sorted().toArray();
        long over256 = Arrays.stream(tokens).filter(t -> t > 256).count();
        long at512 = Arrays.stream(tokens).filter(t -> t >= 512).count();
        System.out.printf("tokens per method (all %d): median %d, p90 %d, p99 %d; %.1f%% longer than 256, %.1f%% cut at 512%n",
                tokens.length, tokens[tokens.length / 2], tokens[tokens.length * 9 / 10], tokens[tokens.length * 99 / 100],
                100.0 * over256 / tokens.length, 100.0 * at512 / tokens.length);
    }

    private static void queryLatency(Embedder embedder, List<EvalQuery> queries) {
        long[] nanos = new long[queries.size()];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            embedder.embedQuery(queries.get(i).query());
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("  query embedding: p50 %.1f ms, p95 %.1f ms%n",
                nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 95 / 100] / 1e6);
    }

    private static void quality(String label, Embedder embedder, List<MethodChunk> pool, float[][] vectors,
            List<EvalQuery> queries) {
        int top1 = 0;
        int top10 = 0;
        double reciprocal = 0;
        for (EvalQuery query : queries) {
            float[] q = embedder.embedQuery(query.query());
            double targetScore = OnnxEmbedderTest.dot(q, vectors[target(pool, query)]);
            int rank = 1;
            for (float[] vector : vectors) {
                if (OnnxEmbedderTest.dot(q, vector) > targetScore) {
                    rank++;
                }
            }
            top1 += rank == 1 ? 1 : 0;
            top10 += rank <= 10 ? 1 : 0;
            reciprocal += rank <= 10 ? 1.0 / rank : 0;
        }
        System.out.printf("  retrieval over the pool, %s (%d): recall@1 %.2f, recall@10 %.2f, MRR@10 %.3f%n",
                label, queries.size(), top1 / (double) queries.size(), top10 / (double) queries.size(), reciprocal / queries.size());
    }

    private static int target(List<MethodChunk> pool, EvalQuery query) {
        for (int i = 0; i < pool.size(); i++) {
            MethodChunk chunk = pool.get(i);
            if (chunk.path().equals(query.path()) && chunk.startLine() <= query.line() && query.line() <= chunk.endLine()) {
                return i;
            }
        }
        return -1;
    }

    /** Half the pool is targets of eval queries (so quality can be scored), half random methods. */
    private static List<MethodChunk> pool(List<MethodChunk> all, List<EvalQuery> queries) {
        Set<MethodChunk> pool = new LinkedHashSet<>();
        for (EvalQuery query : queries) {
            int target = target(all, query);
            if (target >= 0 && pool.size() < CHUNKS / 2) {
                pool.add(all.get(target));
            }
        }
        List<MethodChunk> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(42));
        for (MethodChunk chunk : shuffled) {
            if (pool.size() == CHUNKS) {
                break;
            }
            pool.add(chunk);
        }
        List<MethodChunk> list = new ArrayList<>(pool);
        Collections.shuffle(list, new Random(7));
        return list;
    }

    private static List<EvalQuery> queries() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<EvalQuery> queries = new ArrayList<>();
        for (String line : Files.readAllLines(EVAL.resolve("queries.jsonl"))) {
            JsonNode node = json.readTree(line);
            JsonNode target = node.get("targets").get(0);
            queries.add(new EvalQuery(node.get("query").asText(), target.get("path").asText(), target.get("line").asInt()));
        }
        return queries;
    }

    /**
     * Rough method extraction by brace depth (skipping strings, chars and comments): enough to get
     * realistic method-sized inputs without depending on the ingest stage's parser.
     */
    static final class MethodSplitter {
        private MethodSplitter() {}

        static List<MethodChunk> split(String path, String source) {
            List<MethodChunk> chunks = new ArrayList<>();
            String[] lines = source.split("\n", -1);
            List<Boolean> typeBlocks = new ArrayList<>();
            StringBuilder header = new StringBuilder();
            int methodDepth = -1;
            int methodStart = 0;
            int headerLine = 0;
            boolean blockComment = false;
            boolean headerStarted = false;
            for (int ln = 0; ln < lines.length; ln++) {
                String line = lines[ln];
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (blockComment) {
                        if (c == '*' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                            blockComment = false;
                            i++;
                        }
                        continue;
                    }
                    if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                        break;
                    }
                    if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '*') {
                        blockComment = true;
                        i++;
                        continue;
                    }
                    if (c == '"' || c == '\'') {
                        i = skipLiteral(line, i);
                        header.append('x');
                        continue;
                    }
                    if (!headerStarted && !Character.isWhitespace(c)) {
                        headerStarted = true;
                        headerLine = ln;
                    }
                    if (c == '{') {
                        String h = header.toString();
                        boolean type = h.matches("(?s).*\\b(class|interface|enum|record)\\b.*");
                        boolean inType = !typeBlocks.isEmpty() && typeBlocks.getLast();
                        if (methodDepth < 0 && inType && !type && h.contains("(")) {
                            methodDepth = typeBlocks.size();
                            methodStart = headerLine;
                        }
                        typeBlocks.add(type);
                        header.setLength(0);
                        headerStarted = false;
                    } else if (c == '}') {
                        typeBlocks.removeLast();
                        header.setLength(0);
                        headerStarted = false;
                        if (typeBlocks.size() == methodDepth) {
                            String text = String.join("\n", Arrays.copyOfRange(lines, methodStart, ln + 1)).strip();
                            chunks.add(new MethodChunk(path, methodStart + 1, ln + 1, text));
                            methodDepth = -1;
                        }
                    } else if (c == ';') {
                        header.setLength(0);
                        headerStarted = false;
                    } else {
                        header.append(c);
                    }
                }
                header.append(' ');
            }
            return chunks;
        }

        private static int skipLiteral(String line, int open) {
            char quote = line.charAt(open);
            for (int i = open + 1; i < line.length(); i++) {
                if (line.charAt(i) == '\\') {
                    i++;
                } else if (line.charAt(i) == quote) {
                    return i;
                }
            }
            return line.length();
        }
    }
}
