package dev.quarry.index.persist;

import java.io.IOException;

/**
 * A snapshot generation failed verification: a checksum or size mismatch, a missing or truncated
 * file, an unknown format. Never treated as "empty": the generation is quarantined instead.
 */
public final class CorruptSnapshotException extends IOException {
    public CorruptSnapshotException(String message) {
        super(message);
    }

    public CorruptSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
