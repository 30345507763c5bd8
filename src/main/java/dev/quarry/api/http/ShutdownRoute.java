package dev.quarry.api.http;

import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/** {@code POST /shutdown}: asks the daemon to flush every index and exit (what {@code quarry daemon stop} calls). */
final class ShutdownRoute extends ApiDirectives {
    private final Runnable shutdown;

    /** @param shutdown starts the shutdown and returns at once */
    ShutdownRoute(Runnable shutdown) {
        this.shutdown = shutdown;
    }

    Route route() {
        return path("shutdown", () -> post(() -> {
            byte[] body = WireJson.bytes(Map.of("status", "stopping"));
            // The stop closes connections: begin it only once the answer has been handed to this one.
            Source<ByteString, ?> answer = Source.single(ByteString.fromArray(body)).watchTermination((mat, sent) -> {
                sent.whenComplete((done, error) -> shutdown.run());
                return mat;
            });
            return complete(HttpResponse.create().withStatus(StatusCodes.ACCEPTED)
                    .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.length, answer)));
        }));
    }
}
