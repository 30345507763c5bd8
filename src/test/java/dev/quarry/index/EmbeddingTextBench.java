package dev.quarry.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.embed.CachingEmbedder;
import dev.quarry.embed.EmbeddingCache;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.Language;
import dev.quarry.ingest.chunk.ChunkerOptions;
import dev.quarry.ingest.chunk.SourceChunker;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Hand-run measurement, not a test: which text to embed per chunk. Chunks each eval corpus with the
 * real chunker, embeds every chunk as each variant of its text, and scores exact (brute-force)
 * cosine search of the eval queries the way score.py does (MRR@10, R@1, R@10). Run with
 * {@code ./mvnw -o -q test -Dtest=EmbeddingTextBench -Dquarry.bench=true [-Dvariants=raw,named]
 * [-DmaxTokens=256] [-Dcache=FILE]}; results in
 * target/surefire-reports/dev.quarry.index.EmbeddingTextBench-output.txt. Vectors are cached in
 * {@code -Dcache} (default /tmp/quarry-embedding-text-bench.cache), so reruns only cost the search.
 */
@EnabledIfSystemProperty(named = "quarry.bench", matches = "true")
class EmbeddingTextBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The candidates measured; {@code named} is what {@link EmbeddingText} does. */
    enum Variant {
        RAW(Chunk::text),
        NAMED(EmbeddingText::of),
        PATH_NAMED(c -> EmbeddingText.words(fileStem(c.path())) + " " + EmbeddingText.of(c)),
        OUTLINE(c -> EmbeddingText.words(c.symbol()) + "\n" + c.signature() + "\n" + identifierWords(c.text()));

        final Function<Chunk, String> text;

        Variant(Function<Chunk, String> text) {
            this.text = text;
        }
    }

    @Test
    void measure() throws Exception {
        int maxTokens = Integer.getInteger("maxTokens", OnnxEmbedder.BGE_DEFAULT_MAX_TOKENS);
        Path cacheFile = Path.of(System.getProperty("cache", "/tmp/quarry-embedding-text-bench-" + maxTokens + ".cache"));
        OnnxEmbedder model = OnnxEmbedder.bgeSmall(maxTokens);
        try (CachingEmbedder embedder = CachingEmbedder.of(model,
                EmbeddingCache.open(cacheFile, model.modelId(), model.dimensions()))) {
            for (String dataset : System.getProperty("datasets", "java-commons-lang3,python-stdlib-a").split(",")) {
                Path dir = dev.quarry.SharedData.eval().resolve(dataset);
                List<Chunk> chunks = chunks(dir.resolve("corpus"));
                List<JsonNode> queries = queries(dir.resolve("queries.jsonl"));
                ForkJoinPool pool = new ForkJoinPool(2);
                try {
                    List<float[]> queryVectors = pool.submit(() -> queries.parallelStream()
                            .map(q -> embedder.embedQuery(q.get("query").asText())).toList()).get();
                    for (String name : System.getProperty("variants", "raw,named,path_named,outline").split(",")) {
                        Variant variant = Variant.valueOf(name.trim().toUpperCase());
                        AtomicLong cpuNanos = new AtomicLong();
                        long inferredBefore = embedder.inferences();
                        List<float[]> vectors = pool.submit(() -> chunks.parallelStream().map(chunk -> {
                            long start = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                            float[] vector = embedder.embedDocument(variant.text.apply(chunk));
                            cpuNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - start);
                            return vector;
                        }).toList()).get();
                        long inferred = embedder.inferences() - inferredBefore;
                        double reciprocal = 0;
                        int top1 = 0;
                        int top10 = 0;
                        for (int q = 0; q < queries.size(); q++) {
                            int rank = rank(queries.get(q), chunks, vectors, queryVectors.get(q));
                            reciprocal += rank > 0 ? 1.0 / rank : 0;
                            top1 += rank == 1 ? 1 : 0;
                            top10 += rank > 0 ? 1 : 0;
                        }
                        System.out.printf("%s %-10s %d chunks (%d embedded now, %.1f ms CPU each): MRR@10 %.3f R@1 %.3f R@10 %.3f%n",
                                dataset, name, chunks.size(), inferred, inferred == 0 ? 0 : cpuNanos.get() / 1e6 / inferred,
                                reciprocal / queries.size(), top1 / (double) queries.size(), top10 / (double) queries.size());
                    }
                } finally {
                    pool.shutdown();
                }
            }
        }
    }

    /** Rank (1..10) of the first chunk that score.py would count as correct, or 0. */
    private static int rank(JsonNode query, List<Chunk> chunks, List<float[]> vectors, float[] q) {
        float[] scores = new float[chunks.size()];
        for (int i = 0; i < scores.length; i++) {
            float[] v = vectors.get(i);
            for (int d = 0; d < v.length; d++) {
                scores[i] += v[d] * q[d];
            }
        }
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        for (int r = 0; r < 10 && r < order.length; r++) {
            Chunk chunk = chunks.get(order[r]);
            for (JsonNode target : query.get("targets")) {
                int line = target.get("line").asInt();
                if (chunk.path().equals(target.get("path").asText()) && chunk.startLine() <= line && line <= chunk.endLine()
                        && chunk.endLine() - chunk.startLine() < 200) {
                    return r + 1;
                }
            }
        }
        return 0;
    }

    private static List<Chunk> chunks(Path corpus) throws Exception {
        SourceChunker chunker = SourceChunker.create(ChunkerOptions.defaults());
        List<Chunk> chunks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String path = corpus.relativize(file).toString();
                chunks.addAll(chunker.chunk(path, Language.forPath(path), Files.readString(file)));
            }
        }
        return chunks;
    }

    private static List<JsonNode> queries(Path file) throws Exception {
        List<JsonNode> queries = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                queries.add(JSON.readTree(line));
            }
        }
        return queries;
    }

    private static String fileStem(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static String identifierWords(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            words.add(EmbeddingText.words(m.group()));
        }
        return String.join(" ", words);
    }
}
