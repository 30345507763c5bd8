package dev.quarry.api;

import com.typesafe.config.ConfigFactory;
import dev.quarry.TestRepos;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.index.persist.DurableWrites;
import dev.quarry.index.persist.SnapshotLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The process {@link CrashLoopTest} kills. Boots a node on a data directory (warm boot), prints
 * {@code RESTORED <state> <files> <generation>}, then either
 * <ul>
 *   <li>{@code ack}: forever adds file {@code w/<n>.txt} to the repository, reindexes, flushes and
 *       prints {@code ACK <n>} once the flush was answered; or
 *   <li>{@code sigterm}: adds one file, reindexes without flushing while every {@code CURRENT} switch
 *       is slowed down, prints {@code APPLIED <n>} and waits to be terminated.
 * </ul>
 * Arguments: {@code <data-dir> <repo-dir> <mode>}.
 */
public final class CrashChild {
    static final String INDEX = "crash";

    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path repo = Path.of(args[1]);
        boolean sigterm = args[2].equals("sigterm");
        QuarryConfig config = QuarryConfig.from(ConfigFactory.parseMap(Map.of(
                        "quarry.data-dir", data.toString(),
                        "quarry.ingest.max-batch-delay", "20ms"))
                .withFallback(ConfigFactory.load()));
        QuarryNode node = QuarryNode.start(config, sigterm ? slowSwitch(Duration.ofMillis(800)) : DurableWrites.disk());
        node.register(new IndexSpec(INDEX, repo.toString(), IndexOptions.defaults())).toCompletableFuture().join();
        IndexStatus status = node.awaitLoaded(INDEX, Duration.ofSeconds(60)).toCompletableFuture().join();
        System.out.println("RESTORED " + status.state().id() + " " + status.files() + " " + status.generation()
                + (status.lastError() == null ? "" : " " + status.lastError()));
        System.out.flush();
        int n = nextNumber(repo);
        if (sigterm) {
            apply(node, repo, n);
            System.out.println("APPLIED " + n);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        while (true) {
            apply(node, repo, n);
            node.flush(INDEX).toCompletableFuture().join();
            System.out.println("ACK " + n);
            System.out.flush();
            n++;
        }
    }

    private static void apply(QuarryNode node, Path repo, int n) {
        TestRepos.write(repo, "w/" + n + ".txt", "write number " + n + " carries tok" + n + "\n");
        IndexingProgress done = node.reindex(INDEX, false, p -> {}).toCompletableFuture().join();
        if (done.error() != null) {
            throw new IllegalStateException("reindex failed: " + done.error());
        }
    }

    private static int nextNumber(Path repo) throws IOException {
        Path dir = repo.resolve("w");
        if (!Files.isDirectory(dir)) {
            return 1;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString().replace(".txt", ""))
                    .mapToInt(Integer::parseInt).max().orElse(0) + 1;
        }
    }

    /** The real disk, with every CURRENT switch delayed: a write is surely in flight when SIGTERM arrives. */
    private static DurableWrites slowSwitch(Duration delay) {
        DurableWrites disk = DurableWrites.disk();
        return new DurableWrites() {
            @Override
            public void writeNew(Path file, byte[] content) throws IOException {
                disk.writeNew(file, content);
            }

            @Override
            public void replace(Path file, byte[] content) throws IOException {
                if (file.getFileName().toString().equals(SnapshotLayout.CURRENT)) {
                    try {
                        Thread.sleep(delay.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
                disk.replace(file, content);
            }

            @Override
            public void syncDirectory(Path dir) throws IOException {
                disk.syncDirectory(dir);
            }
        };
    }
}
