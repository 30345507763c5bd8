package dev.quarry.cli;

import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index a directory (or bring its index up to date) and wait until it is durable.")
final class IndexCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "Directory to index.")
    Path path;

    @Option(names = "--name", description = "Index id (default: the directory's name).")
    String name;

    @Option(names = "--force", description = "Re-chunk every file, even unchanged ones.")
    boolean force;

    @Option(names = "--exclude", description = "Extra gitignore-style pattern to skip (repeatable).")
    List<String> excludes = List.of();

    @Option(names = "--max-file-bytes", description = "Skip files larger than this (default 1 MiB).")
    long maxFileBytes = IndexOptions.DEFAULT_MAX_FILE_BYTES;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("not a directory: " + path);
        }
        Path root = path.toRealPath();
        String id = name != null ? name : IndexSpec.idFor(root);
        IndexSpec spec = new IndexSpec(id, root.toString(), new IndexOptions(false, excludes, maxFileBytes, false));
        try (QuarryClient quarry = client.connect()) {
            IndexSpec registered = quarry.ensureIndex(spec);
            long expected = quarry.statuses().stream().filter(s -> s.id().equals(id))
                    .mapToLong(IndexStatus::files).findFirst().orElse(0);
            ProgressBar bar = new ProgressBar(System.err, System.console() != null, expected);
            IndexingProgress done = quarry.reindex(registered.id(), force, bar::update);
            if (json) {
                System.out.println(Json.write(done));
            } else {
                System.out.println(summary(done, registered));
            }
            return done.failed() ? 1 : 0;
        }
    }

    private static String summary(IndexingProgress p, IndexSpec spec) {
        StringBuilder s = new StringBuilder();
        if (p.failed()) {
            s.append("index ").append(spec.id()).append(" failed: ").append(p.error()).append('\n');
        }
        s.append(String.format("indexed %s (%s): %d files walked, %d changed, %d unchanged, %d removed, %d chunks written in %.1fs",
                spec.id(), spec.root(), p.filesWalked(), p.filesChanged(), p.filesUnchanged(), p.filesRemoved(),
                p.chunksWritten(), p.elapsedMillis() / 1000.0));
        if (!p.skipped().isEmpty()) {
            s.append("\nskipped: ");
            p.skipped().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> s.append(e.getKey()).append(' ').append(e.getValue()).append("  "));
        }
        return s.toString().stripTrailing();
    }
}
