package dev.quarry.api.http;

import java.util.Map;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code POST /shutdown}: asks the daemon to flush every index and exit (what {@code quarry daemon stop} calls). */
final class ShutdownRoute extends ApiDirectives {
    private final Runnable shutdown;

    /** @param shutdown starts the shutdown and returns at once; the response is sent while it runs */
    ShutdownRoute(Runnable shutdown) {
        this.shutdown = shutdown;
    }

    Route route() {
        return path("shutdown", () -> post(() -> {
            shutdown.run();
            return complete(json(StatusCodes.ACCEPTED, Map.of("status", "stopping")));
        }));
    }
}
