package dev.quarry.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.quarry.cluster.ClusterSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Typed view of the {@code quarry} config section (defaults in reference.conf). With the cluster
 * enabled, {@code raw} already carries the Pekko settings derived from {@code quarry.cluster}.
 */
public record QuarryConfig(
        Config raw,
        Path dataDir,
        Duration askTimeout,
        int ingestParallelism,
        long maxBatchWeight,
        Duration maxBatchDelay,
        Duration refreshInterval,
        Duration progressInterval,
        double ramBufferMb,
        int searchParallelism,
        ClusterSettings cluster,
        Semantic semantic) {

    /**
     * The {@code quarry.semantic} section.
     *
     * @param threads   embedding threads per node
     * @param niceness  OS nice value of the embedding threads (Linux), 0 for normal priority
     * @param maxTokens word pieces of a chunk the model reads
     * @param cacheDir  where the embedding cache files live
     */
    public record Semantic(boolean enabled, int threads, int niceness, int maxTokens, Path cacheDir) {}

    /** The actor system's name; cluster addresses ({@code pekko://Quarry@host:port}) contain it. */
    public static final String SYSTEM_NAME = "Quarry";

    public static QuarryConfig load() {
        return from(ConfigFactory.load());
    }

    /** Loads the default config with {@code quarry.data-dir} replaced (CLI {@code --data-dir}, tests). */
    public static QuarryConfig withDataDir(Path dataDir) {
        return from(ConfigFactory.parseMap(java.util.Map.of("quarry.data-dir", dataDir.toAbsolutePath().toString()))
                .withFallback(ConfigFactory.load()));
    }

    public static QuarryConfig from(Config config) {
        Config q = config.getConfig("quarry");
        int cores = Runtime.getRuntime().availableProcessors();
        ClusterSettings cluster = ClusterSettings.from(q);
        Path dataDir = Path.of(q.getString("data-dir")).toAbsolutePath();
        String cacheDir = q.getString("semantic.cache-dir");
        return new QuarryConfig(
                cluster.enabled() ? cluster.pekkoConfig(SYSTEM_NAME).withFallback(config) : config,
                dataDir,
                q.getDuration("ask-timeout"),
                orCores(q.getInt("ingest.parallelism"), cores),
                q.getLong("ingest.max-batch-weight"),
                q.getDuration("ingest.max-batch-delay"),
                q.getDuration("index.refresh-interval"),
                q.getDuration("index.progress-interval"),
                q.getDouble("index.ram-buffer-mb"),
                orCores(q.getInt("search.parallelism"), cores),
                cluster,
                new Semantic(
                        q.getBoolean("semantic.enabled"),
                        orCores(q.getInt("semantic.threads"), cores),
                        q.getInt("semantic.niceness"),
                        q.getInt("semantic.max-tokens"),
                        cacheDir.isBlank() ? dataDir.resolve("embeddings") : Path.of(cacheDir).toAbsolutePath()));
    }

    /**
     * Where registry.json and indexes/ live: the data directory on a single node, the shared directory in
     * a cluster (an index's snapshots must be readable by whichever node hosts it next).
     */
    public Path storeDir() {
        return cluster.enabled() ? cluster.sharedDir() : dataDir;
    }

    private static int orCores(int configured, int cores) {
        return configured > 0 ? configured : cores;
    }
}
