package dev.quarry.api;

import dev.quarry.index.IndexingProgress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** A short-lived actor that hands progress events to a callback and completes when the walk is done. */
final class ProgressListener {
    private ProgressListener() {}

    static Behavior<IndexingProgress> create(Consumer<IndexingProgress> onProgress, CompletableFuture<IndexingProgress> done) {
        return Behaviors.receive(IndexingProgress.class)
                .onMessage(IndexingProgress.class, progress -> {
                    onProgress.accept(progress);
                    if (progress.done()) {
                        done.complete(progress);
                        return Behaviors.stopped();
                    }
                    return Behaviors.same();
                })
                .build();
    }
}
