package dev.quarry.api.http;

import dev.quarry.api.QuarryNode;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexState;
import java.util.List;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /health}: what the daemon can really answer, counted per index state, read from the
 * published views without entering any index's mailbox so it stays fast under load.
 */
final class HealthRoute extends ApiDirectives {
    private final QuarryNode node;
    private final long startedNanos = System.nanoTime();

    HealthRoute(QuarryNode node) {
        this.node = node;
    }

    Route route() {
        return path("health", () -> get(() -> respond(() -> node.list().thenApply(specs -> ok(health(specs))))));
    }

    private HealthBody health(List<IndexSpec> specs) {
        List<IndexBody> indexes = specs.stream().map(s -> IndexBody.of(s, node.status(s.id()))).toList();
        int loading = count(indexes, IndexState.LOADING);
        int failed = count(indexes, IndexState.FAILED);
        int quarantined = count(indexes, IndexState.QUARANTINED);
        HealthBody.IndexCounts counts = new HealthBody.IndexCounts(specs.size(),
                count(indexes, IndexState.READY), count(indexes, IndexState.INDEXING), loading, quarantined, failed,
                (int) indexes.stream().filter(IndexBody::searchable).count(),
                (int) indexes.stream().filter(b -> b.searchable() && b.files() == 0).count());
        String status = failed + quarantined > 0 ? "degraded" : loading > 0 ? "starting" : "ok";
        return new HealthBody(status, QuarryNode.version(), ProcessHandle.current().pid(),
                node.config().dataDir().toString(), (System.nanoTime() - startedNanos) / 1_000_000_000L,
                counts, indexes.stream().mapToLong(IndexBody::files).sum(), indexes.stream().mapToLong(IndexBody::chunks).sum());
    }

    private static int count(List<IndexBody> indexes, IndexState state) {
        return (int) indexes.stream().filter(b -> b.state() == state).count();
    }
}
