package dev.quarry.api.http;

import dev.quarry.api.QuarryNode;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /metrics}: Prometheus text format. */
final class MetricsRoute extends ApiDirectives {
    private final QuarryNode node;
    private final ApiMetrics metrics;

    MetricsRoute(QuarryNode node, ApiMetrics metrics) {
        this.node = node;
        this.metrics = metrics;
    }

    Route route() {
        return path("metrics", () -> get(() -> respond(() -> node.list().thenApply(specs -> HttpResponse.create()
                .withEntity(ContentTypes.TEXT_PLAIN_UTF8, metrics.render(QuarryNode.version(), specs.size(), node.statuses()))))));
    }
}
