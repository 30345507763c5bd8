package dev.quarry.cluster;

import dev.quarry.index.IndexActor;
import dev.quarry.index.IndexRegistry;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Cluster: every index is the sharded entity of its id, wherever sharding placed it. Ids the
 * registry confirmed are remembered so requests keep flowing while the registry singleton moves; an
 * entity started for an id that was unregistered meanwhile says so ({@link IndexEntity#UNREGISTERED}).
 */
final class ShardedIndexRefs implements IndexRefs {
    private final ClusterSharding sharding;
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();

    ShardedIndexRefs(ActorSystem<?> system) {
        this.sharding = ClusterSharding.get(system);
    }

    @Override
    public RecipientRef<IndexActor.Command> ref(IndexRegistry.Found found) {
        confirmed.add(found.id());
        return sharding.entityRefFor(IndexEntity.TYPE_KEY, found.id());
    }

    @Override
    public Optional<RecipientRef<IndexActor.Command>> confirmed(String id) {
        return confirmed.contains(id) ? Optional.of(sharding.entityRefFor(IndexEntity.TYPE_KEY, id)) : Optional.empty();
    }

    @Override
    public void forget(String id) {
        confirmed.remove(id);
    }
}
