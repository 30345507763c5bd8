package dev.quarry.index.persist;

import java.time.Duration;

/**
 * How index actors persist on this node.
 *
 * @param firstRetryBackoff delay before retrying a failed snapshot; doubles up to 30 s
 * @param writes            the durable writes outside Lucene (a seam for failure tests)
 */
public record PersistSettings(Duration firstRetryBackoff, DurableWrites writes) {
    public static PersistSettings defaults() {
        return new PersistSettings(Duration.ofMillis(200), DurableWrites.disk());
    }
}
