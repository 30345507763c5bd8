package dev.quarry.cluster;

import dev.quarry.index.IndexActor;
import dev.quarry.index.IndexRegistry;
import java.util.Optional;
import org.apache.pekko.actor.typed.RecipientRef;

/** Single node: index actors are the registry's children, and asking the local registry is cheap. */
final class LocalIndexRefs implements IndexRefs {
    @Override
    public RecipientRef<IndexActor.Command> ref(IndexRegistry.Found found) {
        return found.index();
    }

    @Override
    public Optional<RecipientRef<IndexActor.Command>> confirmed(String id) {
        return Optional.empty();
    }

    @Override
    public void forget(String id) {
        // Nothing is remembered.
    }
}
