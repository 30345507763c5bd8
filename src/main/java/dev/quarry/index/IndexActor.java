package dev.quarry.index;

import dev.quarry.QuarrySerializable;
import dev.quarry.index.persist.GenerationWriter;
import dev.quarry.index.persist.Persister;
import dev.quarry.index.persist.RetainedCommits;
import dev.quarry.index.persist.SnapshotLayout;
import dev.quarry.ingest.FileUpdate;
import dev.quarry.ingest.IngestBatch;
import dev.quarry.ingest.walk.WalkOptions;
import dev.quarry.ingest.walk.WalkStats;
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

    private record Opened(WarmBoot.Outcome outcome) implements Command {}

    private record OpenFailed(String error) implements Command {}

    private record StagingOpened(long runId, Corpus staging, String error) implements Command {}

    private record StagingRefreshed(long runId, String error) implements Command {}

    private record LiveFlushed(long runId) implements Command {}

    private record WalkFinished(long runId, WalkStats stats, String error) implements Command {}

    private record BatchWritten(CommitBatch commit, Corpus target, String error) implements Command {}

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
                        return WarmBoot.restore(spec, layout, services.ramBufferMb(), services.persist().writes());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, blocking),
                (outcome, error) -> error == null ? new Opened(outcome) : new OpenFailed(describe(error)));
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
                .onSignal(PostStop.class, this::onPostStop)
                .build();
    }

    private Behavior<Command> onOpened(Opened opened) {
        switch (opened.outcome()) {
            case WarmBoot.Restored r -> {
                generation = r.generation();
                durableGeneration = generation;
                visibleGeneration = generation;
                becomeLive(r.corpus(), r.writer());
                state = IndexState.READY;
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
        persister = getContext().spawn(
                Persister.create(writer, events, durableGeneration, services.persist().firstRetryBackoff()),
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
            startWalk(run, corpus.fingerprints());
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
        getContext().pipeToSelf(writeInParallel(target, commit.batch().updates()),
                (ok, error) -> new BatchWritten(commit, target, error == null ? null : describe(error)));
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
        CommitBatch commit = written.commit();
        if (written.error() != null) {
            getContext().getLog().error("index {}: writing a batch failed: {}", spec.id(), written.error());
            commit.replyTo().tell(StatusReply.error("writing a batch failed: " + written.error()));
            return stash.unstashAll(this);
        }
        IngestBatch batch = commit.batch();
        for (FileUpdate update : batch.updates()) {
            written.target().record(update);
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
        // Staged writes become durable with the swap, not batch by batch.
        if (written.target() == corpus) {
            if (!batch.updates().isEmpty()) {
                markDirty();
            }
            maybeRefresh(false);
        }
        commit.replyTo().tell(StatusReply.ack());
        return stash.unstashAll(this);
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
