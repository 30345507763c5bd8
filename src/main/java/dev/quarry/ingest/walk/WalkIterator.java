package dev.quarry.ingest.walk;

import dev.quarry.ingest.walk.IgnoreRules.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One depth-first walk, driven by an explicit stack so deep trees cannot overflow the call stack.
 * Each directory is listed and sorted once, when first reached, and its ignore files are compiled
 * then; excluded directories are never listed. Children are visited in name order, giving a
 * deterministic pre-order.
 */
final class WalkIterator implements Iterator<WalkEntry> {
    private static final String GITIGNORE = ".gitignore";
    private static final String QUARRYIGNORE = ".quarryignore";

    private final Path realRoot;
    private final WalkOptions options;
    private final IgnoreRules excludes;
    private final WalkCounters counters;
    private final Deque<DirFrame> stack = new ArrayDeque<>();
    /** Real directories already entered, by file key; only needed when links can lead back. */
    private final Set<Object> visitedDirectories = new HashSet<>();
    private WalkEntry next;

    WalkIterator(Path root, Path realRoot, WalkOptions options, WalkCounters counters) {
        this.realRoot = realRoot;
        this.options = options;
        this.excludes = IgnoreRules.parse("", options.excludes());
        this.counters = counters;
        IgnoreChain base = IgnoreChain.empty();
        Path infoExclude = root.resolve(".git").resolve("info").resolve("exclude");
        if (Files.isRegularFile(infoExclude)) {
            base = base.with(readRules(infoExclude, ""));
        }
        if (options.followSymlinks()) {
            try {
                markVisited(realRoot, Files.readAttributes(realRoot, BasicFileAttributes.class));
            } catch (IOException e) {
                // enter() below fails on the same root and counts it as unreadable
            }
        }
        enter(root, "", base);
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public WalkEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException("walk finished");
        }
        WalkEntry entry = next;
        next = null;
        return entry;
    }

    private WalkEntry advance() {
        while (!stack.isEmpty()) {
            DirFrame frame = stack.peek();
            if (frame.next == frame.names.length) {
                stack.pop();
                continue;
            }
            WalkEntry entry = visit(frame, frame.names[frame.next++]);
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }

    /** Returns the entry for an accepted file, or null after counting why nothing is returned. */
    private WalkEntry visit(DirFrame frame, String name) {
        Path path = frame.dir.resolve(name);
        String relativePath = frame.childPath(name);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            counters.unreadable();
            return null;
        }
        if (attrs.isSymbolicLink()) {
            attrs = linkTarget(path);
            if (attrs == null) {
                return null;
            }
        }
        if (attrs.isDirectory()) {
            descend(frame, path, relativePath, name, attrs);
            return null;
        }
        return acceptFile(frame, path, relativePath, name, attrs);
    }

    /** The link's target attributes if it may be followed, else null (counted). */
    private BasicFileAttributes linkTarget(Path link) {
        if (!options.followSymlinks()) {
            counters.symlinkSkipped();
            return null;
        }
        try {
            Path target = link.toRealPath();
            if (target.startsWith(realRoot)) {
                return Files.readAttributes(target, BasicFileAttributes.class);
            }
        } catch (IOException dangling) {
            // counted below with links that leave the root
        }
        counters.symlinkSkipped();
        return null;
    }

    private void descend(DirFrame frame, Path dir, String relativePath, String name, BasicFileAttributes attrs) {
        if (BuiltInExclusions.isSkippedDirectory(name)) {
            counters.dirSkipped();
        } else if (isIgnored(frame, relativePath, name, true)) {
            counters.ignored();
        } else if (options.followSymlinks() && !markVisited(dir, attrs)) {
            counters.symlinkSkipped(); // a second way into a directory already walked, possibly a loop
        } else {
            enter(dir, relativePath, frame.rules);
        }
    }

    private WalkEntry acceptFile(
            DirFrame frame, Path file, String relativePath, String name, BasicFileAttributes attrs) {
        if (BuiltInExclusions.isExcludedFile(name) || isIgnored(frame, relativePath, name, false)) {
            counters.ignored();
            return null;
        }
        if (!attrs.isRegularFile()) {
            counters.unreadable(); // FIFOs, sockets, devices: reading could block or never end
            return null;
        }
        if (attrs.size() > options.maxFileBytes()) {
            counters.oversized();
            return null;
        }
        counters.accepted();
        return new WalkEntry(file, relativePath, attrs.size());
    }

    private boolean isIgnored(DirFrame frame, String relativePath, String name, boolean isDirectory) {
        Verdict verdict = excludes.verdict(relativePath, name, isDirectory);
        if (verdict == Verdict.NONE) {
            verdict = frame.rules.verdict(relativePath, name, isDirectory);
        }
        return verdict == Verdict.IGNORE;
    }

    private void enter(Path dir, String relativePath, IgnoreChain inherited) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            for (Path child : listing) {
                names.add(child.getFileName().toString());
            }
        } catch (IOException | DirectoryIteratorException e) {
            counters.unreadable();
            return;
        }
        String[] sorted = names.toArray(String[]::new);
        Arrays.sort(sorted);
        IgnoreChain rules = inherited;
        // .quarryignore is added last so that it outranks a .gitignore in the same directory.
        for (String ignoreFile : new String[] {GITIGNORE, QUARRYIGNORE}) {
            if (Arrays.binarySearch(sorted, ignoreFile) >= 0) {
                rules = rules.with(readRules(dir.resolve(ignoreFile), relativePath));
            }
        }
        stack.push(new DirFrame(dir, relativePath, rules, sorted));
    }

    private IgnoreRules readRules(Path ignoreFile, String baseDir) {
        try {
            // Lenient decoding: one bad byte in an ignore file should not void its other patterns.
            return IgnoreRules.parse(baseDir, new String(Files.readAllBytes(ignoreFile), StandardCharsets.UTF_8));
        } catch (IOException e) {
            counters.unreadable();
            return IgnoreRules.parse(baseDir, List.of());
        }
    }

    /**
     * False if the directory was entered before (or vanished). Some file systems have no file
     * keys; the real path then identifies the directory.
     */
    private boolean markVisited(Path dir, BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        try {
            return visitedDirectories.add(key != null ? key : dir.toRealPath());
        } catch (IOException vanished) {
            return false;
        }
    }

    private static final class DirFrame {
        final Path dir;
        final String relativeDir;
        final IgnoreChain rules;
        final String[] names;
        int next;

        DirFrame(Path dir, String relativeDir, IgnoreChain rules, String[] names) {
            this.dir = dir;
            this.relativeDir = relativeDir;
            this.rules = rules;
            this.names = names;
        }

        String childPath(String name) {
            return relativeDir.isEmpty() ? name : relativeDir + '/' + name;
        }
    }
}
