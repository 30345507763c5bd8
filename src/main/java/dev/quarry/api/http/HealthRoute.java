package dev.quarry.api.http;

import dev.quarry.api.QuarryNode;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexState;
import dev.quarry.index.IndexStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
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
        Map<String, IndexStatus> open = node.statuses().stream().collect(Collectors.toMap(IndexStatus::id, Function.identity()));
        List<Optional<IndexStatus>> statuses = specs.stream().map(s -> Optional.ofNullable(open.get(s.id()))).toList();
        // Registered but not published yet: its actor is still starting, which is loading.
        int loading = count(statuses, s -> s.isEmpty() || s.get().state() == IndexState.LOADING);
        int failed = count(statuses, s -> s.isPresent() && s.get().state() == IndexState.FAILED);
        int quarantined = count(statuses, s -> s.isPresent() && s.get().state() == IndexState.QUARANTINED);
        HealthBody.IndexCounts counts = new HealthBody.IndexCounts(specs.size(),
                count(statuses, s -> s.isPresent() && s.get().state() == IndexState.READY),
                count(statuses, s -> s.isPresent() && s.get().state() == IndexState.INDEXING),
                loading, quarantined, failed,
                count(statuses, s -> s.isPresent() && s.get().searchable()),
                count(statuses, s -> s.isPresent() && s.get().searchable() && s.get().files() == 0));
        String status = failed + quarantined > 0 ? "degraded" : loading > 0 ? "starting" : "ok";
        long files = statuses.stream().flatMap(Optional::stream).mapToLong(IndexStatus::files).sum();
        long chunks = statuses.stream().flatMap(Optional::stream).mapToLong(IndexStatus::chunks).sum();
        return new HealthBody(status, QuarryNode.version(), ProcessHandle.current().pid(),
                node.config().dataDir().toString(), (System.nanoTime() - startedNanos) / 1_000_000_000L,
                counts, files, chunks);
    }

    private static int count(List<Optional<IndexStatus>> statuses, java.util.function.Predicate<Optional<IndexStatus>> test) {
        return (int) statuses.stream().filter(test).count();
    }
}
