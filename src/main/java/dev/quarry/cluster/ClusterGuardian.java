package dev.quarry.cluster;

import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexServices;
import dev.quarry.index.RegistryStore;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Guardian of a clustered node. Starts the registry as a cluster singleton (one writer of
 * registry.json on the shared store) and the "index" shard region, then forwards every registry
 * command to the singleton, so callers address "the registry" the same way on one node or many.
 */
public final class ClusterGuardian {
    private ClusterGuardian() {}

    /** @param askTimeout how long an entity waits for the registry, and the registry for a stopping entity */
    public static Behavior<IndexRegistry.Command> create(RegistryStore store, IndexServices services, Duration askTimeout) {
        return Behaviors.setup(ctx -> {
            ClusterSharding sharding = ClusterSharding.get(ctx.getSystem());
            Behavior<IndexRegistry.Command> registry = IndexRegistry.createShared(
                    store, services, id -> sharding.entityRefFor(IndexEntity.TYPE_KEY, id), askTimeout);
            // Restarting re-reads registry.json, e.g. after the shared volume came back.
            ActorRef<IndexRegistry.Command> singleton = ClusterSingleton.get(ctx.getSystem()).init(SingletonActor.of(
                    Behaviors.supervise(registry).onFailure(
                            SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2)),
                    "index-registry"));
            sharding.init(IndexEntity.entity(services, singleton, askTimeout));
            return Behaviors.receive(IndexRegistry.Command.class)
                    .onAnyMessage(command -> {
                        singleton.tell(command);
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
