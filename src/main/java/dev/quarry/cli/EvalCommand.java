package dev.quarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.api.IndexedHit;
import dev.quarry.api.QuarryConfig;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexingProgress;
import dev.quarry.search.SearchHit;
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
 * prints what {@code score.py} says about it.
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

    @Override
    public Integer call() throws Exception {
        Path corpus = dataset.resolve("corpus").toRealPath();
        Path queryFile = queries != null ? queries : dataset.resolve("queries.jsonl");
        Path scratch = dataDir != null ? dataDir : Files.createTempDirectory("quarry-eval");
        Path results = out != null ? out : scratch.resolve("results.jsonl");
        List<JsonNode> lines = readQueries(queryFile);

        // In this process, on the scratch directory: an eval never touches the daemon or its indexes.
        try (QuarryClient quarry = new LocalClient(QuarryConfig.withDataDir(scratch))) {
            IndexSpec spec = quarry.ensureIndex(new IndexSpec("eval", corpus.toString(), IndexOptions.defaults()));
            long started = System.nanoTime();
            IndexingProgress indexed = quarry.reindex(spec.id(), false, p -> {});
            System.err.printf("indexed %d files, %d chunks in %.1fs%n", indexed.filesWalked(), indexed.chunksWritten(),
                    (System.nanoTime() - started) / 1e9);
            long searchNanos = 0;
            try (BufferedWriter writer = Files.newBufferedWriter(results, StandardCharsets.UTF_8)) {
                for (JsonNode query : lines) {
                    long t0 = System.nanoTime();
                    SearchOutcome reply = quarry.search(List.of(spec.id()),
                            new SearchRequest(query.get("query").asText(), 10, mode, null, null).validated());
                    searchNanos += System.nanoTime() - t0;
                    writer.write(JSON.writeValueAsString(resultLine(query.get("id"), reply)));
                    writer.newLine();
                }
            }
            System.err.printf("%d queries, mean %.2f ms per search; results in %s%n",
                    lines.size(), searchNanos / 1e6 / Math.max(1, lines.size()), results);
        }
        return score(queryFile, results);
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

    private static Map<String, Object> resultLine(JsonNode id, SearchOutcome reply) {
        if (!reply.problems().isEmpty()) {
            throw new IllegalStateException("search failed during eval: " + reply.problems());
        }
        List<Map<String, Object>> hits = new ArrayList<>();
        for (IndexedHit indexed : reply.hits()) {
            SearchHit hit = indexed.hit();
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
