package dev.quarry.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.index.persist.DurableWrites;
import dev.quarry.index.persist.GenerationWriter;
import dev.quarry.index.persist.Quarantine;
import dev.quarry.index.persist.SnapshotLayout;
import dev.quarry.index.persist.SnapshotManifest;
import dev.quarry.index.persist.SnapshotVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot generations and warm boot on real Lucene directories: restore, crash points, corruption, I/O failure. */
class WarmBootTest {
    private static final IndexSpec SPEC = new IndexSpec("idx", "/src/idx", null);

    @TempDir
    Path temp;

    /** A failing or recording disk seam: fails the named file's writes while {@code failures > 0}. */
    private static final class FlakyDisk implements DurableWrites {
        final String failing;
        int failures;

        FlakyDisk(String failing, int failures) {
            this.failing = failing;
            this.failures = failures;
        }

        private void maybeFail(Path file) throws IOException {
            if (file.getFileName().toString().equals(failing) && failures > 0) {
                failures--;
                throw new IOException("No space left on device (injected)");
            }
        }

        @Override
        public void writeNew(Path file, byte[] content) throws IOException {
            maybeFail(file);
            DurableWrites.disk().writeNew(file, content);
        }

        @Override
        public void replace(Path file, byte[] content) throws IOException {
            maybeFail(file);
            DurableWrites.disk().replace(file, content);
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            DurableWrites.disk().syncDirectory(dir);
        }
    }

    private static WarmBoot.Restored restored(WarmBoot.Outcome outcome) {
        return assertInstanceOf(WarmBoot.Restored.class, outcome);
    }

    private WarmBoot.Outcome boot(SnapshotLayout layout) throws IOException {
        return WarmBoot.restore(SPEC, layout, 16, DurableWrites.disk());
    }

    /** Two published generations: 1 with files 0..19, 2 adding 20..29 and rewriting file 0. */
    private SnapshotLayout twoGenerations(Path dir) throws IOException {
        SnapshotLayout layout = new SnapshotLayout(dir);
        WarmBoot.Restored fresh = restored(boot(layout));
        try (Corpus corpus = fresh.corpus()) {
            SyntheticFiles.write(corpus, 0, 20, 3, "a");
            fresh.writer().snapshot(1);
            SyntheticFiles.write(corpus, 20, 30, 3, "a");
            SyntheticFiles.write(corpus, 0, 1, 5, "b");
            fresh.writer().snapshot(2);
        }
        return layout;
    }

    @Test
    void restoresTheCurrentGenerationWithCountsAndFingerprints() throws IOException {
        SnapshotLayout layout = twoGenerations(temp.resolve("idx"));

        WarmBoot.Restored r = restored(boot(layout));
        try (Corpus corpus = r.corpus()) {
            assertEquals(2, r.generation());
            assertNull(r.warning());
            assertEquals(30, corpus.fileCount());
            assertEquals(29 * 3 + 5, corpus.chunkCount());
            assertEquals(SyntheticFiles.file(0, 5, 200, "b").sha256(), corpus.fingerprints().get("src/f0.java"));
        }
        assertEquals(List.of(1L, 2L), layout.generations(), "the previous generation stays");
        SnapshotManifest manifest = SnapshotVerifier.verify(layout, 2, "idx");
        assertEquals(SnapshotManifest.FORMAT, manifest.format());
        assertEquals(dev.quarry.index.lucene.ChunkSchema.FORMAT, manifest.chunkFormat());
        assertEquals(SPEC, manifest.index());
        assertTrue(manifest.entries().stream().anyMatch(e -> e.name().equals("lucene-000001/" + manifest.segmentsFile())));
    }

    @Test
    void olderGenerationsAreCollectedAfterEachSwitch() throws IOException {
        SnapshotLayout layout = twoGenerations(temp.resolve("idx"));
        WarmBoot.Restored r = restored(boot(layout));
        try (Corpus corpus = r.corpus()) {
            SyntheticFiles.write(corpus, 30, 31, 1, "a");
            r.writer().snapshot(3);
        }
        assertEquals(List.of(2L, 3L), layout.generations());
        assertEquals(3, layout.readCurrent().getAsLong());
    }

