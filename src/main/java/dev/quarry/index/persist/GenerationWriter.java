package dev.quarry.index.persist;

import dev.quarry.index.IndexSpec;
import dev.quarry.index.lucene.ChunkSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link Snapshotter}: each snapshot is a new generation. Commit Lucene (its own durable
 * point, fsynced by Lucene), checksum the commit's files, write and fsync {@code gen-N/manifest}
 * and the directories, read the manifest back and check every file it lists, and only then switch
 * {@code CURRENT} atomically. The previous generation stays until the next switch; older ones and
 * Lucene directories no live generation uses are collected.
 *
 * <p>Nothing is copied: Lucene files are checksummed by streaming, and files a previous manifest
 * already checksummed (Lucene never rewrites a file) keep their recorded checksum.
 *
 * <p>Called by one {@link Persister} on the blocking dispatcher, never concurrently; its state is
 * handed from one call to the next through the persister's messages.
 */
public final class GenerationWriter implements Snapshotter {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationWriter.class);

    private final SnapshotLayout layout;
    private final IndexSpec spec;
    private final CommitSource source;
    private final RetainedCommits retention;
    private final DurableWrites writes;
    private SnapshotManifest current;
    private SnapshotManifest previous;

    private GenerationWriter(SnapshotLayout layout, IndexSpec spec, CommitSource source, RetainedCommits retention,
                             DurableWrites writes, SnapshotManifest current, SnapshotManifest previous) {
        this.layout = layout;
        this.spec = spec;
        this.source = source;
        this.retention = retention;
        this.writes = writes;
        this.current = current;
        this.previous = previous;
    }

    /**
     * @param retention the deletion policy of {@code source}'s writer
     * @param current   the generation {@code CURRENT} names (verified), or null when none exists
     * @param previous  the generation kept before it, or null
     */
    public static GenerationWriter create(SnapshotLayout layout, IndexSpec spec, CommitSource source, RetainedCommits retention,
                                          DurableWrites writes, SnapshotManifest current, SnapshotManifest previous) {
        return new GenerationWriter(layout, spec, source, retention, writes, current, previous);
    }

    /** The segments files of {@code manifests} that live in Lucene directory {@code directory}. */
    public static Set<String> commitsIn(String directory, SnapshotManifest... manifests) {
        Set<String> names = new HashSet<>();
        for (SnapshotManifest m : manifests) {
            if (m != null && m.luceneDirectory().equals(directory)) {
                names.add(m.segmentsFile());
            }
        }
        return names;
    }

    /** The generation {@code CURRENT} names as far as this writer knows; null before the first. */
    public SnapshotManifest published() {
        return current;
    }

    @Override
    public long snapshot(long generation) throws IOException {
        if (current != null && generation <= current.generation()) {
            throw new IllegalStateException("generation " + generation + " is not newer than the current "
                    + current.generation());
        }
        IndexCommit commit = source.commit(generation);
        SnapshotManifest manifest = describe(generation, commit);
        if (current != null && current.files() > 0 && manifest.files() == 0) {
            // An empty result never replaces a populated snapshot (a prune bug, a wiped writer…).
            throw new IOException("refusing to publish generation " + generation + " with no files over generation "
                    + current.generation() + " with " + current.files() + " files");
        }
        Path dir = layout.generation(generation);
        if (Files.exists(dir)) {
            FileTrees.delete(dir); // left by an attempt that failed before the switch; never published
        }
        Files.createDirectories(dir);
        writes.writeNew(dir.resolve(SnapshotLayout.MANIFEST), manifest.encode());
        writes.syncDirectory(dir);
        writes.syncDirectory(layout.dir());
        verifyWritten(manifest);
        writes.replace(layout.current(), SnapshotLayout.currentContent(generation));
        previous = current;
        current = manifest;
        retention.retain(commitsIn(source.directoryName(), current, previous));
        collect();
        return generation;
    }

    private SnapshotManifest describe(long generation, IndexCommit commit) throws IOException {
        long files;
        long chunks;
        try (DirectoryReader reader = DirectoryReader.open(commit)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            files = searcher.count(ChunkSchema.allFiles());
            chunks = searcher.count(ChunkSchema.allChunks());
        }
        Map<String, SnapshotManifest.FileEntry> known = current == null ? Map.of() : current.entriesByName();
        FileChecksum checksum = FileChecksum.create();
        List<SnapshotManifest.FileEntry> entries = new ArrayList<>();
        for (String file : commit.getFileNames().stream().sorted().toList()) {
            String name = source.directoryName() + "/" + file;
            Path path = layout.dir().resolve(name);
            long bytes = Files.size(path);
            SnapshotManifest.FileEntry before = known.get(name);
            entries.add(before != null && before.bytes() == bytes
                    ? before
                    : new SnapshotManifest.FileEntry(name, bytes, checksum.of(path)));
        }
        return new SnapshotManifest(SnapshotManifest.FORMAT, ChunkSchema.FORMAT, Version.LATEST.toString(), generation,
                spec, source.directoryName(), commit.getSegmentsFileName(), files, chunks, Instant.now().toString(), entries);
    }

    /** Reads the manifest back from disk and checks every file it lists is there at its recorded size. */
    private void verifyWritten(SnapshotManifest manifest) throws IOException {
        SnapshotManifest read = SnapshotVerifier.readManifest(layout, manifest.generation());
        if (!read.equals(manifest)) {
            throw new CorruptSnapshotException("manifest of generation " + manifest.generation() + " reads back differently");
        }
        for (SnapshotManifest.FileEntry entry : read.entries()) {
            long bytes = Files.size(layout.dir().resolve(entry.name()));
            if (bytes != entry.bytes()) {
                throw new CorruptSnapshotException(entry.name() + " changed size while generation "
                        + manifest.generation() + " was written");
            }
        }
    }

    /** Deletes generations other than the current and previous, and Lucene directories neither uses. */
    private void collect() {
        try {
            for (long g : layout.generations()) {
                if (g != current.generation() && (previous == null || g != previous.generation())) {
                    FileTrees.delete(layout.generation(g));
                }
            }
            int active = SnapshotLayout.luceneNumber(source.directoryName());
            for (String name : layout.luceneDirectories()) {
                boolean used = name.equals(current.luceneDirectory())
                        || (previous != null && name.equals(previous.luceneDirectory()));
                // Higher numbers may be a forced reindex building right now.
                if (!used && SnapshotLayout.luceneNumber(name) < active) {
                    FileTrees.delete(layout.lucene(name));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // The switch already happened; what is left over is collected after the next one.
            LOG.warn("index {}: collecting old generations failed: {}", spec.id(), e.toString());
        }
    }
}
