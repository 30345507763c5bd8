package dev.quarry.daemon;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code quarry.daemon} config section.
 *
 * @param startTimeout how long a client waits for a daemon it started to serve (and load its indexes)
 * @param stopTimeout  how long {@code quarry daemon stop} waits for the flush and exit
 * @param logFile      where a detached daemon writes its log, relative to the data directory
 */
public record DaemonSettings(Duration startTimeout, Duration stopTimeout, String logFile) {

    public static DaemonSettings from(Config config) {
        Config daemon = config.getConfig("quarry.daemon");
        return new DaemonSettings(daemon.getDuration("start-timeout"), daemon.getDuration("stop-timeout"),
                daemon.getString("log-file"));
    }

    public Path logPath(Path dataDir) {
        return dataDir.resolve(logFile);
    }
}
