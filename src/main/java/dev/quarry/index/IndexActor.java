package dev.quarry.index;

import dev.quarry.QuarrySerializable;
import dev.quarry.index.persist.Persister;
import dev.quarry.ingest.FileUpdate;
import dev.quarry.ingest.IngestBatch;
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

    private record Opened(Corpus corpus) implements Command {}

    private record OpenFailed(String error) implements Command {}

    private record WalkFinished(long runId, WalkStats stats, String error) implements Command {}

    private record BatchWritten(CommitBatch commit, String error) implements Command {}

    private record Refreshed(long generation, String error) implements Command {}

    private record PersisterEvent(Persister.Event event) implements Command {}

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

        long elapsedMillis() {
            return (System.nanoTime() - startedNanos) / 1_000_000;
        }
    }

    private record Finishing(Run run, String error) {}

    private final IndexSpec spec;
    private final IndexServices services;
    private final Executor blocking;
    private final org.apache.pekko.actor.typed.javadsl.StashBuffer<Command> stash;

    private Corpus corpus;
    private ActorRef<Persister.Command> persister;
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
    /** Set by {@link Stop}: the actor flushes and stops as soon as no walk runs and no batch is being written. */
    private boolean stopRequested;
    private boolean flushingToStop;
    private final List<ActorRef<Done>> stopWaiters = new ArrayList<>();

    private IndexActor(ActorContext<Command> context,
                       org.apache.pekko.actor.typed.javadsl.StashBuffer<Command> stash,
                       IndexSpec spec, IndexServices services) {
        super(context);
        this.stash = stash;
        this.spec = spec;
        this.services = services;
        this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig("quarry.blocking-dispatcher"));
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
        Path luceneDir = services.indexDir(spec.id()).resolve("lucene");
        getContext().pipeToSelf(
                CompletableFuture.supplyAsync(() -> {
                    try {
                        Files.createDirectories(luceneDir);
                        return Corpus.open(luceneDir, services.ramBufferMb());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, blocking),
                (opened, error) -> error == null ? new Opened(opened) : new OpenFailed(describe(error)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Opened.class, this::onOpened)
                .onMessage(OpenFailed.class, this::onOpenFailed)
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(Reindex.class, this::onReindex)
                .onMessage(Watch.class, this::onWatch)
                .onMessage(Flush.class, this::onFlush)
                .onMessage(CommitBatch.class, this::onCommitBatch)
                .onMessage(BatchWritten.class, this::onBatchWritten)
                .onMessage(WalkFinished.class, this::onWalkFinished)
                .onMessage(Refreshed.class, this::onRefreshed)
                .onMessage(PersisterEvent.class, this::onPersisterEvent)
                .onMessage(Search.class, this::onSearch)
                .onMessage(Stop.class, this::onStop)
                .onMessage(ReadyToStop.class, ready -> Behaviors.stopped())
                .onSignal(PostStop.class, this::onPostStop)
                .build();
    }

    private Behavior<Command> onOpened(Opened opened) {
        corpus = opened.corpus();
        generation = corpus.openedGeneration();
        durableGeneration = generation;
        visibleGeneration = generation;
        ActorRef<Persister.Event> events = getContext().messageAdapter(Persister.Event.class, PersisterEvent::new);
        persister = getContext().spawn(
                Persister.create(corpus::commit, events, generation, Duration.ofMillis(200)), "persister");
        state = IndexState.READY;
        publish();
        return stash.unstashAll(this);
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
        if (corpus == null) {
            reindex.replyTo().tell(finalProgress(null, "index is " + state.id() + ": " + lastError));
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
        long runId = run.id;
        WalkOptions walkOptions = new WalkOptions(
                spec.options().maxFileBytes(), spec.options().followSymlinks(), spec.options().excludes());
        ActorRef<Command> self = getContext().getSelf();
        getContext().pipeToSelf(
                services.pipeline().run(getContext().getSystem(), root, walkOptions, corpus.fingerprints(), reindex.force(),
                        batch -> AskPattern.<Command, Done>askWithStatus(self, r -> new CommitBatch(runId, batch, r),
                                Duration.ofMinutes(10), getContext().getSystem().scheduler())),
                (stats, error) -> new WalkFinished(runId, stats, error == null ? null : describe(error)));
        return this;
    }

    private Behavior<Command> onWatch(Watch watch) {
        if (run != null) {
            run.watchers.add(watch.watcher());
        } else if (finishing != null) {
            finishing.run().watchers.add(watch.watcher());
        } else {
            watch.watcher().tell(finalProgress(null, state == IndexState.FAILED ? lastError : null));
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
        getContext().pipeToSelf(writeInParallel(commit.batch().updates()),
                (ok, error) -> new BatchWritten(commit, error == null ? null : describe(error)));
        return this;
    }

    /** Lucene analysis is the costly part of a commit: spread the batch's files over the worker pool. */
    private CompletableFuture<Void> writeInParallel(List<FileUpdate> updates) {
        int slices = Math.max(1, Math.min(services.workerCount(), updates.size()));
        Corpus c = corpus;
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
            corpus.record(update);
        }
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
        if (!batch.updates().isEmpty()) {
            markDirty();
        }
        commit.replyTo().tell(StatusReply.ack());
        maybeRefresh(false);
        return stash.unstashAll(this);
    }

    private Behavior<Command> onWalkFinished(WalkFinished finished) {
        if (run == null || run.id != finished.runId()) {
            return this;
        }
        Run done = run;
        String error = finished.error();
        if (error == null) {
            error = pruneMissing(done, finished.stats());
        }
        if (finished.stats() != null) {
            WalkStats s = finished.stats();
            addSkip(done, "ignored", s.ignored());
            addSkip(done, "oversized", s.oversized());
            addSkip(done, "unreadable", s.unreadable());
            addSkip(done, "symlink", s.symlinksSkipped());
        }
        lastError = error;
        lastWalk = new WalkSummary(done.walked, done.changed, done.unchanged, done.removed, done.chunks,
                done.skipped, done.elapsedMillis(), Instant.now().toString());
        run = null;
        finishing = new Finishing(done, error);
        maybeRefresh(true);
        completeFinishingWhenVisible();
        return this;
    }

    /** A walk is only reported done once its last batch is visible to searches. */
    private void completeFinishingWhenVisible() {
        if (finishing == null || refreshing || visibleGeneration < generation) {
            return;
        }
        Finishing f = finishing;
        finishing = null;
        state = IndexState.READY;
        IndexingProgress last = finalProgress(f.run(), f.error());
        f.run().watchers.forEach(w -> w.tell(last));
        publish();
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
        try {
            for (String path : missing) {
                corpus.remove(path);
                done.removed++;
            }
            markDirty();
            return null;
        } catch (IOException e) {
            return "removing deleted files failed: " + describe(e);
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
        return new IndexStatus(spec.id(), spec.root(), state, files, chunks, generation, visibleGeneration, durableGeneration,
                progress, lastWalk, lastError);
    }

    private void publish() {
        services.board().publish(new IndexView(spec.id(), corpus == null ? null : corpus.searchers(), status()));
    }

    private Behavior<Command> onPostStop(PostStop signal) {
        services.board().withdraw(spec.id());
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

    private static String describe(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.io.UncheckedIOException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
