package dev.quarry.api;

import dev.quarry.index.IndexActor;
import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexServices;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexView;
import dev.quarry.index.IndexingProgress;
import dev.quarry.index.RegistryStore;
import dev.quarry.index.ViewBoard;
import dev.quarry.index.persist.Persister;
import dev.quarry.ingest.IngestPipeline;
import dev.quarry.ingest.chunk.ChunkerOptions;
import dev.quarry.ingest.chunk.SourceChunker;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import dev.quarry.search.SearchService;
import dev.quarry.search.grep.GrepReply;
import dev.quarry.search.grep.GrepRequest;
import dev.quarry.search.grep.GrepService;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.stream.Materializer;

/**
 * The in-process Java API: one Quarry node (actor system, registry, index actors, search pool).
 * The CLI, the HTTP routes and tests all go through it, so every entry point shares one path to
 * the actors.
 */
public final class QuarryNode implements AutoCloseable {
    private final QuarryConfig config;
    private final ActorSystem<IndexRegistry.Command> system;
    private final ViewBoard board;
    private final SearchService searches;
    private final GrepService greps;
    private final ExecutorService ingestWorkers;
    private final ExecutorService searchWorkers;

    private QuarryNode(QuarryConfig config, ActorSystem<IndexRegistry.Command> system, ViewBoard board,
                       ExecutorService ingestWorkers, ExecutorService searchWorkers) {
        this.config = config;
        this.system = system;
        this.board = board;
        this.ingestWorkers = ingestWorkers;
        this.searchWorkers = searchWorkers;
        this.searches = new SearchService(board, searchWorkers);
        this.greps = new GrepService(board, searchWorkers, config.searchParallelism());
    }

    /**
     * Starts a node on the config's data directory. Fails (and starts nothing) when the registry
     * exists but cannot be read: forgetting indexes silently is worse than not starting.
     */
    public static QuarryNode start(QuarryConfig config) throws IOException {
        Files.createDirectories(config.dataDir().resolve("indexes"));
        RegistryStore store = new RegistryStore(config.dataDir().resolve("registry.json"));
        List<IndexSpec> initial = store.load();
        ViewBoard board = new ViewBoard();
        ExecutorService ingestWorkers = Executors.newFixedThreadPool(config.ingestParallelism(), named("quarry-ingest"));
        ExecutorService searchWorkers = Executors.newFixedThreadPool(config.searchParallelism(), named("quarry-search"));
        IndexServices services = new IndexServices(board,
                new IngestPipeline(SourceChunker.create(ChunkerOptions.defaults()), ingestWorkers,
                        new IngestPipeline.Settings(config.ingestParallelism(), config.maxBatchWeight(), config.maxBatchDelay())),
                ingestWorkers,
                config.ingestParallelism(),
                config.dataDir().resolve("indexes"),
                config.refreshInterval(),
                config.progressInterval(),
                config.ramBufferMb());
        ActorSystem<IndexRegistry.Command> system =
                ActorSystem.create(IndexRegistry.create(store, services, initial), "Quarry", config.raw());
        return new QuarryNode(config, system, board, ingestWorkers, searchWorkers);
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
        return AskPattern.ask(system, r -> new IndexRegistry.Unregister(id, deleteData, r),
                config.askTimeout(), system.scheduler());
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

    /** The published status, read without entering the index's mailbox. */
    public Optional<IndexStatus> status(String id) {
        return board.get(id).map(IndexView::status);
    }

    public List<IndexStatus> statuses() {
        List<IndexStatus> all = new ArrayList<>();
        board.all().forEach(v -> all.add(v.status()));
        all.sort(java.util.Comparator.comparing(IndexStatus::id));
        return all;
    }

    /** Searches one index; unknown ids fail with {@link UnknownIndexException}. */
    public CompletionStage<SearchReply> search(String id, SearchRequest request) {
        SearchRequest valid = request.validated();
        return withIndex(id).thenCompose(index -> searches.search(id, valid));
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
                Optional<IndexStatus> status = status(id);
                if (status.isPresent() && status.get().state() != dev.quarry.index.IndexState.LOADING) {
                    return status.get();
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

    private CompletionStage<ActorRef<IndexActor.Command>> withIndex(String id) {
        return lookup(id).thenApply(found -> {
            if (!found.exists()) {
                throw new UnknownIndexException(id);
            }
            return found.index();
        });
    }

    /** Flushes every index, then stops the actor system. */
    @Override
    public void close() {
        try {
            List<CompletableFuture<Persister.Flushed>> flushes = new ArrayList<>();
            for (IndexSpec spec : list().toCompletableFuture().join()) {
                flushes.add(flush(spec.id()).toCompletableFuture());
            }
            CompletableFuture.allOf(flushes.toArray(CompletableFuture[]::new))
                    .get(config.askTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            system.log().warn("flushing indexes before shutdown failed: {}", e.toString());
        } finally {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                system.log().warn("actor system did not terminate cleanly: {}", e.toString());
            }
            ingestWorkers.shutdownNow();
            searchWorkers.shutdownNow();
        }
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
