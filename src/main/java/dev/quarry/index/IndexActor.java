package dev.quarry.index;

import dev.quarry.QuarrySerializable;
import dev.quarry.index.persist.GenerationWriter;
import dev.quarry.index.persist.Persister;
import dev.quarry.index.persist.Snapshotter;
import dev.quarry.index.persist.RetainedCommits;
import dev.quarry.index.persist.SnapshotLayout;
import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.FileUpdate;
import dev.quarry.ingest.IngestBatch;
import dev.quarry.ingest.symbols.IndexSymbols;
import dev.quarry.ingest.walk.WalkOptions;
import dev.quarry.ingest.walk.WalkStats;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;

/**
 * One index. Owns its {@link Corpus} (Lucene writer, file fingerprints) and is the only code that
 * mutates it; walking, reading and chunking happen in the {@link dev.quarry.ingest.IngestPipeline}
 * off this actor, which only applies finished batches. After every applied batch it tells its
 * persister child {@code Dirty(generation)} and, at most every refresh interval, publishes a fresh
 * read view so searches never wait for ingestion.
 *
 * <p>It starts from its {@code CURRENT} snapshot generation ({@link WarmBoot}) and is {@code loading}
 * until that is restored. A forced reindex builds into a fresh Lucene directory (the staging corpus)
 * while searches keep using the live one, and swaps it in only when the walk succeeded with files.
 */
public final class IndexActor extends AbstractBehavior<IndexActor.Command> {

    public sealed interface Command extends QuarrySerializable {}

    /** Walk the root; {@code replyTo} receives progress while it runs and a final event with {@code done}. */
    public record Reindex(boolean force, ActorRef<IndexingProgress> replyTo) implements Command {}

    /** Receive progress of the current walk (a final {@code done} event at once when idle). */
    public record Watch(ActorRef<IndexingProgress> watcher) implements Command {}

    public record GetStatus(ActorRef<IndexStatus> replyTo) implements Command {}

    /** Answers once everything applied before this message is durable. */
    public record Flush(ActorRef<Persister.Flushed> replyTo) implements Command {}

    /** A batch from the ingest pipeline; acknowledged once applied. */
    public record CommitBatch(long runId, IngestBatch batch, ActorRef<StatusReply<Done>> replyTo) implements Command {}

    /**
     * A file's new content pushed by a client (editor, agent): chunked off the actor, then applied like
     * a one-file batch. The next walk re-reads the file from disk, so disk stays the source of truth.
     *
     * @param path path relative to the root, '/'-separated; the caller has checked it stays inside the root
     */
    public record PutFile(String path, String content, ActorRef<StatusReply<FileChange>> replyTo) implements Command {}

    /** Drops one file's chunks, as a walk does once the file is gone. */
    public record DeleteFile(String path, ActorRef<StatusReply<FileChange>> replyTo) implements Command {}

    /**
     * What a pushed change did.
     *
     * @param chunks  chunks now indexed for the path (0 after a delete)
     * @param existed whether the path was indexed before the change
     */
    public record FileChange(String path, int chunks, boolean existed) implements QuarrySerializable {}

    /** @param symbols null unless the outcome is a restored corpus */
    private record Opened(WarmBoot.Outcome outcome, SymbolSnapshots.Loaded symbols) implements Command {}

    /**
     * Searches this index's published view, for callers on nodes that do not host it. Answered off the
     * actor thread; while the index is still loading its snapshot the search waits for it.
     */
    public record Search(SearchRequest request, ActorRef<SearchReply> replyTo) implements Command {}

    /**
     * Flush what was applied, close and stop: sharding's passivation and hand-off message, and how a
     * cluster unregisters an index. A running walk finishes first unless {@code interruptWalk} (its
     * watchers then get a failed final event); {@code replyTo}, if set, hears once the files are closed.
     */
    public record Stop(boolean interruptWalk, ActorRef<Done> replyTo) implements Command {
        /** What sharding sends: stop once idle, nobody to tell. */
        public static final Stop WHEN_IDLE = new Stop(false, null);
    }

    private record ReadyToStop() implements Command {}


    private record OpenFailed(String error) implements Command {}

    private record StagingOpened(long runId, Corpus staging, String error) implements Command {}

    private record StagingRefreshed(long runId, String error) implements Command {}

    private record LiveFlushed(long runId) implements Command {}

    private record WalkFinished(long runId, WalkStats stats, String error) implements Command {}

    /** @param symbols the symbols with the batch applied, computed beside the Lucene writes */
    private record BatchWritten(CommitBatch commit, Corpus target, IndexSymbols symbols, String error) implements Command {}

    private record Refreshed(long generation, String error) implements Command {}

    private record PersisterEvent(Persister.Event event) implements Command {}

    private record PushedChunked(PutFile put, FileUpdate update, String error) implements Command {}

