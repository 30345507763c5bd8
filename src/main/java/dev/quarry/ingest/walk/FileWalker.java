package dev.quarry.ingest.walk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;

/**
 * Lists the indexable files under a root: honours nested .gitignore and .quarryignore files,
 * the root's .git/info/exclude and {@link WalkOptions#excludes()}, and always skips tool
 * directories and files likely to hold secrets. I/O problems are counted, never thrown.
 */
public final class FileWalker implements Iterable<WalkEntry> {
    private final Path root;
    private final Path realRoot;
    private final WalkOptions options;
    private volatile WalkCounters counters = new WalkCounters();

    private FileWalker(Path root, Path realRoot, WalkOptions options) {
        this.root = root;
        this.realRoot = realRoot;
        this.options = options;
    }

    /**
     * @throws IllegalArgumentException if {@code root} is not a directory
     * @throws UncheckedIOException     if its real path cannot be resolved
     */
    public static FileWalker create(Path root, WalkOptions options) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(options, "options");
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("Walk root is not a directory: " + root);
        }
        try {
            return new FileWalker(root.toAbsolutePath().normalize(), root.toRealPath(), options);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve the real path of walk root " + root, e);
        }
    }

    /**
     * Starts a new walk: lazy, depth-first, children in name order. The root is listed now, the
     * rest as the iterator advances. Consume it from one thread at a time.
     */
    @Override
    public Iterator<WalkEntry> iterator() {
        WalkCounters fresh = new WalkCounters();
        counters = fresh;
        return new WalkIterator(root, realRoot, options, fresh);
    }

    /** Counters of the most recently started walk so far; safe to call from any thread. */
    public WalkStats stats() {
        return counters.snapshot();
    }
}
