package dev.quarry.index;

import dev.quarry.index.persist.CorruptSnapshotException;
import dev.quarry.index.persist.DurableWrites;
import dev.quarry.index.persist.FileTrees;
import dev.quarry.index.persist.GenerationWriter;
import dev.quarry.index.persist.Quarantine;
import dev.quarry.index.persist.RetainedCommits;
import dev.quarry.index.persist.SnapshotLayout;
import dev.quarry.index.persist.SnapshotManifest;
import dev.quarry.index.persist.SnapshotVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;

/**
 * Restores an index from its {@code CURRENT} generation: verify every file, open Lucene at exactly
 * the commit the manifest names, rebuild fingerprints from the file documents, and check the counts
 * against the manifest. No re-parsing, no re-embedding.
 *
 * <p>A generation that fails is quarantined (moved aside, never deleted) and the previous one is
 * tried; when none is good the index is {@link Unrestorable}, never silently empty. Leftovers of
 * writes that never became {@code CURRENT} (newer generations, their Lucene commits, unused Lucene
 * directories) are removed.
 */
final class WarmBoot {

    sealed interface Outcome {}

    /** @param warning what was found and quarantined on the way, or null when all was well */
    record Restored(Corpus corpus, GenerationWriter writer, long generation, String warning) implements Outcome {}

    /**
     * No good generation is left; {@code reason} says what failed and how to rebuild.
     *
     * @param lastGeneration the highest generation seen, so a rebuild continues the numbering
     */
    record Unrestorable(String reason, long lastGeneration) implements Outcome {}

    private final IndexSpec spec;
    private final SnapshotLayout layout;
    private final double ramBufferMb;
    private final DurableWrites writes;
    /** What failed verification on the way, in order, for the status. */
    private final List<String> findings = new ArrayList<>();

    private WarmBoot(IndexSpec spec, SnapshotLayout layout, double ramBufferMb, DurableWrites writes) {
        this.spec = spec;
        this.layout = layout;
        this.ramBufferMb = ramBufferMb;
        this.writes = writes;
    }

    /** @throws IOException when the disk cannot be read at all (not corruption: nothing is quarantined) */
    static Outcome restore(IndexSpec spec, SnapshotLayout layout, double ramBufferMb, DurableWrites writes) throws IOException {
        Files.createDirectories(layout.dir());
        return new WarmBoot(spec, layout, ramBufferMb, writes).run();
    }

    private Outcome run() throws IOException {
        List<Long> newestFirst = new ArrayList<>(layout.generations().reversed());
        OptionalLong current;
        try {
            current = layout.readCurrent();
        } catch (CorruptSnapshotException e) {
            String where = Quarantine.current(layout, e.getMessage(), writes);
            findings.add(e.getMessage() + " (copied to " + where + ")");
            // Without a trustworthy CURRENT the newest generation that verifies is the best there is.
            return restoreFirstGood(newestFirst, OptionalLong.empty());
        }
        if (current.isEmpty()) {
            // Nothing was ever published: whatever is here is an interrupted first snapshot.
            return fresh();
        }
        long named = current.getAsLong();
        newestFirst.removeIf(g -> g > named);
        if (!newestFirst.contains(named)) {
            findings.add(SnapshotLayout.generationName(named) + " named by " + SnapshotLayout.CURRENT + " is missing");
        }
        return restoreFirstGood(newestFirst, current);
    }

    private Outcome restoreFirstGood(List<Long> newestFirst, OptionalLong named) throws IOException {
        long lastGeneration = Math.max(named.orElse(0), newestFirst.isEmpty() ? 0 : newestFirst.getFirst());
        for (long generation : newestFirst) {
            if (!Files.isDirectory(layout.generation(generation))) {
                continue; // quarantined on the way, as the previous of a newer one
            }
            Outcome restored = tryGeneration(generation, named);
            if (restored != null) {
                return restored;
            }
        }
        String reason = (findings.isEmpty() ? "no snapshot generation found" : String.join("; ", findings))
                + "; no good generation is left: rebuild with `quarry index --force " + spec.root()
                + "` (evidence is kept in " + SnapshotLayout.QUARANTINE + "/, see docs/operations.md)";
        return new Unrestorable(reason, lastGeneration);
    }