    @Test
    void crashBetweenLuceneCommitAndCurrentSwitchRestoresTheManifestCommit() throws IOException {
        SnapshotLayout layout = new SnapshotLayout(temp.resolve("idx"));
        FlakyDisk disk = new FlakyDisk(SnapshotLayout.CURRENT, 0);
        WarmBoot.Restored fresh = assertInstanceOf(WarmBoot.Restored.class, WarmBoot.restore(SPEC, layout, 16, disk));
        try (Corpus corpus = fresh.corpus()) {
            SyntheticFiles.write(corpus, 0, 10, 2, "a");
            fresh.writer().snapshot(1);
            SyntheticFiles.write(corpus, 10, 25, 2, "a");
            disk.failures = 1;
            // Lucene commits generation 2 and gen-000002 is written, but CURRENT never switches.
            assertThrows(IOException.class, () -> fresh.writer().snapshot(2));
            assertEquals(List.of(1L, 2L), layout.generations());
        }
        try (Stream<Path> files = Files.list(layout.lucene("lucene-000001"))) {
            assertEquals(2, files.filter(f -> f.getFileName().toString().startsWith("segments_")).count(),
                    "Lucene's newest commit is ahead of CURRENT");
        }

        WarmBoot.Restored r = restored(boot(layout));
        try (Corpus corpus = r.corpus()) {
            assertEquals(1, r.generation());
            assertEquals(10, corpus.fileCount(), "opened at the commit the manifest names, not the newest");
            assertEquals(List.of(1L), layout.generations(), "the unpublished generation is removed");
        }
    }

    @Test
    void aFailedWriteLeavesTheLastSnapshotIntactAndTheRetrySucceeds() throws IOException {
        SnapshotLayout layout = new SnapshotLayout(temp.resolve("idx"));
        FlakyDisk disk = new FlakyDisk(SnapshotLayout.MANIFEST, 0);
        WarmBoot.Restored fresh = assertInstanceOf(WarmBoot.Restored.class, WarmBoot.restore(SPEC, layout, 16, disk));
        try (Corpus corpus = fresh.corpus()) {
            SyntheticFiles.write(corpus, 0, 10, 2, "a");
            fresh.writer().snapshot(1);
            SyntheticFiles.write(corpus, 10, 12, 2, "a");
            disk.failures = 2;
            IOException e = assertThrows(IOException.class, () -> fresh.writer().snapshot(2));
            assertTrue(e.getMessage().contains("No space left"), e.getMessage());
            assertThrows(IOException.class, () -> fresh.writer().snapshot(3));
            assertEquals(1, layout.readCurrent().getAsLong());
            SnapshotVerifier.verify(layout, 1, "idx");

            assertEquals(4, fresh.writer().snapshot(4));
        }
        WarmBoot.Restored r = restored(boot(layout));
        try (Corpus corpus = r.corpus()) {
            assertEquals(4, r.generation());
            assertEquals(12, corpus.fileCount());
        }
    }

    @Test
    void anEmptyResultNeverReplacesAPopulatedSnapshot() throws IOException {
        SnapshotLayout layout = twoGenerations(temp.resolve("idx"));
        WarmBoot.Restored r = restored(boot(layout));
        try (Corpus corpus = r.corpus()) {
            for (String path : corpus.paths()) {
                corpus.remove(path);
            }
            IOException e = assertThrows(IOException.class, () -> r.writer().snapshot(3));
            assertTrue(e.getMessage().contains("refusing"), e.getMessage());
        }
        assertEquals(2, layout.readCurrent().getAsLong());
    }

