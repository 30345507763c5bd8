package dev.quarry.search.grep;

import dev.quarry.api.QuarryConfig;
import dev.quarry.api.QuarryNode;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexingProgress;
import dev.quarry.index.lucene.ChunkSchema;
import dev.quarry.index.lucene.FileRecord;
import dev.quarry.ingest.walk.FileWalker;
import dev.quarry.ingest.walk.ReadResult;
import dev.quarry.ingest.walk.SourceReader;
import dev.quarry.ingest.walk.WalkEntry;
import dev.quarry.ingest.walk.WalkOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * Hand-run benchmark, not a test (see docs/benchmarks.md for the commands and results):
 * <ul>
 *   <li>{@code index ROOT DATA}: indexes ROOT through a real {@link QuarryNode} and prints wall time and size;</li>
 *   <li>{@code cost ROOT TMP}: writes the file documents of ROOT twice, with and without the grep fields,
 *       on two threads, to isolate what text storage and trigrams add to build time and size;</li>
 *   <li>{@code query ROOT DATA}: p50/p99 of Quarry grep against {@code rg} on the same patterns, in the same
 *       run, and checks the per-file match counts agree on every file Quarry indexed.</li>
 * </ul>
 * <pre>java -Xmx8g -cp target/classes:target/test-classes:$(cat cp.txt) dev.quarry.search.grep.GrepBench query ROOT DATA</pre>
 */
public final class GrepBench {
    private static final String ID = "bench";

