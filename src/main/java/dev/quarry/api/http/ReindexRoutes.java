package dev.quarry.api.http;

import dev.quarry.api.QuarryNode;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code POST /indexes/{id}/reindex} (202, runs in the background) and its {@code GET .../events} stream. */
final class ReindexRoutes extends ApiDirectives {
    private final QuarryNode node;
    private final ReindexRuns runs;

    ReindexRoutes(QuarryNode node, ReindexRuns runs) {
        this.node = node;
        this.runs = runs;
    }

    Route route() {
        return concat(
                indexPath("reindex", id -> post(() -> jsonBody(ApiBodies.Reindex.class, new ApiBodies.Reindex(false), body -> respond(() ->
                        known(node, id).thenApply(spec -> json(StatusCodes.ACCEPTED,
                                new ApiBodies.ReindexAccepted(id, runs.start(id, body.force()), "/indexes/" + id + "/events"))))))),
                indexPath("events", id -> get(() -> onSuccess(known(node, id),
                        spec -> completeOK(runs.events(id), EventStreamMarshalling.toEventStream())))));
    }
}
