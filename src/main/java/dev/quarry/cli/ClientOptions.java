package dev.quarry.cli;

import dev.quarry.api.QuarryConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every client command shares: where the data lives. */
final class ClientOptions {
    @Option(names = "--data-dir", description = "Data directory (default: quarry.data-dir, ~/.quarry).")
    Path dataDir;

    QuarryConfig config() {
        return dataDir == null ? QuarryConfig.load() : QuarryConfig.withDataDir(dataDir);
    }

    QuarryClient connect() {
        return new LocalClient(config());
    }
}
