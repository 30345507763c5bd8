package dev.quarry.cluster;

import dev.quarry.index.IndexActor;
import dev.quarry.index.IndexRegistry;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * How this node reaches index X once the registry said it exists: the registry's child on a single
 * node, the sharded entity — wherever it lives — in a cluster. The rest of the node does not care which.
 */
@FunctionalInterface
public interface IndexRefs {

    /** @param found the registry's answer for an index that exists */
    RecipientRef<IndexActor.Command> ref(IndexRegistry.Found found);

    static IndexRefs local() {
        return IndexRegistry.Found::index;
    }

    static IndexRefs sharded(ActorSystem<?> system) {
        ClusterSharding sharding = ClusterSharding.get(system);
        return found -> sharding.entityRefFor(IndexEntity.TYPE_KEY, found.id());
    }
}