    private GrepBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: GrepBench index|cost|query ROOT DATA");
            System.exit(2);
        }
        Path root = Path.of(args[1]);
        Path data = Path.of(args[2]);
        switch (args[0]) {
            case "index" -> index(root, data);
            case "cost" -> cost(root, data);
            case "query" -> query(root, data);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.exit(0);
    }

    private static void index(Path root, Path data) throws Exception {
        try (QuarryNode node = QuarryNode.start(QuarryConfig.withDataDir(data))) {
            node.register(new IndexSpec(ID, root.toString(), IndexOptions.defaults())).toCompletableFuture().join();
            node.awaitLoaded(ID, Duration.ofMinutes(5)).toCompletableFuture().join();
            long started = System.nanoTime();
            IndexingProgress done = node.reindex(ID, true, p -> {}).toCompletableFuture().join();
            node.flush(ID).toCompletableFuture().join();
            System.out.printf("indexed %d files (%d chunks) in %.1f s; index %s%n", done.filesChanged(),
                    node.status(ID).orElseThrow().chunks(), (System.nanoTime() - started) / 1e9, size(data));
        }
    }

    private record Text(String path, String sha256, long size, String text) {}

    private static void cost(Path root, Path tmp) throws Exception {
        List<Text> texts = read(root);
        long bytes = texts.stream().mapToLong(Text::size).sum();
        System.out.printf("read %d files, %.0f MB%n", texts.size(), bytes / 1e6);
        for (int round = 0; round < 2; round++) {
            for (boolean grep : new boolean[] {false, true}) {
                Path dir = tmp.resolve((grep ? "with-grep-" : "without-grep-") + round);
                long started = System.nanoTime();
                write(dir, texts, grep);
                System.out.printf("round %d %s grep fields: %.1f s, %s%n", round, grep ? "with" : "without",
                        (System.nanoTime() - started) / 1e9, size(dir));
            }
        }
    }

    private static List<Text> read(Path root) {
        SourceReader reader = SourceReader.create(WalkOptions.defaults().maxFileBytes());
        List<Text> texts = new ArrayList<>();
        FileWalker.create(root, WalkOptions.defaults()).forEach((WalkEntry entry) -> {
            if (reader.read(entry) instanceof ReadResult.Text t) {
                texts.add(new Text(entry.relativePath(), t.sha256(), entry.size(), t.text()));
            }
        });
        return texts;
    }

    /** Two threads, like the index actor's parallel writes on this 2-core machine. */
    private static void write(Path dir, List<Text> texts, boolean grep) throws Exception {
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(dir),
                new IndexWriterConfig(ChunkSchema.analyzer()).setRAMBufferSizeMB(256))) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                List<Text> slice = texts.subList(t * texts.size() / 2, (t + 1) * texts.size() / 2);
                parts.add(pool.submit(() -> {
                    for (Text text : slice) {
                        FileRecord record = new FileRecord(text.path(), text.sha256(), text.size(), 0);
                        Document doc = grep ? ChunkSchema.fileDocument(record, text.text()) : ChunkSchema.fileDocument(record);
                        writer.addDocument(doc);
                    }
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
            pool.shutdown();
            writer.forceMerge(1);
            writer.commit();
        }
    }

    /** A benchmark case: ripgrep flags and the pattern. */
    private record Case(String kind, List<String> flags, String pattern) {}

    private static final List<Case> CASES = List.of(
            new Case("selective literal", List.of("-F"), "rcu_read_lock_bh_held"),
            new Case("selective literal", List.of("-F"), "iwl_trans_pcie_alloc"),
            new Case("selective literal", List.of("-F"), "EXPORT_SYMBOL_GPL(pci_iomap)"),
            new Case("common literal", List.of("-F"), "mutex_lock"),
            new Case("common literal", List.of("-F"), "return -EINVAL;"),
            new Case("common literal", List.of("-F"), "static int"),
            new Case("regex", List.of(), "mutex_(un)?lock\\(&[a-z_]+->lock\\)"),
            new Case("regex", List.of(), "kmalloc\\(.*GFP_KERNEL\\)"),
            new Case("regex", List.of(), "^\\s*#\\s*define\\s+\\w+_H$"),
            new Case("regex -i", List.of("-i"), "spinlock_t\\s+\\w+lock;"),
            new Case("regex -w", List.of("-w"), "[a-z]+_ops"),
            new Case("no literal", List.of(), "\\d{7,}"));

    private static void query(Path root, Path data) throws Exception {
        int runs = Integer.getInteger("runs", 20);
        int rgRuns = Integer.getInteger("rgRuns", 5);
        try (QuarryNode node = QuarryNode.start(QuarryConfig.withDataDir(data))) {
            node.awaitLoaded(ID, Duration.ofMinutes(5)).toCompletableFuture().join();
            Set<String> indexed = new HashSet<>(indexedPaths(node));
            System.out.printf("%d files indexed%n", indexed.size());
            System.out.println("| kind | pattern | files verified | matching lines | Quarry p50 | Quarry p99 | rg p50 | rg p99 | counts equal |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            String only = System.getProperty("only", ""); // comma-separated case numbers, 0-based
            System.out.println("load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim());
            for (int n = 0; n < CASES.size(); n++) {
                Case c = CASES.get(n);
                if (!only.isEmpty() && !Arrays.asList(only.split(",")).contains(Integer.toString(n))) {
                    continue;
                }
                GrepRequest request = new GrepRequest(c.pattern(), c.flags().contains("-F"), c.flags().contains("-i"),
                        c.flags().contains("-w"), false, false, true, 0, 0, List.of(), 0, GrepRequest.MAX_RESULTS);
                GrepReply.Results results = null;
                long[] quarry = new long[runs];
                for (int i = -2; i < runs; i++) {
                    long started = System.nanoTime();
                    results = (GrepReply.Results) node.grep(ID, request).toCompletableFuture().join();
                    if (i >= 0) {
                        quarry[i] = System.nanoTime() - started;
                    }
                }
                Map<String, Integer> ours = new HashMap<>();
                results.counts().forEach(fc -> ours.put(fc.path(), fc.count()));
                Map<String, Integer> theirs = new HashMap<>();
                long[] rg = new long[rgRuns];
                for (int i = 0; i < rgRuns; i++) {
                    long started = System.nanoTime();
                    theirs = rgCounts(root, c);
                    rg[i] = System.nanoTime() - started;
                }
                theirs.keySet().retainAll(indexed); // rg also searches files Quarry skips (too large, not UTF-8)
                System.out.printf("| %s | `%s%s` | %d | %d | %s | %s | %s | %s | %s |%n", c.kind(),
                        c.flags().isEmpty() ? "" : String.join(" ", c.flags()) + " ", c.pattern(), results.candidates(),
                        ours.values().stream().mapToInt(Integer::intValue).sum(),
                        ms(percentile(quarry, 50)), ms(percentile(quarry, 99)), ms(percentile(rg, 50)), ms(percentile(rg, 99)),
                        ours.equals(theirs) ? "yes" : "NO (rg " + theirs.values().stream().mapToInt(Integer::intValue).sum() + ")");
            }
        }
    }

    private static List<String> indexedPaths(QuarryNode node) {
        GrepReply.Results all = (GrepReply.Results) node.grep(ID, new GrepRequest("", false, false, false, false, true,
                false, 0, 0, List.of(), 0, GrepRequest.MAX_RESULTS)).toCompletableFuture().join();
        return all.files();
    }

    private static Map<String, Integer> rgCounts(Path root, Case c) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rg", "--no-config", "-c", "--no-messages"));
        command.addAll(c.flags());
        command.addAll(List.of("-e", c.pattern(), "."));
        Process process = new ProcessBuilder(command).directory(root.toFile()).start();
        Map<String, Integer> counts = new HashMap<>();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        out.lines().forEach(line -> {
            int colon = line.lastIndexOf(':');
            counts.put(line.substring(2, colon), Integer.parseInt(line.substring(colon + 1)));
        });
        return counts;
    }

    private static long percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
        return nanos >= 100_000_000 ? String.format("%.2f s", nanos / 1e9) : String.format("%.1f ms", nanos / 1e6);
    }

    private static String size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            return String.format("%.0f MB", total / 1e6);
        }
    }
}
