package dev.quarry.cli;

import dev.quarry.api.QuarryConfig;
import dev.quarry.api.QuarryNode;
import dev.quarry.api.UnknownIndexException;
import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.search.CallChainRequest;
import dev.quarry.search.CallsRequest;
import dev.quarry.search.DefinitionsRequest;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import dev.quarry.search.SymbolReply;
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

/**
 * Runs a Quarry node inside the CLI process, going through the same registry/actor API as the
 * daemon; {@code quarry eval} uses it on a scratch data directory so it never touches the daemon's.
 */
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
    public SearchOutcome search(List<String> ids, SearchRequest request) {
        List<String> targets = ids.isEmpty() ? indexes().stream().map(IndexSpec::id).toList() : ids;
        for (String id : targets) {
            node.awaitLoaded(id, LOAD_TIMEOUT).toCompletableFuture().join();
        }
        List<SearchReply> replies = node.searchAll(targets, request, node.config().searchParallelism()).toCompletableFuture().join();
        return SearchOutcome.of(replies, request.validated().topK());
    }

    /** One index's own reply, with the lanes it used (what {@code quarry eval} reports). */
    SearchReply searchOne(String id, SearchRequest request) {
        node.awaitLoaded(id, LOAD_TIMEOUT).toCompletableFuture().join();
        return node.search(id, request).toCompletableFuture().join();
    }

    @Override
    public List<SymbolReply> definitions(List<String> ids, DefinitionsRequest request) {
        return eachIndex(ids, id -> node.definitions(id, request));
    }

    @Override
    public List<SymbolReply> callers(List<String> ids, CallsRequest request) {
        return eachIndex(ids, id -> node.callers(id, request));
    }

    @Override
    public List<SymbolReply> callees(List<String> ids, CallsRequest request) {
        return eachIndex(ids, id -> node.callees(id, request));
    }

    @Override
    public List<SymbolReply> callChain(List<String> ids, CallChainRequest request) {
        return eachIndex(ids, id -> node.callChain(id, request));
    }

    @Override
    public List<GrepReply> grep(List<String> ids, GrepRequest request) {
        return eachIndex(ids, id -> node.grep(id, request));
    }

    /** Asks every index in {@code ids} (all when empty) once it has loaded, concurrently; replies in order. */
    private <R> List<R> eachIndex(List<String> ids, Function<String, CompletionStage<R>> ask) {
        List<String> targets = ids.isEmpty()
                ? node.list().toCompletableFuture().join().stream().map(IndexSpec::id).toList()
                : ids;
        List<CompletableFuture<R>> replies = targets.stream()
                .map(id -> node.awaitLoaded(id, LOAD_TIMEOUT).thenCompose(status -> ask.apply(id)).toCompletableFuture())
                .toList();
        return replies.stream().map(CompletableFuture::join).toList();
    }

    @Override
    public List<IndexStatus> statuses() {
        for (IndexSpec spec : indexes()) {
            node.awaitLoaded(spec.id(), LOAD_TIMEOUT).toCompletableFuture().join();
        }
        return node.statuses();
    }

    @Override
    public List<IndexSpec> indexes() {
        return node.list().toCompletableFuture().join();
    }

    @Override
    public IndexRegistry.Unregistered remove(String id, boolean deleteData) {
        IndexRegistry.Unregistered removed = node.unregister(id, deleteData).toCompletableFuture().join();
        if (!removed.existed()) {
            throw new UnknownIndexException(id);
        }
        return removed;
    }

    @Override
    public void close() {
        node.close();
    }
}
