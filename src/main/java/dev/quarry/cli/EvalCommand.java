package dev.quarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.quarry.api.QuarryConfig;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.index.SemanticCoverage;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchMode;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Retrieval-quality run on a CodeSearchNet-style dataset (see shared/eval/README.md): indexes
 * {@code DIR/corpus} into a scratch data directory, answers every query, writes results.jsonl and
 * prints what {@code score.py} says about it. Semantic and hybrid runs first wait until every chunk
 * is embedded; the embedding cache lives outside the scratch directory, so a rerun never re-embeds.
 * Lexical runs index without the semantic lane, so background embedding cannot skew them.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Index an eval dataset's corpus, run its queries, write results.jsonl and score them.")
final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--dataset", required = true, description = "Dataset folder holding corpus/ and queries.jsonl.")
    Path dataset;

    @Option(names = "--queries", description = "Query file (default: DATASET/queries.jsonl).")
    Path queries;

    @Option(names = "--mode", description = "lexical, semantic or hybrid (default hybrid).")
    String mode;

    @Option(names = "--out", description = "Where to write results (default: results.jsonl in the scratch dir).")
    Path out;

    @Option(names = "--data-dir", description = "Scratch data directory (default: a new temp dir).")
    Path dataDir;

    @Option(names = "--scorer", description = "score.py to run (default: DATASET/../score.py).")
    Path scorer;

    @Option(names = "--embedding-cache", description = "Embedding cache directory, kept across runs "
            + "(default: quarry-eval-embeddings in the system temp dir).")
    Path embeddingCache;

    @Override
    public Integer call() throws Exception {
        Path corpus = dataset.resolve("corpus").toRealPath();
        Path queryFile = queries != null ? queries : dataset.resolve("queries.jsonl");
        Path scratch = dataDir != null ? dataDir : Files.createTempDirectory("quarry-eval");
        Path results = out != null ? out : scratch.resolve("results.jsonl");
        List<JsonNode> lines = readQueries(queryFile);
        boolean lexicalOnly = SearchMode.parse(mode) == SearchMode.LEXICAL;
        Path cache = embeddingCache != null ? embeddingCache
                : Path.of(System.getProperty("java.io.tmpdir"), "quarry-eval-embeddings");
        QuarryConfig config = QuarryConfig.from(ConfigFactory.parseMap(Map.of(
                        "quarry.data-dir", scratch.toAbsolutePath().toString(),
                        "quarry.semantic.cache-dir", cache.toAbsolutePath().toString(),
                        // The eval is all its process does and it waits on embedding: nothing to yield to.
                        "quarry.semantic.niceness", 0))
                .withFallback(ConfigFactory.load()));

        // In this process, on the scratch directory: an eval never touches the daemon or its indexes.
        try (LocalClient quarry = new LocalClient(config)) {
            IndexOptions indexOptions = new IndexOptions(lexicalOnly, List.of(), IndexOptions.DEFAULT_MAX_FILE_BYTES, false);
            IndexSpec spec = quarry.ensureIndex(new IndexSpec("eval", corpus.toString(), indexOptions));
            long started = System.nanoTime();
            IndexingProgress indexed = quarry.reindex(spec.id(), false, p -> {});
            System.err.printf("indexed %d files, %d chunks in %.1fs%n", indexed.filesWalked(), indexed.chunksWritten(),
                    (System.nanoTime() - started) / 1e9);
            if (!lexicalOnly) {
                awaitEmbedding(quarry, spec.id(), started);
            }
            long searchNanos = 0;
            Map<List<String>, Integer> lanes = new LinkedHashMap<>();
            try (BufferedWriter writer = Files.newBufferedWriter(results, StandardCharsets.UTF_8)) {
                for (JsonNode query : lines) {
                    long t0 = System.nanoTime();
                    SearchReply reply = quarry.searchOne(spec.id(),
                            new SearchRequest(query.get("query").asText(), 10, mode, null, null).validated());
                    searchNanos += System.nanoTime() - t0;
                    if (reply instanceof SearchReply.Results answered) {
                        lanes.merge(answered.lanes(), 1, Integer::sum);
                    }
                    writer.write(JSON.writeValueAsString(resultLine(query.get("id"), reply)));
                    writer.newLine();
                }
            }
            System.err.printf("%d queries, mean %.2f ms per search, lanes used %s; results in %s%n",
                    lines.size(), searchNanos / 1e6 / Math.max(1, lines.size()), lanes, results);
        }
        return score(queryFile, results);
    }

    /** Semantic numbers only mean something once every chunk has its vector. */
    private static void awaitEmbedding(QuarryClient quarry, String id, long started) throws InterruptedException {
        long lastReport = 0;
        while (true) {
            IndexStatus status = quarry.statuses().stream().filter(s -> s.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("index " + id + " disappeared"));
            SemanticCoverage coverage = status.semantic();
            if (coverage == null) {
                throw new IllegalStateException("index " + id + " has no semantic lane: it was created "
                        + "lexical-only in this data dir, or quarry.semantic.enabled is off");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (coverage.complete()) {
                System.err.printf("embedded %d chunks (%.1f%%) after %.1fs%s%n", coverage.embedded(), coverage.percent(),
                        seconds, coverage.failed() == 0 ? "" : "; " + coverage.failed() + " failed: " + status.lastError());
                return;
            }
            if (System.nanoTime() - lastReport > 2_000_000_000L) {
                lastReport = System.nanoTime();
                System.err.printf("embedding: %d of %d chunks (%.1f%%) after %.0fs%n",
                        coverage.embedded(), status.chunks(), coverage.percent(), seconds);
            }
            Thread.sleep(100);
        }
    }

    private static List<JsonNode> readQueries(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static Map<String, Object> resultLine(JsonNode id, SearchReply reply) {
        if (!(reply instanceof SearchReply.Results results)) {
            throw new IllegalStateException("search failed during eval: " + reply);
        }
        List<Map<String, Object>> hits = new ArrayList<>();
        for (SearchHit hit : results.hits()) {
            hits.add(Map.of("path", hit.path(), "start_line", hit.startLine(), "end_line", hit.endLine()));
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", id);
        line.put("hits", hits);
        return line;
    }

    private int score(Path queryFile, Path results) throws IOException, InterruptedException {
        Path script = scorer != null ? scorer : dataset.toAbsolutePath().getParent().resolve("score.py");
        if (!Files.exists(script)) {
            System.err.println("quarry: no scorer at " + script + "; results are in " + results);
            return 0;
        }
        Process process = new ProcessBuilder("python3", script.toString(), queryFile.toString(), results.toString())
                .inheritIO().start();
        return process.waitFor();
    }
}
