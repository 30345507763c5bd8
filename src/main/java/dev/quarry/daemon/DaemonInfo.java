package dev.quarry.daemon;

import java.net.URI;

/**
 * Where the daemon of a data directory listens; written to {@code <data-dir>/daemon.json} once it
 * serves, removed when it stops. Clients find the daemon through it, so an ephemeral port works.
 */
public record DaemonInfo(long pid, String host, int port, String version, String dataDir, String startedAt) {

    /** The URL clients use: a wildcard bind is reached through the loopback address. */
    public URI baseUri() {
        String connect = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create("http://" + (connect.contains(":") ? "[" + connect + "]" : connect) + ":" + port);
    }
}
