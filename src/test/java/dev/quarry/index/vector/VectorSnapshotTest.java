package dev.quarry.index.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorSnapshotTest {

    private static final int DIMS = 384;
    private static final List<String> FILES = List.of("vectors.f32", "ids.bin", "graph.bin", "manifest");

    @TempDir
    Path temp;

    @Test
    void roundTripGivesTheSameAnswers() throws IOException {
        List<float[]> all = TestVectors.clustered(2050, DIMS, 20, 0.05, 1);
        VectorStore store = VectorStore.create(DIMS);
        for (int i = 0; i < 2000; i++) {
            store.upsert(TestVectors.id(i), all.get(i));
        }
        for (int i = 0; i < 100; i++) {
            store.remove(TestVectors.id(i));
            store.upsert(TestVectors.id(100 + i), all.get(2000 + i % 50));
        }
        VectorView view = store.view();

        view.writeTo(temp.resolve("snap"));
        VectorStore loaded = VectorStore.readFrom(temp.resolve("snap"));

        assertEquals(1900, loaded.size());
        assertFalse(loaded.contains(TestVectors.id(5)));
        assertTrue(loaded.contains(TestVectors.id(105)));
        VectorView loadedView = loaded.view();
        assertEquals(view.ordinals(), loadedView.ordinals(), "dead ordinals and graph kept as they were");
        for (float[] query : all.subList(1950, 2050)) {
            assertEquals(view.search(query, 10), loadedView.search(query, 10));
        }
    }

    @Test
    void snapshotOfAnOlderViewHoldsExactlyThatView() throws IOException {
        List<float[]> all = TestVectors.clustered(1550, DIMS, 15, 0.05, 5);
        VectorStore store = VectorStore.create(DIMS);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            vectors.put(TestVectors.id(i), all.get(i));
            store.upsert(TestVectors.id(i), all.get(i));
        }
        VectorView old = store.view();
        // The writer goes on: new nodes rewire the shared graph's neighbour lists before the old view is written.
        for (int i = 1000; i < 1500; i++) {
            store.upsert(TestVectors.id(i), all.get(i));
        }
        store.remove(TestVectors.id(0));
        store.view();

        old.writeTo(temp.resolve("snap"));
        VectorView loaded = VectorStore.readFrom(temp.resolve("snap")).view();

        assertEquals(1000, loaded.size());
        assertEquals(1000, loaded.ordinals());
        double recall = 0;
        for (float[] query : all.subList(1500, 1550)) {
            List<VectorHit> hits = loaded.search(query, 10);
            hits.forEach(hit -> assertTrue(vectors.containsKey(hit.chunkId()), hit.chunkId()));
            recall += TestVectors.recall(TestVectors.exactTopK(vectors, query, 10), hits) / 50;
        }
        assertTrue(recall >= 0.95, "recall " + recall);
        assertEquals(TestVectors.id(0), loaded.search(vectors.get(TestVectors.id(0)), 1).get(0).chunkId());
    }

    @Test
    void loadedStoreKeepsTakingChanges() throws IOException {
        VectorStore store = VectorStore.create(DIMS);
        Map<String, float[]> vectors = VectorStoreTest.fill(store, 500, 2);
        store.view().writeTo(temp.resolve("snap"));
        VectorStore loaded = VectorStore.readFrom(temp.resolve("snap"));

        float[] probe = vectors.get(TestVectors.id(3));
        loaded.remove(TestVectors.id(3));
        loaded.upsert("new", probe);

        assertEquals("new", loaded.view().search(probe, 1).get(0).chunkId());
        assertEquals(500, loaded.view().size());
    }

    @Test
    void emptyStoreRoundTrips() throws IOException {
        VectorStore.create(DIMS).view().writeTo(temp.resolve("snap"));
        VectorStore loaded = VectorStore.readFrom(temp.resolve("snap"));

        assertEquals(0, loaded.size());
        loaded.upsert("a", TestVectors.random(new Random(1), DIMS));
        assertEquals(1, loaded.view().size());
    }

    @Test
    void manifestNamesFormatDimensionsCountsAndChecksums() throws IOException {
        VectorStore store = VectorStore.create(DIMS);
        VectorStoreTest.fill(store, 10, 3);
        store.remove(TestVectors.id(0));
        store.view().writeTo(temp.resolve("snap"));

        List<String> manifest = Files.readAllLines(temp.resolve("snap/manifest"));
        assertEquals("format=quarry-vectors-1", manifest.get(0));
        assertTrue(manifest.contains("dims=384"), manifest.toString());
        assertTrue(manifest.contains("ordinals=10"), manifest.toString());
        assertTrue(manifest.contains("live=9"), manifest.toString());
        assertTrue(manifest.stream().anyMatch(line -> line.startsWith("file=vectors.f32 15360 ")), manifest.toString());
        assertTrue(manifest.getLast().startsWith("crc32c="), manifest.toString());
        try (Stream<Path> files = Files.list(temp.resolve("snap"))) {
            assertEquals(FILES.stream().sorted().toList(), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void everyFlippedByteIsDetected() throws IOException {
        VectorView view = smallView();
        int cases = 0;
        for (String file : FILES) {
            long size = written(view, "probe-" + file).resolve(file).toFile().length();
            for (long position : new long[] {0, size / 3, size / 2, size - 2, size - 1}) {
                Path dir = written(view, file + "-flip-" + position);
                flipByte(dir.resolve(file), position);
                assertCorrupt(dir, file + " flipped at " + position);
                cases++;
            }
        }
        assertEquals(20, cases);
    }

    @Test
    void everyTruncatedOrMissingFileIsDetected() throws IOException {
        VectorView view = smallView();
        for (String file : FILES) {
            for (long keep : new long[] {0, 1, -1}) {
                Path dir = written(view, file + "-cut-" + keep);
                Path path = dir.resolve(file);
                long size = Files.size(path);
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    channel.truncate(keep < 0 ? size + keep : keep);
                }
                assertCorrupt(dir, file + " truncated to " + Files.size(path));
            }
            Path dir = written(view, file + "-missing");
            Files.delete(dir.resolve(file));
            assertCorrupt(dir, file + " missing");
        }
    }

    @Test
    void unknownFormatIsRejectedByName() throws IOException {
        Path dir = written(smallView(), "future");
        Path manifest = dir.resolve("manifest");
        String body = Files.readString(manifest).replace("quarry-vectors-1", "quarry-vectors-2");
        body = body.substring(0, body.indexOf("crc32c="));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        Files.writeString(manifest, body + "crc32c=" + HexFormat.of().toHexDigits((int) crc.getValue()) + "\n");

        var e = assertThrows(CorruptVectorsException.class, () -> VectorStore.readFrom(dir));
        assertTrue(e.getMessage().contains("unsupported format 'quarry-vectors-2'"), e.getMessage());
    }

    @Test
    void refusesToWriteIntoANonEmptyDirectory() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(dir.resolve("CURRENT"), "gen-1");

        var e = assertThrows(IOException.class, () -> smallView().writeTo(dir));
        assertTrue(e.getMessage().contains("non-empty"), e.getMessage());
    }

    private VectorView smallView() {
        VectorStore store = VectorStore.create(DIMS);
        VectorStoreTest.fill(store, 200, 4);
        store.remove(TestVectors.id(1));
        return store.view();
    }

    private Path written(VectorView view, String name) throws IOException {
        Path dir = temp.resolve(name);
        view.writeTo(dir);
        return dir;
    }

    private static void flipByte(Path file, long position) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) position] ^= 0x20; // also turns hex digits a-f into A-F: the same number, other bytes
        Files.write(file, bytes);
    }

    private static void assertCorrupt(Path dir, String what) {
        var e = assertThrows(CorruptVectorsException.class, () -> VectorStore.readFrom(dir), what);
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }
}
