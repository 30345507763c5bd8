package dev.quarry.ingest.walk;

import java.util.List;
import java.util.Objects;

/**
 * How a {@link FileWalker} walks a tree.
 *
 * @param maxFileBytes   files larger than this are counted as oversized and not returned
 * @param followSymlinks follow links whose real target stays inside the root (never loops)
 * @param excludes       extra gitignore-syntax patterns relative to the root; they take
 *                       precedence over every ignore file, like git's command-line excludes
 */
public record WalkOptions(long maxFileBytes, boolean followSymlinks, List<String> excludes) {
    private static final long ONE_MIB = 1L << 20;

    public WalkOptions {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive, was " + maxFileBytes);
        }
        excludes = List.copyOf(Objects.requireNonNull(excludes, "excludes"));
    }

    public static WalkOptions defaults() {
        return new WalkOptions(ONE_MIB, false, List.of());
    }
}
