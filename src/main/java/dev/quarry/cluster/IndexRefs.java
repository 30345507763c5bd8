package dev.quarry.cluster;

import dev.quarry.index.IndexActor;
import dev.quarry.index.IndexRegistry;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;

/**
 * How this node reaches index X once the registry said it exists: the registry's child on a single
 * node, the sharded entity — wherever it lives — in a cluster. The rest of the node does not care which.
 */
public interface IndexRefs {

    /** @param found the registry's answer for an index that exists */
    RecipientRef<IndexActor.Command> ref(IndexRegistry.Found found);

    /**
     * A ref for an id this node already saw the registry confirm, without asking again — in a cluster
     * the registry is a singleton that may be failing over. Empty on a single node, where asking is cheap.
     */
    Optional<RecipientRef<IndexActor.Command>> confirmed(String id);

    /** Drops a confirmation: the id turned out to be unregistered. */
    void forget(String id);

    static IndexRefs local() {
        return new LocalIndexRefs();
    }

    static IndexRefs sharded(ActorSystem<?> system) {
        return new ShardedIndexRefs(system);
    }
}
