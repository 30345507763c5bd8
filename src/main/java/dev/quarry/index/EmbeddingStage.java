package dev.quarry.index;

import dev.quarry.QuarrySerializable;
import dev.quarry.embed.Embedder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Child of an {@link IndexActor} that turns chunk texts into vectors in the background. It keeps a
 * queue keyed by chunk id (a newer request for a chunk replaces the queued one, a cancel drops it)
 * and runs at most {@code parallelism} small slices at a time on the node's embedding pool, whose
 * threads run at low OS priority so lexical ingest and searches win the CPU. Each finished slice
 * goes back to the parent as {@link Embedded}; the parent decides, by ticket, whether a vector is
 * still wanted.
 */
public final class EmbeddingStage extends AbstractBehavior<EmbeddingStage.Command> {

    /** Chunks per task: small enough that a cancel or shutdown waits little, large enough to batch replies. */
    static final int SLICE = 16;

    public sealed interface Command extends QuarrySerializable {}

    /** Embed these; queued work for the same chunk ids is replaced. */
    public record Embed(List<Job> jobs) implements Command {
        public Embed {
            jobs = List.copyOf(jobs);
        }
    }

    /** Forget queued work for these chunks (their file changed or went away). */
    public record Cancel(List<String> chunkIds) implements Command {
        public Cancel {
            chunkIds = List.copyOf(chunkIds);
        }
    }

    /** @param ticket the requester's version of the chunk, returned with its vector */
    public record Job(String chunkId, long ticket, String text) {}

    public record ChunkVector(String chunkId, long ticket, float[] vector) {}

    /** One slice's outcome: vectors, and chunks the embedder failed on with the first error. */
    public record Embedded(List<ChunkVector> vectors, List<Job> failed, String error) implements QuarrySerializable {
        public Embedded {
            vectors = List.copyOf(vectors);
            failed = List.copyOf(failed);
        }
    }

    private record SliceDone(Embedded result) implements Command {}

    private final Embedder embedder;
    private final ExecutorService pool;
    private final int parallelism;
    private final ActorRef<Embedded> replyTo;
    private final Map<String, Job> queue = new LinkedHashMap<>();
    private int running;

    private EmbeddingStage(ActorContext<Command> context, Embedder embedder, ExecutorService pool, int parallelism,
            ActorRef<Embedded> replyTo) {
        super(context);
        this.embedder = embedder;
        this.pool = pool;
        this.parallelism = parallelism;
        this.replyTo = replyTo;
    }

    public static Behavior<Command> create(Embedder embedder, ExecutorService pool, int parallelism, ActorRef<Embedded> replyTo) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        return Behaviors.setup(ctx -> new EmbeddingStage(ctx, embedder, pool, parallelism, replyTo));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Embed.class, this::onEmbed)
                .onMessage(Cancel.class, this::onCancel)
                .onMessage(SliceDone.class, this::onSliceDone)
                .build();
    }

    private Behavior<Command> onEmbed(Embed embed) {
        for (Job job : embed.jobs()) {
            queue.remove(job.chunkId()); // re-inserted at the tail: the newest version waits its turn
            queue.put(job.chunkId(), job);
        }
        startSlices();
        return this;
    }

    private Behavior<Command> onCancel(Cancel cancel) {
        cancel.chunkIds().forEach(queue::remove);
        return this;
    }

    private Behavior<Command> onSliceDone(SliceDone done) {
        running--;
        replyTo.tell(done.result());
        startSlices();
        return this;
    }

    private void startSlices() {
        while (running < parallelism && !queue.isEmpty()) {
            List<Job> slice = new ArrayList<>(SLICE);
            Iterator<Job> head = queue.values().iterator();
            while (head.hasNext() && slice.size() < SLICE) {
                slice.add(head.next());
                head.remove();
            }
            running++;
            getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> embed(slice), pool),
                    (result, error) -> new SliceDone(result != null ? result
                            : new Embedded(List.of(), slice, describe(error))));
        }
    }

    private Embedded embed(List<Job> slice) {
        List<ChunkVector> vectors = new ArrayList<>(slice.size());
        List<Job> failed = new ArrayList<>();
        String error = null;
        for (Job job : slice) {
            if (pool.isShutdown()) {
                // The node is closing: stop between chunks rather than finish the slice. Not by
                // interrupting the thread, which would close the embedding cache's file channel.
                throw new java.util.concurrent.CancellationException("the node is closing");
            }
            try {
                vectors.add(new ChunkVector(job.chunkId(), job.ticket(), embedder.embedDocument(job.text())));
            } catch (RuntimeException e) {
                failed.add(job);
                error = error != null ? error : describe(e);
            }
        }
        return new Embedded(vectors, failed, error);
    }

    private static String describe(Throwable error) {
        Throwable t = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
                ? error.getCause() : error;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
