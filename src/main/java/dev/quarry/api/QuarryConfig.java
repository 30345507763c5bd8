package dev.quarry.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;

/** Typed view of the {@code quarry} config section (defaults in reference.conf). */
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
        int searchParallelism) {

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
        return new QuarryConfig(
                config,
                Path.of(q.getString("data-dir")).toAbsolutePath(),
                q.getDuration("ask-timeout"),
                orCores(q.getInt("ingest.parallelism"), cores),
                q.getLong("ingest.max-batch-weight"),
                q.getDuration("ingest.max-batch-delay"),
                q.getDuration("index.refresh-interval"),
                q.getDuration("index.progress-interval"),
                q.getDouble("index.ram-buffer-mb"),
                orCores(q.getInt("search.parallelism"), cores));
    }

    private static int orCores(int configured, int cores) {
        return configured > 0 ? configured : cores;
    }
}
