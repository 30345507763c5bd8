package dev.quarry.index.persist;

import dev.quarry.QuarrySerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Child of an index actor that owns durability. Its behaviours are the state machine: {@code idle}
 * and {@code writing}. While a write is in flight, further {@link Dirty} messages only raise the
 * pending generation, so a burst of commits costs at most two writes and at most one write is ever
 * in flight — a property of the behaviour, not of a lock or flag.
 */
public final class Persister {

    public sealed interface Command extends QuarrySerializable {}

    /** The index committed {@code generation}; it should become durable soon. */
    public record Dirty(long generation) implements Command {}

    /** Answer once {@code generation} (and everything before it) is durable. */
    public record Flush(long generation, ActorRef<Flushed> replyTo) implements Command {}

    public record Flushed(long durableGeneration) implements QuarrySerializable {}

    /** What the persister tells its parent after each write attempt. */
    public sealed interface Event extends QuarrySerializable {}

    public record Persisted(long generation, long tookMillis) implements Event {}

    public record PersistFailed(long generation, String error, int attempt) implements Event {}

    private record WriteDone(long generation, long tookMillis) implements Command {}

    private record WriteFailed(long generation, String error) implements Command {}

    private record Retry() implements Command {}

    private record Waiter(long generation, ActorRef<Flushed> replyTo) {}

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final Snapshotter snapshotter;
    private final ActorRef<Event> parent;
    private final Executor blocking;
    private final Duration firstBackoff;
    private long durable;

    private Persister(
            ActorContext<Command> context,
            TimerScheduler<Command> timers,
            Snapshotter snapshotter,
            ActorRef<Event> parent,
            long durableGeneration,
            Duration firstBackoff) {
        this.context = context;
        this.timers = timers;
        this.snapshotter = snapshotter;
        this.parent = parent;
        this.durable = durableGeneration;
        this.firstBackoff = firstBackoff;
        this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig("quarry.blocking-dispatcher"));
    }

    /**
     * @param durableGeneration the generation already on disk when the index was opened
     * @param firstBackoff      delay before the first retry of a failed write; doubles up to 30 s
     */
    public static Behavior<Command> create(
            Snapshotter snapshotter, ActorRef<Event> parent, long durableGeneration, Duration firstBackoff) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new Persister(ctx, timers, snapshotter, parent, durableGeneration, firstBackoff).idle(List.of())));
    }

    private Behavior<Command> idle(List<Waiter> waiters) {
        return Behaviors.receive(Command.class)
                .onMessage(Dirty.class, d -> d.generation() > durable ? launch(d.generation(), 0, waiters) : Behaviors.same())
                .onMessage(Flush.class, f -> onFlushWhileIdle(f, waiters))
                .onMessage(Retry.class, r -> Behaviors.same())
                .build();
    }

    private Behavior<Command> onFlushWhileIdle(Flush flush, List<Waiter> waiters) {
        if (flush.generation() <= durable) {
            flush.replyTo().tell(new Flushed(durable));
            return Behaviors.same();
        }
        // A flush for a generation no Dirty announced yet: write it now rather than wait.
        return launch(flush.generation(), 0, append(waiters, flush));
    }

    private Behavior<Command> writing(long current, long pending, int attempt, List<Waiter> waiters) {
        return Behaviors.receive(Command.class)
                .onMessage(Dirty.class, d -> writing(current, Math.max(pending, d.generation()), attempt, waiters))
                .onMessage(Flush.class, f -> f.generation() <= durable
                        ? replyNow(f)
                        : writing(current, Math.max(pending, f.generation()), attempt, append(waiters, f)))
                .onMessage(WriteDone.class, done -> onWriteDone(done, pending, waiters))
                .onMessage(WriteFailed.class, failed -> onWriteFailed(failed, pending, attempt, waiters))
                .onMessage(Retry.class, r -> Behaviors.same())
                .build();
    }

    private Behavior<Command> replyNow(Flush flush) {
        flush.replyTo().tell(new Flushed(durable));
        return Behaviors.same();
    }

    private Behavior<Command> onWriteDone(WriteDone done, long pending, List<Waiter> waiters) {
        durable = Math.max(durable, done.generation());
        parent.tell(new Persisted(done.generation(), done.tookMillis()));
        List<Waiter> still = new ArrayList<>();
        for (Waiter w : waiters) {
            if (w.generation() <= durable) {
                w.replyTo().tell(new Flushed(durable));
            } else {
                still.add(w);
            }
        }
        if (pending > durable) {
            return launch(pending, 0, still);
        }
        return idle(List.copyOf(still));
    }

    private Behavior<Command> onWriteFailed(WriteFailed failed, long pending, int attempt, List<Waiter> waiters) {
        int next = attempt + 1;
        parent.tell(new PersistFailed(failed.generation(), failed.error(), next));
        context.getLog().warn("snapshot of generation {} failed (attempt {}): {}", failed.generation(), next, failed.error());
        long delay = Math.min(MAX_BACKOFF.toMillis(), firstBackoff.toMillis() << Math.min(next - 1, 16));
        timers.startSingleTimer(new Retry(), Duration.ofMillis(delay));
        // Stay in writing: nothing else may start until the retry runs, and new Dirty messages coalesce.
        return writingAwaitingRetry(Math.max(failed.generation(), pending), next, waiters);
    }

    private Behavior<Command> writingAwaitingRetry(long target, int attempt, List<Waiter> waiters) {
        return Behaviors.receive(Command.class)
                .onMessage(Dirty.class, d -> writingAwaitingRetry(Math.max(target, d.generation()), attempt, waiters))
                .onMessage(Flush.class, f -> f.generation() <= durable
                        ? replyNow(f)
                        : writingAwaitingRetry(Math.max(target, f.generation()), attempt, append(waiters, f)))
                .onMessage(Retry.class, r -> launch(target, attempt, waiters))
                .build();
    }

    private Behavior<Command> launch(long generation, int attempt, List<Waiter> waiters) {
        long started = System.nanoTime();
        context.pipeToSelf(
                CompletableFuture.supplyAsync(() -> {
                    try {
                        return snapshotter.snapshot(generation);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, blocking),
                (covered, error) -> error == null
                        ? new WriteDone(covered, (System.nanoTime() - started) / 1_000_000)
                        : new WriteFailed(generation, rootMessage(error)));
        return writing(generation, generation, attempt, waiters);
    }

    private static List<Waiter> append(List<Waiter> waiters, Flush flush) {
        List<Waiter> copy = new ArrayList<>(waiters);
        copy.add(new Waiter(flush.generation(), flush.replyTo()));
        return List.copyOf(copy);
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException || t instanceof java.io.UncheckedIOException)) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