    private record PushedWritten(PutFile put, FileUpdate update, String error) implements Command {}
    private record VectorsEmbedded(EmbeddingStage.Embedded embedded) implements Command {}

    private record ChunksListed(List<Chunk> chunks, String error) implements Command {}

    private record PublishVectors() implements Command {}

    /** Bookkeeping of the walk in progress; actor-confined. */
    private static final class Run {
        final long id;
        final boolean force;
        final long startedNanos = System.nanoTime();
        final List<ActorRef<IndexingProgress>> watchers = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final Map<String, Long> skipped = new HashMap<>();
        long walked;
        long changed;
        long unchanged;
        long removed;
        long chunks;
        long lastProgressNanos;

        Run(long id, boolean force) {
            this.id = id;
            this.force = force;
        }

        /** A forced run re-chunks everything into the staging corpus, never into the live one. */
        boolean staged() {
            return force;
        }

        long elapsedMillis() {
            return (System.nanoTime() - startedNanos) / 1_000_000;
        }
    }

    private record Finishing(Run run, String error) {}

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IndexActor.class);
    private static final Duration SWAP_FLUSH_WAIT = Duration.ofMinutes(1);

    private final IndexSpec spec;
    private final IndexServices services;
    private final Executor blocking;
    private final org.apache.pekko.actor.typed.javadsl.StashBuffer<Command> stash;

    private final SnapshotLayout layout;

    /** The live corpus searches read; null while loading or when quarantined with nothing good to serve. */
    private Corpus corpus;
    /** What a forced reindex is building, swapped in for {@link #corpus} once complete. */
    private Corpus staging;
    private GenerationWriter generations;
    private ActorRef<Persister.Command> persister;
    private int persisters;
    private IndexState state = IndexState.LOADING;
    private long generation;
    private long durableGeneration;
    private long visibleGeneration;
    private boolean refreshing;
    /** A batch's Lucene writes are running on the worker pool; the next batch waits in the stash. */
    private boolean writing;
    private long lastRefreshNanos;
    private long nextRunId;
    private Run run;
    private Finishing finishing;
    private WalkSummary lastWalk;
    private String lastError;
    /** Symbols of every indexed file; replaced per batch, never mutated, published with the view. */
    private IndexSymbols symbols = IndexSymbols.empty();
    /** Indexed paths whose symbols are missing (see {@link SymbolSnapshots}); the next walk re-reads them. */
    private final Set<String> symbolsMissing = new HashSet<>();
    private String symbolsNote;
    /** Set by {@link Stop}: the actor flushes and stops as soon as no walk runs and no batch is being written. */
    private boolean stopRequested;
    private boolean flushingToStop;
    private final List<ActorRef<Done>> stopWaiters = new ArrayList<>();
    /** The semantic lane; null when the index is lexical-only or the node has no embedder. */
    private SemanticIndex semantic;
    private ActorRef<EmbeddingStage.Command> embedding;
    private long lastVectorPublishNanos;
    private boolean vectorPublishScheduled;

    private IndexActor(ActorContext<Command> context,
                       org.apache.pekko.actor.typed.javadsl.StashBuffer<Command> stash,
                       IndexSpec spec, IndexServices services) {
        super(context);
        this.stash = stash;
        this.spec = spec;
        this.services = services;
        this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig("quarry.blocking-dispatcher"));
        this.layout = new SnapshotLayout(services.indexDir(spec.id()));
    }

    public static Behavior<Command> create(IndexSpec spec, IndexServices services) {
        return Behaviors.withStash(10_000, stash -> Behaviors.setup(ctx -> {
            IndexActor actor = new IndexActor(ctx, stash, spec, services);
            actor.startOpening();
            return actor;
        }));
    }

    private void startOpening() {
        publish();
        getContext().pipeToSelf(
                CompletableFuture.supplyAsync(() -> {
                    try {
                        WarmBoot.Outcome outcome = WarmBoot.restore(spec, layout, services.ramBufferMb(), services.persist().writes());
                        return new Opened(outcome, outcome instanceof WarmBoot.Restored r
                                ? SymbolSnapshots.load(symbolsFile(), r.corpus().fingerprints()) : null);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, blocking),
                (opened, error) -> error == null ? opened : new OpenFailed(describe(error)));
    }

    private Path symbolsFile() {
        return services.indexDir(spec.id()).resolve(SymbolSnapshots.FILE_NAME);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Opened.class, this::onOpened)
                .onMessage(OpenFailed.class, this::onOpenFailed)
                .onMessage(StagingOpened.class, this::onStagingOpened)
                .onMessage(StagingRefreshed.class, this::onStagingRefreshed)
                .onMessage(LiveFlushed.class, this::onLiveFlushed)
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(Reindex.class, this::onReindex)
                .onMessage(Watch.class, this::onWatch)
                .onMessage(Flush.class, this::onFlush)
                .onMessage(CommitBatch.class, this::onCommitBatch)
                .onMessage(BatchWritten.class, this::onBatchWritten)
                .onMessage(WalkFinished.class, this::onWalkFinished)
                .onMessage(Refreshed.class, this::onRefreshed)
                .onMessage(PersisterEvent.class, this::onPersisterEvent)
                .onMessage(PutFile.class, this::onPutFile)
                .onMessage(PushedChunked.class, this::onPushedChunked)
                .onMessage(PushedWritten.class, this::onPushedWritten)
                .onMessage(DeleteFile.class, this::onDeleteFile)
                .onMessage(Search.class, this::onSearch)
                .onMessage(Stop.class, this::onStop)
                .onMessage(ReadyToStop.class, ready -> Behaviors.stopped())
                .onMessage(VectorsEmbedded.class, this::onVectorsEmbedded)
                .onMessage(ChunksListed.class, this::onChunksListed)
                .onMessage(PublishVectors.class, this::onPublishVectors)
                .onSignal(PostStop.class, this::onPostStop)
                .build();
    }

    private Behavior<Command> onOpened(Opened opened) {
        switch (opened.outcome()) {
            case WarmBoot.Restored r -> {
                generation = r.generation();
                durableGeneration = generation;
                visibleGeneration = generation;
                symbols = opened.symbols().symbols();
                symbolsMissing.addAll(opened.symbols().missing());
                symbolsNote = opened.symbols().note();
                becomeLive(r.corpus(), r.writer());
                state = IndexState.READY;
                startSemantic();
                lastError = r.warning();
                if (lastError != null) {
                    getContext().getLog().warn("index {}: {}", spec.id(), lastError);
                }
            }
            case WarmBoot.Unrestorable u -> {
                generation = u.lastGeneration();
                durableGeneration = generation;
                visibleGeneration = generation;
                state = IndexState.QUARANTINED;
                lastError = "quarantined: " + u.reason();
                getContext().getLog().error("index {}: {}", spec.id(), lastError);
            }
        }
        publish();
        return stash.unstashAll(this);
    }

    /** Makes {@code live} the corpus searches read, with a persister of its own (one per corpus). */
    private void becomeLive(Corpus live, GenerationWriter writer) {
        corpus = live;
        generations = writer;
        ActorRef<Persister.Event> events = getContext().messageAdapter(Persister.Event.class, PersisterEvent::new);
        String id = spec.id();
        ViewBoard board = services.board();
        Snapshotter snapshots = SymbolSnapshots.around(writer,
                () -> board.get(id).map(IndexView::symbols).orElse(null), symbolsFile(), symbols);
        persister = getContext().spawn(
                Persister.create(snapshots, events, durableGeneration, services.persist().firstRetryBackoff()),
                "persister-" + (++persisters));
    }

    private Behavior<Command> onOpenFailed(OpenFailed failed) {
        state = IndexState.FAILED;
        lastError = "could not open index data: " + failed.error();
        getContext().getLog().error("index {}: {}", spec.id(), lastError);
        publish();
        return this;
    }

    private Behavior<Command> onGetStatus(GetStatus get) {
        get.replyTo().tell(status());
        return this;
    }

    private Behavior<Command> onSearch(Search search) {
        if (state == IndexState.LOADING) {
            stash.stash(search);
            return this;
        }
        String stateId = state.id();
        services.searches().search(spec.id(), search.request()).whenComplete((reply, error) -> search.replyTo().tell(
                error == null ? reply : new SearchReply.Unavailable(spec.id(), stateId, "search failed: " + describe(error), true)));
        return this;
    }

    private Behavior<Command> onStop(Stop stop) {
        if (state == IndexState.LOADING) {
            stash.stash(stop);
            return this;
        }
        if (stop.replyTo() != null) {
            stopWaiters.add(stop.replyTo());
        }
        stopRequested = true;
        if (stop.interruptWalk()) {
            interruptWalk();
        }
        return stopWhenQuiet();
    }

    /** Ends the walk in progress; its watchers get a final event. Batches already applied stay and are flushed. */
    private void interruptWalk() {
        if (finishing != null) {
            IndexingProgress last = finalProgress(finishing.run(), finishing.error());
            finishing.run().watchers.forEach(w -> w.tell(last));
            finishing = null;
        }
        if (run != null) {
            IndexingProgress last = progress(run, "failed", true,
                    "walk interrupted: index '" + spec.id() + "' was stopped on this node; run it again");
            run.watchers.forEach(w -> w.tell(last));
            run = null;
        }
        state = IndexState.READY;
        publish();
    }

    /** Once stopping was asked and nothing is being applied: flush, then stop (PostStop closes the files). */
    private Behavior<Command> stopWhenQuiet() {
        if (!stopRequested || flushingToStop || run != null || finishing != null || writing) {
            return this;
        }
        if (persister == null) {
            return Behaviors.stopped();
        }
        flushingToStop = true;
        persister.tell(new Persister.Flush(generation,
                getContext().messageAdapter(Persister.Flushed.class, flushed -> new ReadyToStop())));
        return this;
    }

    private Behavior<Command> onReindex(Reindex reindex) {
        if (state == IndexState.LOADING) {
            stash.stash(reindex);
            return this;
        }
        if (run != null) {
            run.watchers.add(reindex.replyTo());
            return this;
        }
        if (finishing != null) {
            finishing.run().watchers.add(reindex.replyTo());
            return this;
        }
        if (corpus == null && !(state == IndexState.QUARANTINED && reindex.force())) {
            String hint = state == IndexState.QUARANTINED ? " (only a forced reindex can rebuild it)" : "";
            reindex.replyTo().tell(finalProgress(null, "index is " + state.id() + hint + ": " + lastError));
            return this;
        }
        Path root = Path.of(spec.root());
        if (!Files.isDirectory(root)) {
            lastError = "root is not a readable directory: " + root;
            reindex.replyTo().tell(finalProgress(null, lastError));
            publish();
            return this;
        }
        run = new Run(++nextRunId, reindex.force());
        run.watchers.add(reindex.replyTo());
        state = IndexState.INDEXING;
        publish();
        if (run.staged()) {
            openStaging(run.id);
        } else {
            startWalk(run, walkFingerprints());
        }
        return this;
    }

    /** A forced reindex builds in a Lucene directory of its own; searches keep the live one meanwhile. */
    private void openStaging(long runId) {
        getContext().pipeToSelf(
                CompletableFuture.supplyAsync(() -> {
                    try {
                        return Corpus.create(layout.lucene(layout.nextLuceneDirectory()), services.ramBufferMb(),
                                new RetainedCommits(Set.of()));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, blocking),
                (opened, error) -> new StagingOpened(runId, opened, error == null ? null : describe(error)));
    }

    private Behavior<Command> onStagingOpened(StagingOpened opened) {
        if (opened.error() != null) {
            getContext().getSelf().tell(new WalkFinished(opened.runId(), null,
                    "could not create the staging index: " + opened.error()));
        } else if (run == null || run.id != opened.runId()) {
            discardLater(opened.staging());
        } else {
            staging = opened.staging();
            startWalk(run, Map.of());
        }
        return this;
    }

    private void startWalk(Run r, Map<String, String> fingerprints) {
        long runId = r.id;
        WalkOptions walkOptions = new WalkOptions(
                spec.options().maxFileBytes(), spec.options().followSymlinks(), spec.options().excludes());
        ActorRef<Command> self = getContext().getSelf();
        getContext().pipeToSelf(
                services.pipeline().run(getContext().getSystem(), Path.of(spec.root()), walkOptions, fingerprints, r.force,
                        batch -> AskPattern.<Command, Done>askWithStatus(self, reply -> new CommitBatch(runId, batch, reply),
                                Duration.ofMinutes(10), getContext().getSystem().scheduler())),
                (stats, error) -> new WalkFinished(runId, stats, error == null ? null : describe(error)));
    }

    /** The corpus fingerprints minus files whose symbols are missing, so the walk re-reads those. */
    private Map<String, String> walkFingerprints() {
        Map<String, String> fingerprints = corpus.fingerprints();
        if (symbolsMissing.isEmpty()) {
            return fingerprints;
        }
        Map<String, String> withoutMissing = new HashMap<>(fingerprints);
        withoutMissing.keySet().removeAll(symbolsMissing);
        return withoutMissing;
    }

    private Behavior<Command> onWatch(Watch watch) {
        if (run != null) {
            run.watchers.add(watch.watcher());
        } else if (finishing != null) {
            finishing.run().watchers.add(watch.watcher());
        } else {
            boolean broken = state == IndexState.FAILED || state == IndexState.QUARANTINED;
            watch.watcher().tell(finalProgress(null, broken ? lastError : null));
        }
        return this;
    }

    private Behavior<Command> onFlush(Flush flush) {
        if (state == IndexState.LOADING) {
            stash.stash(flush);
        } else if (persister == null) {
            flush.replyTo().tell(new Persister.Flushed(durableGeneration));
        } else {
            persister.tell(new Persister.Flush(generation, flush.replyTo()));
        }
        return this;
    }

    private Behavior<Command> onCommitBatch(CommitBatch commit) {
        if (run == null || run.id != commit.runId()) {
            commit.replyTo().tell(StatusReply.error("the walk this batch belongs to was superseded"));
            return this;
        }
        if (writing) {
            stash.stash(commit);
            return this;
        }
        writing = true;
        Corpus target = run.staged() ? staging : corpus;
        // Only batches change the symbols while one is written (pruning waits for the walk's end), so the
        // next version can be built from the current one off the actor.
        IndexSymbols base = symbols;
        List<IndexSymbols.Source> sources = commit.batch().updates().stream()
                .map(u -> new IndexSymbols.Source(u.symbols(), u.sha256())).toList();
        CompletableFuture<IndexSymbols> nextSymbols =
                CompletableFuture.supplyAsync(() -> base.with(sources, List.of()), services.workers());
        getContext().pipeToSelf(writeInParallel(target, commit.batch().updates()).thenCombine(nextSymbols, (ok, next) -> next),
                (next, error) -> new BatchWritten(commit, target, next, error == null ? null : describe(error)));
        return this;
    }

    /** Lucene analysis is the costly part of a commit: spread the batch's files over the worker pool. */
    private CompletableFuture<Void> writeInParallel(Corpus c, List<FileUpdate> updates) {
        int slices = Math.max(1, Math.min(services.workerCount(), updates.size()));
        CompletableFuture<?>[] parts = new CompletableFuture<?>[slices];
        for (int s = 0; s < slices; s++) {
            List<FileUpdate> slice = updates.subList(s * updates.size() / slices, (s + 1) * updates.size() / slices);
            parts[s] = CompletableFuture.runAsync(() -> {
                try {
                    for (FileUpdate update : slice) {
                        c.write(update);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, services.workers());
        }
        return CompletableFuture.allOf(parts);
    }

    private Behavior<Command> onBatchWritten(BatchWritten written) {
        writing = false;
        stopWhenQuiet();
        CommitBatch commit = written.commit();
        if (written.error() != null) {
            getContext().getLog().error("index {}: writing a batch failed: {}", spec.id(), written.error());
            commit.replyTo().tell(StatusReply.error("writing a batch failed: " + written.error()));
            return stash.unstashAll(this);
        }
        IngestBatch batch = commit.batch();
        for (FileUpdate update : batch.updates()) {
            written.target().record(update);
            symbolsMissing.remove(update.path());
        }
        symbols = written.symbols();
        embedWritten(batch.updates());
        if (run != null && run.id == commit.runId()) {
            batch.updates().forEach(u -> run.seen.add(u.path()));
            run.seen.addAll(batch.unchanged());
            batch.skipped().forEach((reason, n) -> run.skipped.merge(reason, n, Long::sum));
            run.walked += batch.walked();
            run.changed += batch.updates().size();
            run.unchanged += batch.unchanged().size();
            run.chunks += batch.chunkCount();
            maybeSendProgress();
        }
        // Staged writes become durable with the swap, not batch by batch.
        if (written.target() == corpus) {
            if (!batch.updates().isEmpty()) {
                publish(); // before Dirty: the snapshot of the new generation reads its symbols from the board
                markDirty();
            }
            maybeRefresh(false);
        }
        commit.replyTo().tell(StatusReply.ack());
        return stash.unstashAll(this);
    }

    private Behavior<Command> onPutFile(PutFile put) {
        if (state == IndexState.LOADING) {
            stash.stash(put);
            return this;
        }
        if (corpus == null) {
            put.replyTo().tell(StatusReply.error("index is " + state.id() + ": " + lastError));
            return this;
        }
        getContext().pipeToSelf(
                CompletableFuture.supplyAsync(() -> services.pipeline().fileUpdate(put.path(), put.content()), services.workers()),
                (update, error) -> new PushedChunked(put, update, error == null ? null : describe(error)));
        return this;
    }

    private Behavior<Command> onPushedChunked(PushedChunked chunked) {
        if (chunked.error() != null) {
            chunked.put().replyTo().tell(StatusReply.error("chunking failed: " + chunked.error()));
            return this;
        }
        if (writing) {
            stash.stash(chunked);
            return this;
        }
        writing = true;
        getContext().pipeToSelf(writeInParallel(corpus, List.of(chunked.update())),
                (ok, error) -> new PushedWritten(chunked.put(), chunked.update(), error == null ? null : describe(error)));
        return this;
    }

    private Behavior<Command> onPushedWritten(PushedWritten written) {
        writing = false;
        if (written.error() != null) {
            written.put().replyTo().tell(StatusReply.error("writing the file failed: " + written.error()));
            return stash.unstashAll(this);
        }
        long filesBefore = corpus.fileCount();
        corpus.record(written.update());
        markDirty();
        maybeRefresh(true);
        written.put().replyTo().tell(StatusReply.success(new FileChange(
                written.update().path(), written.update().chunks().size(), corpus.fileCount() == filesBefore)));
        return stash.unstashAll(this);
    }

    private Behavior<Command> onDeleteFile(DeleteFile delete) {
        if (state == IndexState.LOADING || writing) {
            stash.stash(delete);
            return this;
        }
        if (corpus == null) {
            delete.replyTo().tell(StatusReply.error("index is " + state.id() + ": " + lastError));
            return this;
        }
        long filesBefore = corpus.fileCount();
        try {
            corpus.remove(delete.path());
        } catch (IOException e) {
            delete.replyTo().tell(StatusReply.error("removing the file failed: " + describe(e)));
            return this;
        }
        boolean existed = corpus.fileCount() < filesBefore;
        if (existed) {
            markDirty();
            maybeRefresh(true);
        }
        delete.replyTo().tell(StatusReply.success(new FileChange(delete.path(), 0, existed)));
        return this;
    }

    private Behavior<Command> onWalkFinished(WalkFinished finished) {
        if (run == null || run.id != finished.runId()) {
            return this;
        }
        Run done = run;
        String error = finished.error();
        if (error == null && !done.staged()) {
            error = pruneMissing(done, finished.stats());
        }
        if (finished.stats() != null) {
            WalkStats s = finished.stats();
            addSkip(done, "ignored", s.ignored());
            addSkip(done, "oversized", s.oversized());
            addSkip(done, "unreadable", s.unreadable());
            addSkip(done, "symlink", s.symlinksSkipped());
        }
        if (error == null && done.staged() && staging.fileCount() == 0) {
            error = "the forced reindex found no files under " + spec.root() + "; nothing was swapped in"
                    + (corpus == null ? "" : ", the index keeps its " + corpus.fileCount() + " files");
        }
        lastWalk = new WalkSummary(done.walked, done.changed, done.unchanged, done.removed, done.chunks,
                done.skipped, done.elapsedMillis(), Instant.now().toString());
        run = null;
        finishing = new Finishing(done, error);
        if (done.staged()) {
            finishStaged(done, error);
            return this;
        }
        lastError = error;
        maybeRefresh(true);
        completeFinishingWhenVisible();
        return this;
    }

    /** A failed or empty build is dropped; a complete one is made visible, then swapped in. */
    private void finishStaged(Run done, String error) {
        if (error != null) {
            if (staging != null) {
                discardLater(staging);
                staging = null;
            }
            if (corpus != null) {
                lastError = error;
            }
            completeFinishingWhenVisible();
            return;
        }
        Corpus built = staging;
        getContext().pipeToSelf(
                CompletableFuture.runAsync(() -> {
                    try {
                        built.refresh();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, blocking),
                (ok, failure) -> new StagingRefreshed(done.id, failure == null ? null : describe(failure)));
    }

    private Behavior<Command> onStagingRefreshed(StagingRefreshed refreshed) {
        if (refreshed.error() != null) {
            finishing = new Finishing(finishing.run(), "refreshing the rebuilt index failed: " + refreshed.error());
            finishStaged(finishing.run(), finishing.error());
            return this;
        }
        if (persister == null) {
            swapInStaging();
            return this;
        }
        // The live persister must be idle before the swap: at most one snapshot write per index, ever.
        long runId = refreshed.runId();
        getContext().ask(Persister.Flushed.class, persister, SWAP_FLUSH_WAIT,
                replyTo -> new Persister.Flush(generation, replyTo),
                // A persister still retrying a failed write is asked again: swapping now could race its write.
                (flushed, failure) -> failure == null ? new LiveFlushed(runId) : new StagingRefreshed(runId, null));
        return this;
    }

    private Behavior<Command> onLiveFlushed(LiveFlushed flushed) {
        if (finishing != null && finishing.run().id == flushed.runId() && staging != null) {
            swapInStaging();
        }
        return this;
    }

    /** The rebuilt corpus becomes the live one; its first snapshot names its own Lucene directory. */
    private void swapInStaging() {
        Corpus old = corpus;
        if (persister != null) {
            getContext().stop(persister);
        }
        GenerationWriter writer = GenerationWriter.create(layout, spec, staging, staging.retention(),
                services.persist().writes(), generations == null ? null : generations.published(), null);
        Corpus built = staging;
        staging = null;
        java.util.Set<String> kept = built.fingerprints().keySet();
        symbols = symbols.with(List.of(), symbols.graph().files().stream()
                .map(f -> f.path()).filter(p -> !kept.contains(p)).toList());
        becomeLive(built, writer);
        if (old != null) {
            closeLater(old);
        }
        lastError = null;
        generation++;
        visibleGeneration = generation;
        persister.tell(new Persister.Dirty(generation));
        completeFinishingWhenVisible();
    }

    /** A walk is only reported done once its last batch is visible to searches. */
    private void completeFinishingWhenVisible() {
        if (finishing == null || refreshing || visibleGeneration < generation) {
            return;
        }
        if (finishing.run().staged() && staging != null) {
            return; // still swapping
        }
        Finishing f = finishing;
        finishing = null;
        state = corpus == null ? IndexState.QUARANTINED : IndexState.READY;
        // Published first, so whoever hears "done" reads the new status.
        publish();
        IndexingProgress last = finalProgress(f.run(), f.error());
        f.run().watchers.forEach(w -> w.tell(last));
        stopWhenQuiet();
    }

    /** Removes files that were indexed before but not seen by this walk; refuses to empty an index. */
    private String pruneMissing(Run done, WalkStats stats) {
        List<String> missing = corpus.paths().stream().filter(p -> !done.seen.contains(p)).toList();
        if (missing.isEmpty()) {
            return null;
        }
        if (done.walked == 0 && stats != null && stats.filesAccepted() == 0 && corpus.fileCount() > 0) {
            return "the walk found no files under " + spec.root() + "; refusing to remove all "
                    + corpus.fileCount() + " indexed files (is the root unmounted?)";
        }
        List<String> removed = new ArrayList<>();
        try {
            for (String path : missing) {
                corpus.remove(path);
                removed.add(path);
                done.removed++;
            }
            symbols = symbols.with(List.of(), missing);
            missing.forEach(symbolsMissing::remove);
            publish();
            markDirty();
            return null;
        } catch (IOException e) {
            return "removing deleted files failed: " + describe(e);
        } finally {
            dropRemoved(removed);
        }
    }

    private static void addSkip(Run run, String reason, long n) {
        if (n > 0) {
            run.skipped.merge(reason, n, Long::sum);
        }
    }

    private void markDirty() {
        generation++;
        persister.tell(new Persister.Dirty(generation));
    }

    /** Starts a refresh on the blocking pool unless one is running or the last was too recent. */
    private void maybeRefresh(boolean force) {
        if (refreshing || visibleGeneration == generation) {
            return;
        }
        if (!force && System.nanoTime() - lastRefreshNanos < services.refreshInterval().toNanos()) {
            return;
        }
        refreshing = true;
        long target = generation;
        Corpus c = corpus;
        getContext().pipeToSelf(
                CompletableFuture.runAsync(() -> {
                    try {
                        c.refresh();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, blocking),
                (ok, error) -> new Refreshed(target, error == null ? null : describe(error)));
    }

    private Behavior<Command> onRefreshed(Refreshed refreshed) {
        refreshing = false;
        lastRefreshNanos = System.nanoTime();
        if (refreshed.error() != null) {
            lastError = "refreshing the search view failed: " + refreshed.error();
        } else {
            visibleGeneration = Math.max(visibleGeneration, refreshed.generation());
        }
        // A walk that finished while this refresh ran still needs its last batches made visible.
        maybeRefresh(run == null);
        completeFinishingWhenVisible();
        publish();
        return this;
    }

    private Behavior<Command> onPersisterEvent(PersisterEvent wrapped) {
        switch (wrapped.event()) {
            case Persister.Persisted p -> {
                durableGeneration = Math.max(durableGeneration, p.generation());
                if (lastError != null && lastError.startsWith("snapshot")) {
                    lastError = null;
                }
            }
            case Persister.PersistFailed f -> lastError = "snapshot of generation " + f.generation()
                    + " failed (attempt " + f.attempt() + "): " + f.error();
        }
        publish();
        return this;
    }

    private void maybeSendProgress() {
        long now = System.nanoTime();
        if (now - run.lastProgressNanos < services.progressInterval().toNanos()) {
            return;
        }
        run.lastProgressNanos = now;
        IndexingProgress progress = progress(run, "indexing", false, null);
        run.watchers.forEach(w -> w.tell(progress));
    }

    private IndexingProgress finalProgress(Run done, String error) {
        if (done == null) {
            return new IndexingProgress(spec.id(), error == null ? "done" : "failed",
                    0, 0, 0, 0, 0, Map.of(), 0, true, error);
        }
        return progress(done, error == null ? "done" : "failed", true, error);
    }

    private IndexingProgress progress(Run r, String phase, boolean done, String error) {
        return new IndexingProgress(spec.id(), phase, r.walked, r.changed, r.unchanged, r.removed, r.chunks,
                r.skipped, r.elapsedMillis(), done, error);
    }

    private IndexStatus status() {
        IndexingProgress progress = run == null ? null : progress(run, "indexing", false, null);
        long files = corpus == null ? 0 : corpus.fileCount();
        long chunks = corpus == null ? 0 : corpus.chunkCount();
        IndexStatus.SymbolCounts symbolCounts = new IndexStatus.SymbolCounts(symbols.fileCount(),
                symbols.graph().definitionCount(), symbols.graph().callCount(), symbolsMissing.size(),
                symbolsMissing.isEmpty() ? null : symbolsNote);
        return new IndexStatus(spec.id(), spec.root(), state, files, chunks, symbolCounts, generation, visibleGeneration,
                durableGeneration, progress, lastWalk, semantic == null ? null : semantic.coverage(chunks), lastError);
    }

    private void publish() {
        services.board().publish(new IndexView(spec.id(), corpus == null ? null : corpus.searchers(),
                corpus == null ? null : symbols, semantic == null ? null : semantic.published(), status()));
    }

    // --- Semantic lane: embedding runs in the EmbeddingStage child; this actor owns the vectors. ---

    /** Spawns the embedding stage and, after a warm boot, queues the committed chunks that have no vector. */
    private void startSemantic() {
        SemanticServices semanticServices = services.semantic();
        if (semanticServices == null || spec.options().lexicalOnly()) {
            return;
        }
        semantic = SemanticIndex.create(semanticServices.embedder().dimensions());
        ActorRef<EmbeddingStage.Embedded> replies =
                getContext().messageAdapter(EmbeddingStage.Embedded.class, VectorsEmbedded::new);
        embedding = getContext().spawn(EmbeddingStage.create(semanticServices.embedder(), semanticServices.pool(),
                semanticServices.threads(), replies), "embedding");
        if (corpus.chunkCount() > 0) {
            semantic.listingStarted();
            var searchers = corpus.searchers();
            getContext().pipeToSelf(
                    CompletableFuture.supplyAsync(() -> {
                        try {
                            return CommittedChunks.read(searchers);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, blocking),
                    (chunks, error) -> new ChunksListed(chunks, error == null ? null : describe(error)));
        }
    }

    private Behavior<Command> onChunksListed(ChunksListed listed) {
        if (listed.error() != null) {
            lastError = "listing chunks to embed failed: " + listed.error();
            getContext().getLog().error("index {}: {}", spec.id(), lastError);
            publish();
        } else {
            dispatch(List.of(semantic.reconcile(listed.chunks())));
        }
        return this;
    }

    private void embedWritten(List<FileUpdate> updates) {
        if (semantic != null) {
            dispatch(updates.stream().map(semantic::fileWritten).toList());
        }
    }

    private void dropRemoved(List<String> paths) {
        if (semantic != null) {
            dispatch(paths.stream().map(semantic::fileRemoved).toList());
        }
    }

    /** One cancel and one embed message for all the work of a batch; the cancel goes first. */
    private void dispatch(List<SemanticIndex.Work> work) {
        List<String> cancel = new ArrayList<>();
        List<EmbeddingStage.Job> embed = new ArrayList<>();
        for (SemanticIndex.Work w : work) {
            cancel.addAll(w.cancel());
            embed.addAll(w.embed());
        }
        if (!cancel.isEmpty()) {
            embedding.tell(new EmbeddingStage.Cancel(cancel));
        }
        if (!embed.isEmpty()) {
            embedding.tell(new EmbeddingStage.Embed(embed));
        }
        if (!cancel.isEmpty()) {
            maybePublishVectors();
        }
    }

    private Behavior<Command> onVectorsEmbedded(VectorsEmbedded embedded) {
        int failures = semantic.accept(embedded.embedded());
        if (failures > 0) {
            lastError = "embedding failed for " + failures + " chunks: " + embedded.embedded().error();
            getContext().getLog().warn("index {}: {}", spec.id(), lastError);
        }
        maybePublishVectors();
        return this;
    }

    /**
     * Publishes new vectors at most every refresh interval (linking them into the graph is CPU work
     * on this actor), and at once when nothing is left to embed, so coverage reaches 100% promptly.
     */
    private void maybePublishVectors() {
        if (!semantic.hasUnpublished()) {
            return;
        }
        long wait = services.refreshInterval().toNanos() - (System.nanoTime() - lastVectorPublishNanos);
        if (semantic.pendingCount() == 0 || wait <= 0) {
            publishVectors();
        } else if (!vectorPublishScheduled) {
            vectorPublishScheduled = true;
            getContext().scheduleOnce(Duration.ofNanos(wait), getContext().getSelf(), new PublishVectors());
        }
    }

    private Behavior<Command> onPublishVectors(PublishVectors tick) {
        vectorPublishScheduled = false;
        if (semantic.hasUnpublished()) {
            publishVectors();
        }
        return this;
    }

    private void publishVectors() {
        semantic.publish();
        lastVectorPublishNanos = System.nanoTime();
        publish();
    }

    private Behavior<Command> onPostStop(PostStop signal) {
        services.board().withdraw(spec.id());
        if (staging != null) {
            try {
                staging.discard();
            } catch (IOException e) {
                getContext().getLog().warn("index {}: discarding the staging index failed: {}", spec.id(), e.toString());
            }
        }
        if (corpus != null) {
            try {
                corpus.close();
            } catch (IOException e) {
                getContext().getLog().warn("index {}: closing failed: {}", spec.id(), e.toString());
            }
        }
        stopWaiters.forEach(w -> w.tell(Done.getInstance()));
        return this;
    }

    private void closeLater(Corpus retired) {
        CompletableFuture.runAsync(() -> {
            try {
                retired.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, blocking).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("index {}: closing the replaced index failed: {}", spec.id(), describe(error));
            }
        });
    }

    private void discardLater(Corpus unused) {
        CompletableFuture.runAsync(() -> {
            try {
                unused.discard();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, blocking).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("index {}: discarding the staging index failed: {}", spec.id(), describe(error));
            }
        });
    }

    private static String describe(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.io.UncheckedIOException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
