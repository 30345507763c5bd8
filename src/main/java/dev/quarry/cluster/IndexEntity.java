package dev.quarry.cluster;

import dev.quarry.index.IndexActor;
import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexServices;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexingProgress;
import dev.quarry.search.SearchReply;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * An index actor as a Cluster Sharding entity. Sharding starts it from nothing but the index id: it
 * asks the cluster registry for the index's spec (messages wait in a stash meanwhile), then becomes an
 * ordinary {@link IndexActor}, which rehydrates from the latest snapshot on the shared store. Idle
 * entities are passivated and hand-offs stop them with {@link IndexActor.Stop#WHEN_IDLE}, which flushes
 * before the files are closed.
 */
public final class IndexEntity {
    public static final EntityTypeKey<IndexActor.Command> TYPE_KEY = EntityTypeKey.create(IndexActor.Command.class, "index");

    /** The {@code state} of the {@link SearchReply.Unavailable} a search gets for an id nobody registered. */
    public static final String UNREGISTERED = "unregistered";

    private static final int STASH_CAPACITY = 10_000;
    private static final Duration LOOKUP_RETRY_DELAY = Duration.ofMillis(200);

    private record Resolved(IndexRegistry.Found found) {}

    private record LookupFailed(String error) {}

    private record RetryLookup() {}

    private IndexEntity() {}

    /** @param registry the registry singleton (or anything forwarding to it) */
    public static Entity<IndexActor.Command, ShardingEnvelope<IndexActor.Command>> entity(
            IndexServices services, ActorRef<IndexRegistry.Command> registry, Duration lookupTimeout) {
        return Entity.of(TYPE_KEY, ctx -> create(ctx.getEntityId(), services, registry, lookupTimeout))
                .withStopMessage(IndexActor.Stop.WHEN_IDLE);
    }

    static Behavior<IndexActor.Command> create(
            String id, IndexServices services, ActorRef<IndexRegistry.Command> registry, Duration lookupTimeout) {
        // Typed as Object while resolving: the lookup's answer is not an IndexActor command.
        return Behaviors.<Object>setup(ctx -> Behaviors.withStash(STASH_CAPACITY, stash -> {
            lookup(ctx, id, registry, lookupTimeout);
            return Behaviors.receive(Object.class)
                    .onMessage(Resolved.class, resolved -> resolved.found().exists()
                            ? stash.unstashAll(asIndex(resolved.found().spec(), services))
                            : unknown(ctx, id, stash))
                    .onMessage(LookupFailed.class, failed -> {
                        // The registry singleton may be moving to another node: keep asking.
                        ctx.getLog().warn("index {}: registry lookup failed ({}), retrying", id, failed.error());
                        ctx.scheduleOnce(LOOKUP_RETRY_DELAY, ctx.getSelf(), new RetryLookup());
                        return Behaviors.same();
                    })
                    .onMessage(RetryLookup.class, retry -> {
                        lookup(ctx, id, registry, lookupTimeout);
                        return Behaviors.same();
                    })
                    .onAnyMessage(message -> {
                        stash.stash(message);
                        return Behaviors.same();
                    })
                    .build();
        })).narrow();
    }

    private static void lookup(ActorContext<Object> ctx, String id, ActorRef<IndexRegistry.Command> registry, Duration timeout) {
        ctx.ask(IndexRegistry.Found.class, registry, timeout, r -> new IndexRegistry.Lookup(id, r),
                (found, error) -> error == null ? new Resolved(found) : new LookupFailed(error.toString()));
    }

    private static Behavior<Object> asIndex(IndexSpec spec, IndexServices services) {
        return Behaviors.transformMessages(Object.class, IndexActor.create(spec, services),
                pf -> pf.match(IndexActor.Command.class, command -> command));
    }

    /** A message for an id nobody registered (or just unregistered): say so where a caller waits, then stop. */
    private static Behavior<Object> unknown(ActorContext<Object> ctx, String id, StashBuffer<Object> stash) {
        String reason = "no index '" + id + "' is registered";
        stash.forEach(message -> {
            switch (message) {
                case IndexActor.Search s -> s.replyTo().tell(new SearchReply.Unavailable(id, UNREGISTERED, reason, false));
                case IndexActor.Stop s when s.replyTo() != null -> s.replyTo().tell(Done.getInstance());
                case IndexActor.Reindex r -> r.replyTo().tell(failed(id, reason));
                case IndexActor.Watch w -> w.watcher().tell(failed(id, reason));
                default -> ctx.getLog().warn("index {}: dropping {}: {}", id, message.getClass().getSimpleName(), reason);
            }
        });
        stash.clear();
        return Behaviors.stopped();
    }

    private static IndexingProgress failed(String id, String reason) {
        return new IndexingProgress(id, "failed", 0, 0, 0, 0, 0, Map.of(), 0, true, reason);
    }
}
