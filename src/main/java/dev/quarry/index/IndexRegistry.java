package dev.quarry.index;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.quarry.QuarrySerializable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Guardian that creates, finds and stops index actors by id, and persists which indexes exist.
 * The list is written atomically after every change; ids and roots are unique and roots never
 * nest inside each other (one file belongs to at most one index). On a single node the index actors
 * are its children; in a cluster it runs as a singleton and the indexes are sharded entities that
 * start on demand wherever sharding places them, so it only keeps the catalogue.
 */
public final class IndexRegistry extends AbstractBehavior<IndexRegistry.Command> {

    public sealed interface Command extends QuarrySerializable {}

    public record Register(IndexSpec spec, ActorRef<RegisterReply> replyTo) implements Command {}

    public record Lookup(String id, ActorRef<Found> replyTo) implements Command {}

    public record ListIndexes(ActorRef<Listing> replyTo) implements Command {}

    public record Unregister(String id, boolean deleteData, ActorRef<Unregistered> replyTo) implements Command {}

    private record IndexStopped(String id, boolean deleteData, ActorRef<Unregistered> replyTo) implements Command {}

    private record DataDeleted(String id, boolean deleted, String error, ActorRef<Unregistered> replyTo) implements Command {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Registered.class, name = "registered"),
        @JsonSubTypes.Type(value = Rejected.class, name = "rejected")
    })
    public sealed interface RegisterReply extends QuarrySerializable {}

    /** @param created false when the same id was already registered with the same root */
    public record Registered(IndexSpec spec, boolean created) implements RegisterReply {}

    /** @param conflict true for a clash with an existing index (HTTP 409), false for a bad spec (400) */
    public record Rejected(String message, boolean conflict) implements RegisterReply {}

    /** {@code spec} and {@code index} are null when no index has that id; {@code index} is null in a cluster. */
    public record Found(String id, IndexSpec spec, ActorRef<IndexActor.Command> index) implements QuarrySerializable {
        public boolean exists() {
            return spec != null;
        }
    }

    public record Listing(List<IndexSpec> indexes) implements QuarrySerializable {}

    /** What actually happened: {@code dataDeleted} reflects the disk, not the request. */
    public record Unregistered(String id, boolean existed, boolean dataDeleted, String error) implements QuarrySerializable {}

    private final RegistryStore store;
    private final IndexServices services;
    private final Map<String, IndexSpec> specs = new LinkedHashMap<>();
    private final Map<String, ActorRef<IndexActor.Command>> actors = new LinkedHashMap<>();
    /** Reaches sharded index entities by id; null when the index actors are this registry's children. */
    private final Function<String, RecipientRef<IndexActor.Command>> entities;
    private final Duration stopTimeout;

    private IndexRegistry(ActorContext<Command> context, RegistryStore store, IndexServices services, List<IndexSpec> initial,
                          Function<String, RecipientRef<IndexActor.Command>> entities, Duration stopTimeout) {
        super(context);
        this.store = store;
        this.services = services;
        this.entities = entities;
        this.stopTimeout = stopTimeout;
        for (IndexSpec spec : initial) {
            specs.put(spec.id(), spec);
            host(spec);
        }
    }

    /** @param initial the indexes loaded from {@code store} before the actor system started */
    public static Behavior<Command> create(RegistryStore store, IndexServices services, List<IndexSpec> initial) {
        return Behaviors.setup(ctx -> new IndexRegistry(ctx, store, services, initial, null, null));
    }

    /**
     * The cluster-wide registry (run it as a cluster singleton): loads {@code store} — on the shared
     * directory — whenever it starts, so a hand-over to another node sees the latest list.
     *
     * @param entities    the sharded entity of an index id; used to stop it when it is unregistered
     * @param stopTimeout how long an unregistered index may take to flush and close its files
     */
    public static Behavior<Command> createShared(RegistryStore store, IndexServices services,
                                                 Function<String, RecipientRef<IndexActor.Command>> entities,
                                                 Duration stopTimeout) {
        return Behaviors.setup(ctx -> new IndexRegistry(ctx, store, services, store.load(), entities, stopTimeout));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Register.class, this::onRegister)
                .onMessage(Lookup.class, this::onLookup)
                .onMessage(ListIndexes.class, this::onListIndexes)
                .onMessage(Unregister.class, this::onUnregister)
                .onMessage(IndexStopped.class, this::onIndexStopped)
                .onMessage(DataDeleted.class, this::onDataDeleted)
                .build();
    }

    /** Single node: spawn the index actor now. Sharded entities start on their first message instead. */
    private void host(IndexSpec spec) {
        if (entities == null) {
            actors.put(spec.id(), getContext().spawn(IndexActor.create(spec, services), "index-" + spec.id()));
        }
    }

    private Behavior<Command> onRegister(Register register) {
        IndexSpec spec = register.spec();
        IndexSpec existing = specs.get(spec.id());
        if (existing != null) {
            if (samePath(existing.root(), spec.root())) {
                register.replyTo().tell(new Registered(existing, false));
            } else {
                register.replyTo().tell(new Rejected("index '" + spec.id() + "' already exists with root "
                        + existing.root(), true));
            }
            return this;
        }
        Optional<String> overlap = overlapping(spec);
        if (overlap.isPresent()) {
            register.replyTo().tell(new Rejected(overlap.get(), true));
            return this;
        }
        List<IndexSpec> next = new ArrayList<>(specs.values());
        next.add(spec);
        try {
            store.save(next);
        } catch (IOException e) {
            register.replyTo().tell(new Rejected("could not persist the registry: " + e.getMessage(), false));
            return this;
        }
        specs.put(spec.id(), spec);
        host(spec);
        register.replyTo().tell(new Registered(spec, true));
        return this;
    }

    private Optional<String> overlapping(IndexSpec candidate) {
        Path root = canonical(candidate.root());
        for (IndexSpec other : specs.values()) {
            Path otherRoot = canonical(other.root());
            if (root.equals(otherRoot)) {
                return Optional.of("root " + candidate.root() + " is already indexed as '" + other.id() + "'");
            }
            if (root.startsWith(otherRoot) || otherRoot.startsWith(root)) {
                return Optional.of("root " + candidate.root() + " overlaps index '" + other.id() + "' at " + other.root());
            }
        }
        return Optional.empty();
    }

    private static boolean samePath(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    private static Path canonical(String root) {
        Path path = Path.of(root).toAbsolutePath().normalize();
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    private Behavior<Command> onLookup(Lookup lookup) {
        lookup.replyTo().tell(new Found(lookup.id(), specs.get(lookup.id()), actors.get(lookup.id())));
        return this;
    }

    private Behavior<Command> onListIndexes(ListIndexes list) {
        list.replyTo().tell(new Listing(specs.values().stream()
                .sorted(Comparator.comparing(IndexSpec::id)).toList()));
        return this;
    }

    private Behavior<Command> onUnregister(Unregister unregister) {
        if (!specs.containsKey(unregister.id())) {
            unregister.replyTo().tell(new Unregistered(unregister.id(), false, false, null));
            return this;
        }
        List<IndexSpec> next = specs.values().stream().filter(s -> !s.id().equals(unregister.id())).toList();
        try {
            store.save(next);
        } catch (IOException e) {
            unregister.replyTo().tell(new Unregistered(unregister.id(), true, false,
                    "could not persist the registry: " + e.getMessage()));
            return this;
        }
        specs.remove(unregister.id());
        IndexStopped stopped = new IndexStopped(unregister.id(), unregister.deleteData(), unregister.replyTo());
        // Data is only deleted once the actor has stopped and closed its files.
        if (entities == null) {
            ActorRef<IndexActor.Command> actor = actors.remove(unregister.id());
            getContext().watchWith(actor, stopped);
            getContext().stop(actor);
        } else {
            getContext().ask(Done.class, entities.apply(unregister.id()), stopTimeout, r -> new IndexActor.Stop(true, r),
                    (done, error) -> error == null ? stopped : new DataDeleted(unregister.id(), false,
                            "the index did not stop within " + stopTimeout + " (" + error.getMessage() + "); its data was kept",
                            unregister.replyTo()));
        }
        return this;
    }

    private Behavior<Command> onIndexStopped(IndexStopped stopped) {
        if (!stopped.deleteData()) {
            stopped.replyTo().tell(new Unregistered(stopped.id(), true, false, null));
            return this;
        }
        Path dir = services.indexDir(stopped.id());
        getContext().pipeToSelf(
                CompletableFuture.runAsync(() -> deleteTree(dir),
                        getContext().getSystem().dispatchers().lookup(DispatcherSelector.fromConfig("quarry.blocking-dispatcher"))),
                (ok, error) -> new DataDeleted(stopped.id(), error == null && !Files.exists(dir),
                        error == null ? null : "deleting " + dir + " failed: " + error.getMessage(), stopped.replyTo()));
        return this;
    }

    private Behavior<Command> onDataDeleted(DataDeleted deleted) {
        deleted.replyTo().tell(new Unregistered(deleted.id(), true, deleted.deleted(), deleted.error()));
        return this;
    }

    /**
     * Deletes the index's directory. A snapshot write the stopped persister had already started may
     * still land files meanwhile, so a tree that reappears is deleted again, for up to five seconds.
     */
    private static void deleteTree(Path dir) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                dev.quarry.index.persist.FileTrees.delete(dir);
                if (!Files.exists(dir)) {
                    return;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            if (System.nanoTime() > deadline) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
