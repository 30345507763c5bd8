package dev.quarry.cli;

import dev.quarry.api.QuarryConfig;
import dev.quarry.api.QuarryNode;
import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import dev.quarry.search.grep.GrepReply;
import dev.quarry.search.grep.GrepRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Consumer;

/** Runs a Quarry node inside the CLI process, going through the same registry/actor API as the daemon. */
final class LocalClient implements QuarryClient {
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(10);

    private final QuarryNode node;

    LocalClient(QuarryConfig config) {
        try {
            this.node = QuarryNode.start(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public IndexSpec ensureIndex(IndexSpec spec) {
        IndexRegistry.RegisterReply reply = node.register(spec).toCompletableFuture().join();
        return switch (reply) {
            case IndexRegistry.Registered registered -> registered.spec();
            case IndexRegistry.Rejected rejected -> throw new IllegalArgumentException(rejected.message());
        };
    }

    @Override
    public IndexingProgress reindex(String id, boolean force, Consumer<IndexingProgress> onProgress) {
        node.awaitLoaded(id, LOAD_TIMEOUT).toCompletableFuture().join();
        IndexingProgress done = node.reindex(id, force, onProgress).toCompletableFuture().join();
        node.flush(id).toCompletableFuture().join();
        return done;
    }

    @Override
    public List<SearchReply> search(List<String> ids, SearchRequest request) {
        return onEach(ids, id -> node.search(id, request));
    }

    @Override
    public List<GrepReply> grep(List<String> ids, GrepRequest request) {
        return onEach(ids, id -> node.grep(id, request));
    }

    /** Runs a query on each index (all when {@code ids} is empty) once it has loaded. */
    private <R> List<R> onEach(List<String> ids, Function<String, CompletionStage<R>> query) {
        List<String> targets = ids.isEmpty()
                ? node.list().toCompletableFuture().join().stream().map(IndexSpec::id).toList()
                : ids;
        List<CompletableFuture<R>> replies = targets.stream()
                .map(id -> node.awaitLoaded(id, LOAD_TIMEOUT)
                        .thenCompose(status -> query.apply(id)).toCompletableFuture())
                .toList();
        return replies.stream().map(CompletableFuture::join).toList();
    }

    @Override
    public List<IndexStatus> statuses() {
        for (IndexSpec spec : node.list().toCompletableFuture().join()) {
            node.awaitLoaded(spec.id(), LOAD_TIMEOUT).toCompletableFuture().join();
        }
        return node.statuses();
    }

    @Override
    public void close() {
        node.close();
    }
}
