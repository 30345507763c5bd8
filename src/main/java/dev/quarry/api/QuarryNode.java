package dev.quarry.api;

import dev.quarry.cluster.ClusterGuardian;
import dev.quarry.cluster.IndexEntity;
import dev.quarry.cluster.IndexRefs;
import dev.quarry.embed.CachingEmbedder;
import dev.quarry.embed.Embedder;
import dev.quarry.embed.EmbeddingCache;
import dev.quarry.embed.OnnxEmbedder;
import dev.quarry.index.IndexActor;
import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexServices;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexState;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexView;
import dev.quarry.index.IndexingProgress;
import dev.quarry.index.RegistryStore;
import dev.quarry.index.SemanticServices;
import dev.quarry.index.ViewBoard;
import dev.quarry.index.persist.DurableWrites;
import dev.quarry.index.persist.PersistSettings;
import dev.quarry.index.persist.Persister;
import dev.quarry.ingest.IngestPipeline;
import dev.quarry.ingest.chunk.ChunkerOptions;
import dev.quarry.ingest.chunk.SourceChunker;
import dev.quarry.ingest.symbols.SymbolExtractor;
import dev.quarry.search.CallChainRequest;
import dev.quarry.search.CallsRequest;
import dev.quarry.search.DefinitionsRequest;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import dev.quarry.search.SearchService;
import dev.quarry.search.SymbolReply;
import dev.quarry.search.SymbolService;
import dev.quarry.search.grep.GrepReply;
import dev.quarry.search.grep.GrepRequest;
import dev.quarry.search.grep.GrepService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The in-process Java API: one Quarry node (actor system, registry, index actors, search pool).
 * The CLI, the HTTP routes and tests all go through it, so every entry point shares one path to
 * the actors. With {@code quarry.cluster.enabled} the node joins a Pekko cluster: indexes are sharded
 * entities, the registry is a cluster singleton, and every call works for every index wherever it lives.
 */
public final class QuarryNode implements AutoCloseable {
    private final QuarryConfig config;
    private final ActorSystem<IndexRegistry.Command> system;
    private final ViewBoard board;
    private final SearchService searches;
    private final SymbolService symbols;
    private final IndexRefs refs;
    private final GrepService greps;
    private final ExecutorService ingestWorkers;
    private final ExecutorService searchWorkers;
    private final ExecutorService embeddingWorkers;
    /** Null when the node is lexical-only. */
    private final CachingEmbedder embedder;

    private QuarryNode(QuarryConfig config, ActorSystem<IndexRegistry.Command> system, ViewBoard board,
                       SearchService searches, IndexRefs refs, ExecutorService ingestWorkers, ExecutorService searchWorkers,
                       ExecutorService embeddingWorkers, CachingEmbedder embedder) {
        this.config = config;
        this.system = system;
        this.board = board;
        this.searches = searches;
        this.refs = refs;
        this.ingestWorkers = ingestWorkers;
        this.searchWorkers = searchWorkers;
        this.symbols = new SymbolService(board, searchWorkers);
        this.greps = new GrepService(board, searchWorkers, config.searchParallelism());
        this.embeddingWorkers = embeddingWorkers;
        this.embedder = embedder;
    }

    /**
     * Starts a node on the config's data directory, embedding with BGE small unless
     * {@code quarry.semantic.enabled} is off. Fails (and starts nothing) when the registry exists but
     * cannot be read: forgetting indexes silently is worse than not starting.
     */
    public static QuarryNode start(QuarryConfig config) throws IOException {
        return start(config, DurableWrites.disk());
    }

    /** @param writes the snapshot writes outside Lucene; tests pass a failing or slow disk */
    static QuarryNode start(QuarryConfig config, DurableWrites writes) throws IOException {
        QuarryConfig.Semantic semantic = config.semantic();
        return start(config, semantic.enabled() ? OnnxEmbedder.bgeSmall(semantic.maxTokens()) : null, writes);
    }

    /**
     * Starts a node that embeds with {@code model}, or a lexical-only node when it is null. The node
     * puts its embedding cache in front of the model and closes both when it closes.
     */
    public static QuarryNode start(QuarryConfig config, Embedder model) throws IOException {
        return start(config, model, DurableWrites.disk());
    }