    /** Verifies then opens one generation; on corruption quarantines it and returns null. */
    private Outcome tryGeneration(long generation, OptionalLong named) throws IOException {
        SnapshotManifest manifest = null;
        try {
            manifest = SnapshotVerifier.readManifest(layout, generation);
            SnapshotVerifier.verify(layout, generation, spec.id());
            SnapshotManifest previous = keptPrevious(manifest);
            Set<String> commits = GenerationWriter.commitsIn(manifest.luceneDirectory(), manifest, previous);
            dropOtherCommits(layout.lucene(manifest.luceneDirectory()), commits);
            RetainedCommits retention = new RetainedCommits(commits);
            Corpus corpus = Corpus.openAt(layout.lucene(manifest.luceneDirectory()), ramBufferMb, retention,
                    manifest.segmentsFile(), generation);
            if (corpus.fileCount() != manifest.files() || corpus.chunkCount() != manifest.chunks()) {
                String counts = "restored " + corpus.fileCount() + " files / " + corpus.chunkCount()
                        + " chunks, the manifest records " + manifest.files() + " / " + manifest.chunks();
                corpus.close();
                throw new CorruptSnapshotException(counts);
            }
            boolean moved = named.isEmpty() || named.getAsLong() != generation;
            if (moved) {
                writes.replace(layout.current(), SnapshotLayout.currentContent(generation));
            }
            removeLeftovers(manifest, previous);
            GenerationWriter writer = GenerationWriter.create(layout, spec, corpus, retention, writes, manifest, previous);
            return new Restored(corpus, writer, generation, warning(generation, moved));
        } catch (CorruptSnapshotException | CorruptIndexException | IndexFormatTooOldException
                 | IndexFormatTooNewException | IndexNotFoundException e) {
            quarantine(generation, manifest, e);
            return null;
        }
    }

    /**
     * The generation kept before {@code restored}, when it is still usable as a fallback. Opening a Lucene
     * directory reads every commit in it, so a previous generation sharing the directory has the files it
     * does not share verified too (usually just its {@code segments_N}); a bad one is quarantined.
     */
    private SnapshotManifest keptPrevious(SnapshotManifest restored) throws IOException {
        OptionalLong below = layout.newestGenerationBelow(restored.generation());
        if (below.isEmpty()) {
            return null;
        }
        SnapshotManifest previous = null;
        try {
            previous = SnapshotVerifier.readManifest(layout, below.getAsLong());
            if (previous.luceneDirectory().equals(restored.luceneDirectory())) {
                SnapshotVerifier.verifyFiles(layout, previous, restored.entriesByName().keySet());
            }
            return previous;
        } catch (CorruptSnapshotException e) {
            quarantine(below.getAsLong(), previous, e);
            return null;
        }
    }

    private void quarantine(long generation, SnapshotManifest manifest, IOException error) throws IOException {
        String reason = SnapshotLayout.generationName(generation) + " failed verification: " + error.getMessage();
        String where = Quarantine.generation(layout, generation, manifest, reason, writes);
        findings.add(reason + " (moved to " + where + ")");
    }

    private String warning(long restored, boolean moved) {
        if (findings.isEmpty()) {
            return null;
        }
        String notes = String.join("; ", findings);
        return moved
                ? notes + "; serving " + SnapshotLayout.generationName(restored) + ": run `quarry index " + spec.root()
                        + "` to index what changed since"
                : notes;
    }

    /**
     * Removes the commit points no kept generation names before Lucene opens the directory: they never
     * became {@code CURRENT} (Lucene's own deletion would drop them on open, but only after reading them).
     */
    private static void dropOtherCommits(Path luceneDir, Set<String> keep) throws IOException {
        try (Stream<Path> files = Files.list(luceneDir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("segments_") && !keep.contains(name)) {
                    Files.delete(file);
                }
            }
        }
    }

    /** An index with no published generation starts empty in a fresh Lucene directory. */
    private Outcome fresh() throws IOException {
        for (long g : layout.generations()) {
            FileTrees.delete(layout.generation(g));
        }
        for (String name : layout.luceneDirectories()) {
            FileTrees.delete(layout.lucene(name));
        }
        RetainedCommits retention = new RetainedCommits(Set.of());
        Corpus corpus = Corpus.create(layout.lucene(layout.nextLuceneDirectory()), ramBufferMb, retention);
        return new Restored(corpus, GenerationWriter.create(layout, spec, corpus, retention, writes, null, null), 0, null);
    }

    /** Generations newer than the restored one never became CURRENT; Lucene directories no kept generation uses are unused. */
    private void removeLeftovers(SnapshotManifest restored, SnapshotManifest previous) throws IOException {
        Set<Long> keep = new HashSet<>(List.of(restored.generation()));
        Set<String> used = new HashSet<>(List.of(restored.luceneDirectory()));
        if (previous != null) {
            keep.add(previous.generation());
            used.add(previous.luceneDirectory());
        }
        for (long g : layout.generations()) {
            if (!keep.contains(g)) {
                FileTrees.delete(layout.generation(g));
            }
        }
        for (String name : layout.luceneDirectories()) {
            if (!used.contains(name)) {
                FileTrees.delete(layout.lucene(name));
            }
        }
    }
}
