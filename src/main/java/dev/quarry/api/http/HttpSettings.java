package dev.quarry.api.http;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code quarry.http} and {@code quarry.security} config sections (defaults in reference.conf).
 *
 * @param searchFanOut  how many indexes one {@code POST /search} searches at a time
 * @param token         bearer token every route but {@code /health} requires, when present
 * @param allowedRoots  when not empty, index roots must lie under one of these
 * @param deniedRoots   refused on top of the built-in denylist (see {@link RootPolicy})
 */
public record HttpSettings(
        String host,
        int port,
        long maxBodyBytes,
        int searchFanOut,
        Duration requestTimeout,
        Duration eventsInterval,
        Optional<String> token,
        List<Path> allowedRoots,
        List<Path> deniedRoots) {

    public static HttpSettings from(Config config) {
        Config http = config.getConfig("quarry.http");
        Config security = config.getConfig("quarry.security");
        String token = security.getString("token").strip();
        return new HttpSettings(
                http.getString("host"),
                http.getInt("port"),
                http.getBytes("max-body-bytes"),
                http.getInt("search-fan-out"),
                // Longer than any ask, so a slow actor answers with our own 503, not the server's.
                config.getDuration("quarry.ask-timeout").plusSeconds(5),
                config.getDuration("quarry.index.progress-interval"),
                token.isEmpty() ? Optional.empty() : Optional.of(token),
                paths(security.getStringList("allowed-roots")),
                paths(security.getStringList("denied-roots")));
    }

    public HttpSettings withPort(int port) {
        return new HttpSettings(host, port, maxBodyBytes, searchFanOut, requestTimeout, eventsInterval, token,
                allowedRoots, deniedRoots);
    }

    /** Expands a leading {@code ~} to the home directory. */
    static Path expandHome(String path) {
        String home = System.getProperty("user.home");
        if (path.equals("~")) {
            return Path.of(home);
        }
        return path.startsWith("~/") ? Path.of(home, path.substring(2)) : Path.of(path);
    }

    private static List<Path> paths(List<String> configured) {
        return configured.stream().map(HttpSettings::expandHome).toList();
    }
}