    private static QuarryNode start(QuarryConfig config, Embedder model, DurableWrites writes) throws IOException {
        CachingEmbedder embedder;
        try {
            embedder = model == null ? null : CachingEmbedder.of(model, openCache(config.semantic().cacheDir(), model));
        } catch (IOException | RuntimeException e) {
            model.close(); // only the cache can fail here, so model is not null
            throw e;
        }
        try {
            return launch(config, embedder, writes);
        } catch (IOException | RuntimeException e) {
            if (embedder != null) {
                embedder.close();
            }
            throw e;
        }
    }

    private static QuarryNode launch(QuarryConfig config, CachingEmbedder embedder, DurableWrites writes) throws IOException {
        DataDirGuard.check(config.dataDir());
        Files.createDirectories(config.dataDir());
        Path storeDir = config.storeDir();
        Files.createDirectories(storeDir.resolve("indexes"));
        RegistryStore store = new RegistryStore(storeDir.resolve("registry.json"));
        List<IndexSpec> initial = store.load();
        ViewBoard board = new ViewBoard();
        ExecutorService ingestWorkers = Executors.newFixedThreadPool(config.ingestParallelism(), named("quarry-ingest"));
        ExecutorService searchWorkers = Executors.newFixedThreadPool(config.searchParallelism(), named("quarry-search"));
        SearchService searches = new SearchService(board, searchWorkers, embedder);
        QuarryConfig.Semantic semantic = config.semantic();
        ExecutorService embeddingWorkers = embedder == null ? null : Executors.newFixedThreadPool(semantic.threads(),
                new LowPriorityThreads("quarry-embed", semantic.niceness()));
        IndexServices services = new IndexServices(board,
                new IngestPipeline(SourceChunker.create(ChunkerOptions.defaults()), SymbolExtractor.create(), ingestWorkers,
                        new IngestPipeline.Settings(config.ingestParallelism(), config.maxBatchWeight(), config.maxBatchDelay())),
                ingestWorkers,
                config.ingestParallelism(),
                storeDir.resolve("indexes"),
                config.refreshInterval(),
                config.progressInterval(),
                config.ramBufferMb(),
                persistSettings(config, writes),
                searches,
                embedder == null ? null : new SemanticServices(embedder, embeddingWorkers, semantic.threads()));
        Duration budget = shutdownBudget(config);
        // The flush task gets its whole budget: the phase's own timeout must not cut it short.
        Config systemConfig = ConfigFactory.parseMap(Map.of(
                        "pekko.coordinated-shutdown.phases.before-actor-system-terminate.timeout",
                        (budget.toMillis() + 1000) + "ms"))
                .withFallback(config.raw());
        boolean clustered = config.cluster().enabled();
        Behavior<IndexRegistry.Command> guardian = clustered
                ? ClusterGuardian.create(store, services, config.askTimeout())
                : IndexRegistry.create(store, services, initial);
        ActorSystem<IndexRegistry.Command> system = ActorSystem.create(guardian, QuarryConfig.SYSTEM_NAME, systemConfig);
        IndexRefs refs = clustered ? IndexRefs.sharded(system) : IndexRefs.local();
        QuarryNode node = new QuarryNode(config, system, board, searches, refs, ingestWorkers, searchWorkers,
                embeddingWorkers, embedder);
        if (!clustered) {
            // Runs on close() and on SIGTERM (Pekko's JVM shutdown hook): every acknowledged write is flushed
            // first. In a cluster, shard hand-off stops each local index with IndexActor.Stop, which flushes.
            CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
                    "quarry-flush-indexes", () -> node.flushAll(budget));
        }
        return node;
    }

    private static Duration shutdownBudget(QuarryConfig config) {
        return config.raw().getDuration("quarry.persist.shutdown-budget");
    }

    private static PersistSettings persistSettings(QuarryConfig config, DurableWrites writes) {
        return new PersistSettings(config.raw().getDuration("quarry.persist.retry-backoff"), writes);
    }

    /** The version baked into the jar manifest, or "dev" when run from classes. */
    public static String version() {
        String v = QuarryNode.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** One cache file per model id, so changing the model or its token limit never mixes vectors. */
    private static EmbeddingCache openCache(Path dir, Embedder model) throws IOException {
        String file = model.modelId().replaceAll("[^A-Za-z0-9._-]", "_") + ".cache";
        return EmbeddingCache.open(dir.resolve(file), model.modelId(), model.dimensions());
    }

    public QuarryConfig config() {
        return config;
    }

    public ActorSystem<IndexRegistry.Command> system() {
        return system;
    }

    public CompletionStage<IndexRegistry.RegisterReply> register(IndexSpec spec) {
        return AskPattern.ask(system, r -> new IndexRegistry.Register(spec, r), config.askTimeout(), system.scheduler());
    }

    public CompletionStage<IndexRegistry.Found> lookup(String id) {
        return AskPattern.ask(system, r -> new IndexRegistry.Lookup(id, r), config.askTimeout(), system.scheduler());
    }

    public CompletionStage<List<IndexSpec>> list() {
        return AskPattern.<IndexRegistry.Command, IndexRegistry.Listing>ask(
                system, IndexRegistry.ListIndexes::new, config.askTimeout(), system.scheduler())
                .thenApply(IndexRegistry.Listing::indexes);
    }

    public CompletionStage<IndexRegistry.Unregistered> unregister(String id, boolean deleteData) {
        return AskPattern.<IndexRegistry.Command, IndexRegistry.Unregistered>ask(system,
                        r -> new IndexRegistry.Unregister(id, deleteData, r), config.askTimeout(), system.scheduler())
                .whenComplete((unregistered, error) -> refs.forget(id));
    }

    /**
     * Walks the index's root. {@code onProgress} sees every progress event (on an actor thread, keep
     * it cheap); the stage completes with the final one. An unknown id fails with {@link UnknownIndexException}.
     */
    public CompletionStage<IndexingProgress> reindex(String id, boolean force, Consumer<IndexingProgress> onProgress) {
        return withIndex(id).thenCompose(index -> {
            CompletableFuture<IndexingProgress> done = new CompletableFuture<>();
            ActorRef<IndexingProgress> listener = system.systemActorOf(
                    ProgressListener.create(onProgress, done), "progress-" + UUID.randomUUID(), Props.empty());
            index.tell(new IndexActor.Reindex(force, listener));
            return done;
        });
    }

    /** Subscribes to the walk in progress (or gets one final event when idle). */
    public CompletionStage<IndexingProgress> watch(String id, Consumer<IndexingProgress> onProgress) {
        return withIndex(id).thenCompose(index -> {
            CompletableFuture<IndexingProgress> done = new CompletableFuture<>();
            ActorRef<IndexingProgress> listener = system.systemActorOf(
                    ProgressListener.create(onProgress, done), "watch-" + UUID.randomUUID(), Props.empty());
            index.tell(new IndexActor.Watch(listener));
            return done;
        });
    }

    /** Completes once everything the index applied so far is durable. */
    public CompletionStage<Persister.Flushed> flush(String id) {
        return withIndex(id).thenCompose(index -> AskPattern.<IndexActor.Command, Persister.Flushed>ask(
                index, IndexActor.Flush::new, config.askTimeout(), system.scheduler()));
    }

    /** The status published on this node, read without entering the index's mailbox; empty if it lives elsewhere. */
    public Optional<IndexStatus> status(String id) {
        return board.get(id).map(IndexView::status);
    }

    /**
     * The index's status wherever it lives: the local view when it is open here, else its actor's
     * answer (in a cluster this loads a passivated index). Unknown ids fail with {@link UnknownIndexException}.
     */
    public CompletionStage<IndexStatus> fetchStatus(String id) {
        Optional<IndexStatus> here = status(id);
        if (here.isPresent()) {
            return CompletableFuture.completedFuture(here.get());
        }
        return withIndex(id).thenCompose(index -> AskPattern.<IndexActor.Command, IndexStatus>ask(
                index, IndexActor.GetStatus::new, config.askTimeout(), system.scheduler()));
    }

    /** Every registered index's status, wherever it lives (see {@link #fetchStatus}), sorted by id. */
    public CompletionStage<List<IndexStatus>> fetchStatuses() {
        return list().thenCompose(specs -> {
            List<CompletableFuture<IndexStatus>> each = specs.stream()
                    .map(spec -> fetchStatus(spec.id()).toCompletableFuture()).toList();
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> each.stream()
                    .map(CompletableFuture::join).sorted(java.util.Comparator.comparing(IndexStatus::id)).toList());
        });
    }

    /** The statuses of the indexes open on this node (every index, on a single node). */
    public List<IndexStatus> statuses() {
        List<IndexStatus> all = new ArrayList<>();
        board.all().forEach(v -> all.add(v.status()));
        all.sort(java.util.Comparator.comparing(IndexStatus::id));
        return all;
    }

    /**
     * Searches one index; unknown ids fail with {@link UnknownIndexException}. An index open on this
     * node is read from its view without an actor hop; otherwise its actor answers from wherever it
     * lives (waiting for it to load first), and no answer in time is an {@code Unavailable} reply.
     */
    public CompletionStage<SearchReply> search(String id, SearchRequest request) {
        SearchRequest valid = request.validated();
        if (board.get(id).filter(view -> view.status().state() != IndexState.LOADING).isPresent()) {
            return searches.search(id, valid);
        }
        CompletionStage<RecipientRef<IndexActor.Command>> target = refs.confirmed(id)
                .<CompletionStage<RecipientRef<IndexActor.Command>>>map(CompletableFuture::completedFuture)
                .orElseGet(() -> withIndex(id));
        return target.thenCompose(index -> AskPattern.<IndexActor.Command, SearchReply>ask(
                        index, r -> new IndexActor.Search(valid, r), config.askTimeout(), system.scheduler())
                .exceptionally(error -> new SearchReply.Unavailable(id, "unreachable",
                        "the node hosting the index did not answer within " + config.askTimeout() + ": " + error, true)))
                .thenApply(reply -> {
                    if (reply instanceof SearchReply.Unavailable u && IndexEntity.UNREGISTERED.equals(u.state())) {
                        refs.forget(id);
                        throw new UnknownIndexException(id);
                    }
                    return reply;
                });
    }

    /**
     * Searches several indexes (all registered ones when {@code ids} is empty), at most
     * {@code parallelism} at a time, so a search across hundreds of indexes cannot flood the search
     * pool. One reply per index, in the order searched; an index removed meanwhile answers unavailable.
     */
    public CompletionStage<List<SearchReply>> searchAll(List<String> ids, SearchRequest request, int parallelism) {
        SearchRequest valid = request.validated();
        CompletionStage<List<String>> targets = ids.isEmpty()
                ? list().thenApply(specs -> specs.stream().map(IndexSpec::id).toList())
                : CompletableFuture.completedFuture(List.copyOf(ids));
        return targets.thenCompose(all -> Source.from(all)
                .mapAsync(parallelism, id -> search(id, valid).exceptionally(error -> removedMeanwhile(id, error)))
                .runWith(Sink.seq(), system));
    }

    private static SearchReply removedMeanwhile(String id, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof UnknownIndexException) {
            return new SearchReply.Unavailable(id, "absent", "index was removed", false);
        }
        throw error instanceof RuntimeException r ? r : new CompletionException(error);
    }

    /** Indexes (or replaces) one file's content; {@code path} must already be checked to stay inside the root. */
    public CompletionStage<IndexActor.FileChange> putFile(String id, String path, String content) {
        return withIndex(id).thenCompose(index -> AskPattern.<IndexActor.Command, IndexActor.FileChange>askWithStatus(
                index, r -> new IndexActor.PutFile(path, content, r), config.askTimeout(), system.scheduler()));
    }

    public CompletionStage<IndexActor.FileChange> deleteFile(String id, String path) {
        return withIndex(id).thenCompose(index -> AskPattern.<IndexActor.Command, IndexActor.FileChange>askWithStatus(
                index, r -> new IndexActor.DeleteFile(path, r), config.askTimeout(), system.scheduler()));
    }

    /**
     * A page of chunks in id order, read from the published view on the search pool. Fails with
     * {@link UnknownIndexException} or, when the index has no searchable view, {@link IndexUnavailableException}.
     *
     * @param after the previous page's {@link ChunkPage#nextAfter()}, or null for the first page
     */
    public CompletionStage<ChunkPage> chunks(String id, String after, int limit) {
        if (limit < 1 || limit > ChunkPage.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + ChunkPage.MAX_LIMIT + ": " + limit);
        }
        return withIndex(id).thenApplyAsync(index -> {
            IndexView view = board.get(id).orElseThrow(
                    () -> new IndexUnavailableException(id, "loading", "index is not open yet", true));
            IndexStatus status = view.status();
            if (view.searchers() == null || !status.searchable()) {
                // Loading or a first walk will pass; failed or quarantined data needs someone to act.
                boolean retryable = status.state() != IndexState.FAILED && status.state() != IndexState.QUARANTINED;
                throw new IndexUnavailableException(id, status.state().id(), "index has no readable view", retryable);
            }
            try {
                return ChunkPager.page(view, after, limit);
            } catch (IOException | AlreadyClosedException e) {
                throw new IndexUnavailableException(id, status.state().id(), "reading the index failed: " + e.getMessage(), true);
            }
        }, searchWorkers);
    }

    /** Definitions of a name in one index; unknown ids fail with {@link UnknownIndexException}. */
    public CompletionStage<SymbolReply> definitions(String id, DefinitionsRequest request) {
        DefinitionsRequest valid = request.validated();
        return withIndex(id).thenCompose(index -> symbols.definitions(id, valid));
    }

    /** Calls that may reach a symbol, most certain first; unknown ids fail with {@link UnknownIndexException}. */
    public CompletionStage<SymbolReply> callers(String id, CallsRequest request) {
        CallsRequest valid = request.validated();
        return withIndex(id).thenCompose(index -> symbols.callers(id, valid));
    }

    /** Calls made inside a symbol's definitions; unknown ids fail with {@link UnknownIndexException}. */
    public CompletionStage<SymbolReply> callees(String id, CallsRequest request) {
        CallsRequest valid = request.validated();
        return withIndex(id).thenCompose(index -> symbols.callees(id, valid));
    }

    /** Call paths up (callers) or down (callees) from a symbol; unknown ids fail with {@link UnknownIndexException}. */
    public CompletionStage<SymbolReply> callChain(String id, CallChainRequest request) {
        CallChainRequest valid = request.validated();
        return withIndex(id).thenCompose(index -> symbols.callChain(id, valid));
    }

    /** Greps one index's files; unknown ids fail with {@link UnknownIndexException}, bad requests with IllegalArgumentException. */
    public CompletionStage<GrepReply> grep(String id, GrepRequest request) {
        GrepRequest valid = request.validated();
        return withIndex(id).thenCompose(index -> greps.grep(id, valid));
    }

    /** Waits until the index has finished loading its snapshot (or failed to). */
    public CompletionStage<IndexStatus> awaitLoaded(String id, Duration timeout) {
        return CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                IndexStatus status = fetchStatus(id).toCompletableFuture().join();
                if (status.state() != IndexState.LOADING) {
                    return status;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new java.util.concurrent.CompletionException(
                    new java.util.concurrent.TimeoutException("index " + id + " did not load within " + timeout));
        });
    }

    private CompletionStage<RecipientRef<IndexActor.Command>> withIndex(String id) {
        return lookup(id).thenApply(found -> {
            if (!found.exists()) {
                refs.forget(id);
                throw new UnknownIndexException(id);
            }
            return refs.ref(found);
        });
    }

    /**
     * Flushes every index within {@code budget}; completes (never fails) when all are durable or the
     * budget is spent, logging what was not flushed.
     */
    private CompletionStage<Done> flushAll(Duration budget) {
        return list().thenCompose(specs -> {
                    List<CompletableFuture<Persister.Flushed>> flushes = new ArrayList<>();
                    for (IndexSpec spec : specs) {
                        flushes.add(flush(spec.id()).toCompletableFuture());
                    }
                    return CompletableFuture.allOf(flushes.toArray(CompletableFuture[]::new));
                })
                .toCompletableFuture()
                .orTimeout(budget.toMillis(), TimeUnit.MILLISECONDS)
                .handle((ok, error) -> {
                    if (error != null) {
                        system.log().warn("flushing indexes before shutdown failed within {}: {}", budget, error.toString());
                    }
                    return Done.getInstance();
                });
    }

    /** Flushes every index (the coordinated-shutdown task), then stops the actor system. */
    @Override
    public void close() {
        try {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture()
                    .get(shutdownBudget(config).toSeconds() + 30, TimeUnit.SECONDS);
        } catch (Exception e) {
            system.log().warn("actor system did not terminate cleanly: {}", e.toString());
        } finally {
            ingestWorkers.shutdownNow();
            searchWorkers.shutdownNow();
            closeEmbedding();
        }
    }

    /**
     * The model may only close once no embedding runs on it any more (it is native code). The
     * threads are not interrupted: an interrupt during cache I/O closes the cache's file channel.
     * Running and queued slices see the pool shut down and stop before their next chunk.
     */
    private void closeEmbedding() {
        if (embedder == null) {
            return;
        }
        embeddingWorkers.shutdown();
        try {
            if (!embeddingWorkers.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
                system.log().warn("embedding threads did not stop within 60 s; leaving the model open");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        embedder.close();
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
