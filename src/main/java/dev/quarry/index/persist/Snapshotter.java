package dev.quarry.index.persist;

import java.io.IOException;

/**
 * Makes everything the index committed up to a generation durable. Called by the {@link Persister}
 * on the blocking dispatcher, never concurrently with itself.
 */
@FunctionalInterface
public interface Snapshotter {
    /** Writes a snapshot covering at least {@code generation}; returns the generation it covers. */
    long snapshot(long generation) throws IOException;
}
