package dev.quarry.cli;

import dev.quarry.api.QuarryConfig;
import dev.quarry.api.http.HttpSettings;
import dev.quarry.daemon.DaemonControl;
import dev.quarry.daemon.DaemonInfo;
import dev.quarry.daemon.DaemonSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every client command shares: which data directory, hence which daemon. */
final class ClientOptions {
    @Option(names = "--data-dir", description = "Data directory (default: quarry.data-dir, ~/.quarry); one daemon serves each.")
    Path dataDir;

    @Option(names = "--in-process", description = "Run Quarry inside this command instead of talking to a daemon "
            + "(no daemon may be using the data directory).")
    boolean inProcess;

    QuarryConfig config() {
        return dataDir == null ? QuarryConfig.load() : QuarryConfig.withDataDir(dataDir);
    }

    DaemonControl daemon(HttpSettings http) {
        QuarryConfig config = config();
        return new DaemonControl(config.dataDir(), http, DaemonSettings.from(config.raw()), QuarryMain.class, System.err);
    }

    /**
     * The data directory's daemon, started in the background (saying so on stderr) when none runs;
     * with {@code --in-process}, a node inside this process on the same data directory.
     */
    QuarryClient connect() {
        QuarryConfig config = config();
        if (inProcess) {
            return new LocalClient(config);
        }
        DaemonControl control = daemon(HttpSettings.from(config.raw()));
        DaemonInfo daemon = control.ensureRunning();
        // Calls may wait for an actor's answer for up to the ask timeout, plus the trip.
        return new HttpQuarryClient(control.client(daemon, config.askTimeout().plusSeconds(10)));
    }
}
