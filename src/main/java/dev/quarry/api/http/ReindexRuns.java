package dev.quarry.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.api.QuarryNode;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.index.WalkSummary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Walks started through the API and the latest progress of each: {@code POST .../reindex} starts
 * one in the background, {@code GET .../events} samples it. Keeping the latest event (rather than
 * only forwarding live ones) means a client that subscribes after a short walk has finished still
 * gets its final figures. A walk is reported done only once it is durable (flushed).
 */
final class ReindexRuns {
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private final QuarryNode node;
    private final Duration interval;
    private final Map<String, IndexingProgress> latest = new ConcurrentHashMap<>();

    ReindexRuns(QuarryNode node, Duration interval) {
        this.node = node;
        this.interval = interval;
    }

    /** Starts a background walk unless one started here is still running; returns whether it started one. */
    boolean start(String id, boolean force) {
        AtomicBoolean started = new AtomicBoolean();
        latest.compute(id, (key, current) -> {
            if (current != null && !current.done()) {
                return current;
            }
            started.set(true);
            return idle(id, "starting", false, null);
        });
        if (started.get()) {
            node.reindex(id, force, p -> latest.put(id, p.done() ? withPhase(p, "flushing", false) : p))
                    .thenCompose(last -> node.flush(id).thenApply(flushed -> last))
                    .whenComplete((last, error) -> latest.put(id, error == null ? last : failed(id, error)));
        }
        return started.get();
    }

    /** Drops what is known about a removed index. */
    void forget(String id) {
        latest.remove(id);
    }

    /** The latest progress, from the run started here or, failing that, from the index's published status. */
    IndexingProgress current(String id) {
        IndexingProgress known = latest.get(id);
        if (known != null) {
            return known;
        }
        Optional<IndexStatus> status = node.status(id);
        if (status.isEmpty()) {
            return idle(id, "failed", true, "index is not open (removed, or still starting)");
        }
        if (status.get().progress() != null) {
            return status.get().progress();
        }
        WalkSummary last = status.get().lastWalk();
        if (last == null) {
            return idle(id, "idle", true, null);
        }
        return new IndexingProgress(id, "done", last.filesWalked(), last.filesChanged(), last.filesUnchanged(),
                last.filesRemoved(), last.chunksWritten(), last.skipped(), last.elapsedMillis(), true, null);
    }

    /** Progress as Server-Sent Events, sampled every progress interval, ending with a "done" or "failed" event. */
    Source<ServerSentEvent, NotUsed> events(String id) {
        return Source.tick(Duration.ZERO, interval, id)
                .map(this::current)
                .statefulMapConcat(Changes::new)
                .takeWhile(progress -> !progress.done(), true)
                .map(ReindexRuns::event)
                .keepAlive(HEARTBEAT, ServerSentEvent::heartbeat)
                .mapMaterializedValue(cancellable -> NotUsed.getInstance());
    }

    /** Passes a sample on only when it differs from the one before. */
    private static final class Changes implements org.apache.pekko.japi.function.Function<IndexingProgress, Iterable<IndexingProgress>> {
        private IndexingProgress last;

        @Override
        public Iterable<IndexingProgress> apply(IndexingProgress progress) {
            if (progress.equals(last)) {
                return List.of();
            }
            last = progress;
            return List.of(progress);
        }
    }

    private static ServerSentEvent event(IndexingProgress p) {
        ObjectNode data = WireJson.lenient().valueToTree(p);
        data.put("files_per_second", Math.round(p.filesPerSecond() * 10) / 10.0);
        String type = !p.done() ? "progress" : p.failed() ? "failed" : "done";
        return ServerSentEvent.create(data.toString(), type);
    }

    private static IndexingProgress idle(String id, String phase, boolean done, String error) {
        return new IndexingProgress(id, phase, 0, 0, 0, 0, 0, Map.of(), 0, done, error);
    }

    private static IndexingProgress withPhase(IndexingProgress p, String phase, boolean done) {
        return new IndexingProgress(p.indexId(), phase, p.filesWalked(), p.filesChanged(), p.filesUnchanged(),
                p.filesRemoved(), p.chunksWritten(), p.skipped(), p.elapsedMillis(), done, p.error());
    }

    private static IndexingProgress failed(String id, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return idle(id, "failed", true, String.valueOf(cause.getMessage()));
    }
}
