package dev.quarry.index.vector;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A vector snapshot directory cannot be trusted: a file is missing, truncated, fails its checksum,
 * disagrees with the manifest, or names a format this version does not read. Checked, and an
 * {@link IOException}, so the persister has to decide what to do (fall back to an older generation
 * or re-embed) instead of starting from an empty store by accident.
 */
public final class CorruptVectorsException extends IOException {

    CorruptVectorsException(Path dir, String reason) {
        super(message(dir, reason));
    }

    CorruptVectorsException(Path dir, String reason, Throwable cause) {
        super(message(dir, reason), cause);
    }

    private static String message(Path dir, String reason) {
        return "Vector snapshot " + dir + " is corrupt: " + reason;
    }
}
