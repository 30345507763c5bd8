package dev.quarry.ingest.symbols;

import dev.quarry.ingest.Language;
import dev.quarry.ingest.chunk.ChunkerOptions;
import dev.quarry.ingest.chunk.SourceChunker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.treesitter.TSParser;

/**
 * Hand-run timing check, not a test: extraction per file on real corpora (beside parse-only and chunking
 * cost, which is what sharing one tree between chunker and extractor could save), graph build and query cost,
 * then incremental updates and snapshot load on a graph of about 100k definitions made by copying the
 * first corpus under different paths.
 *
 * <pre>java -cp target/classes:target/test-classes:$(deps) dev.quarry.ingest.symbols.SymbolTiming corpus...</pre>
 */
public final class SymbolTiming {
    private static final int TARGET_DEFINITIONS = 100_000;
    /** About what one ingest batch holds (its weight bound is chunks + files). */
    private static final int BATCH_FILES = 100;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private SymbolTiming() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SymbolTiming <corpus-dir>...");
            System.exit(2);
        }
        List<FileSymbols> first = null;
        for (String corpus : args) {
            List<FileSymbols> symbols = extractCorpus(Path.of(corpus));
            if (first == null) {
                first = symbols;
            }
        }
        scale(first);
    }

    private static List<FileSymbols> extractCorpus(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(Files::isRegularFile)
                    .filter(p -> Language.forPath(p.toString()) != Language.TEXT).sorted().toList();
        }
        List<String> texts = new ArrayList<>();
        for (Path path : paths) {
            texts.add(Files.readString(path));
        }
        SymbolExtractor extractor = SymbolExtractor.create();
        SourceChunker chunker = SourceChunker.create(ChunkerOptions.defaults());
        List<FileSymbols> symbols = new ArrayList<>();
        double[] perFile = new double[paths.size()];
        for (int run = 0; run < 3; run++) { // the first runs warm the JIT
            symbols.clear();
            long cpuStart = CPU.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < paths.size(); i++) {
                long t = System.nanoTime();
                String relative = root.relativize(paths.get(i)).toString().replace('\\', '/');
                symbols.add(extractor.extract(relative, Language.forPath(relative), texts.get(i)));
                perFile[i] = (System.nanoTime() - t) / 1e6;
            }
            double wall = (System.nanoTime() - start) / 1e6;
            double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            long chunkCpuStart = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < paths.size(); i++) {
                String relative = root.relativize(paths.get(i)).toString().replace('\\', '/');
                chunker.chunk(relative, Language.forPath(relative), texts.get(i));
            }
            double chunkCpu = (CPU.getCurrentThreadCpuTime() - chunkCpuStart) / 1e6;
            long parseCpuStart = CPU.getCurrentThreadCpuTime();
            double parseWall = parseOnly(paths, texts) / 1e6;
            double parseCpu = (CPU.getCurrentThreadCpuTime() - parseCpuStart) / 1e6;
            System.out.printf("%s run %d: %d files, %.2f ms/file wall, %.2f ms/file cpu"
                            + " (parse alone %.2f wall, %.2f cpu); chunking the same files %.2f ms/file cpu%n",
                    root, run + 1, paths.size(), wall / paths.size(), cpu / paths.size(), parseWall / paths.size(),
                    parseCpu / paths.size(), chunkCpu / paths.size());
        }
        double[] sorted = perFile.clone();
        Arrays.sort(sorted);
        System.out.printf("  per file: median %.2f ms, p90 %.2f ms, max %.2f ms; %d chars total%n",
                sorted[sorted.length / 2], sorted[sorted.length * 9 / 10], sorted[sorted.length - 1],
                texts.stream().mapToLong(String::length).sum());
        long start = System.nanoTime();
        SymbolGraph graph = SymbolGraph.of(symbols);
        System.out.printf("  graph: %d files, %d definitions, %d calls, %d imports, %d supertypes; built in %.1f ms%n",
                graph.fileCount(), graph.definitionCount(), graph.callCount(),
                symbols.stream().mapToInt(s -> s.imports().size()).sum(),
                symbols.stream().mapToInt(s -> s.inheritance().size()).sum(), (System.nanoTime() - start) / 1e6);
        resolutionMix(graph, symbols);
        return symbols;
    }

    /** Share of call sites per resolution: how much of the corpus the graph ties together. */
    private static void resolutionMix(SymbolGraph graph, List<FileSymbols> symbols) {
        CallResolver resolver = new CallResolver(graph);
        int[] counts = new int[Resolution.values().length];
        long start = System.nanoTime();
        int total = 0;
        for (FileSymbols file : symbols) {
            for (CallSite site : file.calls()) {
                counts[resolver.resolve(site).resolution().ordinal()]++;
                total++;
            }
        }
        StringBuilder mix = new StringBuilder();
        for (Resolution resolution : Resolution.values()) {
            mix.append(String.format(" %s %.1f%%", resolution, 100.0 * counts[resolution.ordinal()] / total));
        }
        System.out.printf("  resolved all %d calls in %.0f ms:%s%n", total, (System.nanoTime() - start) / 1e6, mix);
    }

    private static long parseOnly(List<Path> paths, List<String> texts) {
        long total = 0;
        for (int i = 0; i < paths.size(); i++) {
            Grammar grammar = Grammar.of(Language.forPath(paths.get(i).toString()));
            try (TSParser parser = new TSParser()) {
                parser.setLanguage(grammar.language());
                long t = System.nanoTime();
                parser.parseString(null, texts.get(i)).close();
                total += System.nanoTime() - t;
            }
        }
        return total;
    }

    private static void scale(List<FileSymbols> corpus) throws IOException {
        int perCopy = corpus.stream().mapToInt(f -> f.definitions().size()).sum();
        int copies = Math.max(1, (TARGET_DEFINITIONS + perCopy - 1) / perCopy);
        List<FileSymbols> all = new ArrayList<>();
        for (int copy = 0; copy < copies; copy++) {
            for (FileSymbols file : corpus) {
                all.add(relocated(file, "copy" + copy + "/"));
            }
        }
        long start = System.nanoTime();
        SymbolGraph graph = SymbolGraph.of(all);
        System.out.printf("%nscaled: %d copies, %d files, %d definitions, %d calls; bulk build %.0f ms%n",
                copies, graph.fileCount(), graph.definitionCount(), graph.callCount(),
                (System.nanoTime() - start) / 1e6);
        start = System.nanoTime();
        SymbolGraph incremental = SymbolGraph.empty();
        for (FileSymbols file : all) {
            incremental = incremental.withFile(file);
        }
        System.out.printf("  built by %d withFile calls: %.0f ms%n", all.size(), (System.nanoTime() - start) / 1e6);
        IndexSymbols symbols = IndexSymbols.empty();
        start = System.nanoTime();
        for (int from = 0; from < all.size(); from += BATCH_FILES) {
            List<IndexSymbols.Source> batch = all.subList(from, Math.min(all.size(), from + BATCH_FILES)).stream()
                    .map(file -> new IndexSymbols.Source(file, "0".repeat(64))).toList();
            symbols = symbols.with(batch, List.of());
        }
        System.out.printf("  built by ingest-sized batches of %d files (IndexSymbols.with): %.0f ms%n", BATCH_FILES,
                (System.nanoTime() - start) / 1e6);

        FileSymbols biggest = all.stream().max((a, b) -> a.definitions().size() - b.definitions().size()).orElseThrow();
        for (int run = 0; run < 3; run++) {
            int updates = 200;
            start = System.nanoTime();
            SymbolGraph updated = graph;
            for (int i = 0; i < updates; i++) {
                updated = updated.withFile(biggest);
            }
            double withFile = (System.nanoTime() - start) / 1e6 / updates;
            start = System.nanoTime();
            for (int i = 0; i < updates; i++) {
                graph.withoutFile(all.get(i).path());
            }
            double without = (System.nanoTime() - start) / 1e6 / updates;
            System.out.printf("  update run %d: withFile(%s, %d defs, %d calls) %.2f ms; withoutFile %.2f ms%n",
                    run + 1, biggest.path(), biggest.definitions().size(), biggest.calls().size(), withFile, without);
        }

        for (int run = 0; run < 3; run++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            start = System.nanoTime();
            symbols.writeTo(bytes);
            double write = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            List<SymbolStore.Entry> read = SymbolStore.read(new ByteArrayInputStream(bytes.toByteArray()));
            double decode = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            SymbolGraph loaded = SymbolGraph.of(read.stream().map(SymbolStore.Entry::symbols).toList());
            double build = (System.nanoTime() - start) / 1e6;
            System.out.printf("  snapshot run %d: %.1f MB, write %.0f ms, read %.0f ms + rebuild %.0f ms (%d defs)%n",
                    run + 1, bytes.size() / 1e6, write, decode, build, loaded.definitionCount());
        }

        for (String symbol : List.of("StringUtils.isEmpty", "isEmpty", "toString", "Validate.notNull")) {
            for (int run = 0; run < 2; run++) {
                SymbolGraph fresh = graph.withFile(FileSymbols.empty("none")); // new instance: cold name caches
                start = System.nanoTime();
                int callers = fresh.callers(symbol).size();
                double callersMs = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                int paths = fresh.callChain(symbol, 3, Direction.UP).size();
                double chainMs = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                int prefix = fresh.definitions(symbol.substring(0, 3), MatchMode.PREFIX, null).size();
                double prefixMs = (System.nanoTime() - start) / 1e6;
                System.out.printf("  query %s: callers %d in %.1f ms; chain UP 3: %d paths in %.1f ms;"
                        + " prefix '%s': %d in %.1f ms%n", symbol, callers, callersMs, paths, chainMs,
                        symbol.substring(0, 3), prefix, prefixMs);
            }
        }
    }

    private static FileSymbols relocated(FileSymbols file, String prefix) {
        String path = prefix + file.path();
        return new FileSymbols(path, file.packageName(),
                file.definitions().stream().map(d -> new Definition(d.name(), d.qualifiedName(), d.kind(),
                        d.container(), path, d.startLine(), d.endLine())).toList(),
                file.calls().stream().map(c -> new CallSite(c.callee(), c.qualifier(), c.callerQualifiedName(),
                        path, c.line())).toList(),
                file.imports().stream().map(i -> new Import(i.imported(), i.alias(), path, i.line())).toList(),
                file.inheritance().stream().map(h -> new Inheritance(h.child(), h.parent(), h.relation(), path,
                        h.line())).toList());
    }
}