    @Test
    void everyCorruptedOrTruncatedFileIsDetectedAndQuarantined() throws IOException {
        Path pristine = temp.resolve("pristine");
        SnapshotLayout original = twoGenerations(pristine);
        SnapshotManifest gen1 = SnapshotVerifier.readManifest(original, 1);
        SnapshotManifest gen2 = SnapshotVerifier.readManifest(original, 2);
        Set<String> shared = gen1.entriesByName().keySet();
        List<String> targets = new ArrayList<>();
        gen2.entries().forEach(e -> targets.add(e.name()));
        targets.add("gen-000002/" + SnapshotLayout.MANIFEST);
        targets.add(SnapshotLayout.CURRENT);
        Random random = new Random(42);
        int cases = 0;
        int fellBack = 0;
        int unrestorable = 0;
        for (String target : targets) {
            for (boolean truncate : new boolean[] {false, true}) {
                Path dir = temp.resolve("case-" + cases++);
                copyTree(pristine, dir);
                corrupt(dir.resolve(target), truncate, random);
                WarmBoot.Outcome outcome = boot(new SnapshotLayout(dir));
                String what = target + (truncate ? " truncated" : " flipped");
                SnapshotLayout layout = new SnapshotLayout(dir);
                assertFalse(Quarantine.entries(layout).isEmpty(), what + ": nothing quarantined");
                if (target.equals(SnapshotLayout.CURRENT)) {
                    WarmBoot.Restored r = restored(outcome);
                    r.corpus().close();
                    assertEquals(2, r.generation(), what);
                    assertTrue(r.warning().contains("CURRENT"), what + ": " + r.warning());
                } else if (shared.contains(target)) {
                    WarmBoot.Unrestorable u = assertInstanceOf(WarmBoot.Unrestorable.class, outcome, what);
                    assertTrue(u.reason().contains("quarry index --force"), u.reason());
                    unrestorable++;
                } else {
                    WarmBoot.Restored r = restored(outcome);
                    r.corpus().close();
                    assertEquals(1, r.generation(), what + " must fall back to the previous generation");
                    assertTrue(r.warning().contains("gen-000002 failed verification"), what + ": " + r.warning());
                    assertEquals(1, layout.readCurrent().getAsLong(), what);
                    Path moved = dir.resolve(Quarantine.entries(layout).getFirst());
                    assertTrue(Files.exists(moved.resolve("gen-000002/manifest")) || target.endsWith("manifest"), what);
                    assertTrue(Files.readString(moved.resolve(Quarantine.REASON_FILE)).contains("failed verification"));
                    fellBack++;
                }
            }
        }
        assertTrue(cases > 10, "a real index has many files: " + cases);
        assertTrue(fellBack > 0 && unrestorable > 0, "both outcomes exercised: " + fellBack + " / " + unrestorable);
    }

    @Test
    void anUnknownFormatIsQuarantinedNotGuessedAt() throws IOException {
        SnapshotLayout layout = twoGenerations(temp.resolve("idx"));
        for (long g : List.of(1L, 2L)) {
            SnapshotManifest m = SnapshotVerifier.readManifest(layout, g);
            SnapshotManifest future = new SnapshotManifest("quarry-snapshot-99", m.chunkFormat(), m.luceneVersion(),
                    m.generation(), m.index(), m.luceneDirectory(), m.segmentsFile(), m.files(), m.chunks(), m.createdAt(),
                    m.entries());
            Files.write(layout.manifest(g), future.encode());
        }
        WarmBoot.Unrestorable u = assertInstanceOf(WarmBoot.Unrestorable.class, boot(layout));
        assertTrue(u.reason().contains("unknown format 'quarry-snapshot-99'"), u.reason());
        assertEquals(2, Quarantine.entries(layout).size());
        assertEquals(2, u.lastGeneration());
    }

    @Test
    void aCorruptPreviousGenerationDoesNotBlockTheCurrentOne() throws IOException {
        SnapshotLayout layout = twoGenerations(temp.resolve("idx"));
        SnapshotManifest gen1 = SnapshotVerifier.readManifest(layout, 1);
        corrupt(layout.dir().resolve("lucene-000001/" + gen1.segmentsFile()), false, new Random(1));

        WarmBoot.Restored r = restored(boot(layout));
        try (Corpus corpus = r.corpus()) {
            assertEquals(2, r.generation());
            assertEquals(30, corpus.fileCount());
            assertNotNull(r.warning());
            assertTrue(r.warning().contains("gen-000001 failed verification"), r.warning());
        }
    }

    @Test
    void noCurrentMeansAnInterruptedFirstSnapshotAndStartsEmpty() throws IOException {
        SnapshotLayout layout = twoGenerations(temp.resolve("idx"));
        Files.delete(layout.current());
        WarmBoot.Restored r = restored(boot(layout));
        try (Corpus corpus = r.corpus()) {
            assertEquals(0, r.generation());
            assertEquals(0, corpus.fileCount());
            assertEquals(List.of(), layout.generations());
        }
    }

    @Test
    void commitsInNamesOnlyTheDirectorysCommits() {
        SnapshotManifest a = new SnapshotManifest(SnapshotManifest.FORMAT, "c", "v", 1, SPEC, "lucene-000001", "segments_2",
                0, 0, "t", List.of());
        SnapshotManifest b = new SnapshotManifest(SnapshotManifest.FORMAT, "c", "v", 2, SPEC, "lucene-000002", "segments_1",
                0, 0, "t", List.of());
        assertEquals(Set.of("segments_1"), GenerationWriter.commitsIn("lucene-000002", a, b, null));
    }

    private static void corrupt(Path file, boolean truncate, Random random) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (truncate) {
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2), StandardOpenOption.TRUNCATE_EXISTING);
        } else {
            int at = random.nextInt(bytes.length);
            bytes[at] = (byte) (bytes[at] ^ (1 + random.nextInt(255)));
            Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
