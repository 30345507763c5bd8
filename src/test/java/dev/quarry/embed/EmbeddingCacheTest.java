package dev.quarry.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {

    private static final String MODEL = "test-model";
    private static final int DIMS = 384;
    private static final int RECORD_BYTES = 32 + DIMS * 4 + 4;

    @TempDir
    Path dir;

    @Test
    void vectorsSurviveReopen() throws IOException {
        Path file = dir.resolve("cache.bin");
        float[] a = vector(1);
        float[] b = vector(2);
        try (EmbeddingCache cache = EmbeddingCache.open(file, MODEL, DIMS)) {
            assertTrue(cache.get("a").isEmpty());
            cache.put("a", a);
            cache.put("b", b);
            assertArrayEquals(a, cache.get("a").orElseThrow());
            cache.flush();
        }
        try (EmbeddingCache cache = EmbeddingCache.open(file, MODEL, DIMS)) {
            assertEquals(2, cache.size());
            assertArrayEquals(a, cache.get("a").orElseThrow());
            assertArrayEquals(b, cache.get("b").orElseThrow());
            assertTrue(cache.get("c").isEmpty());
        }
    }

    @Test
    void fileStartsWithTheFormatName() throws IOException {
        Path file = dir.resolve("cache.bin");
        EmbeddingCache.open(file, MODEL, DIMS).close();
        String header = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("\u0011\u0000" + EmbeddingCache.FORMAT + "\n\u0000" + MODEL), header);
    }

    @Test
    void repeatedPutsStoreOneRecord() throws IOException {
        Path file = dir.resolve("cache.bin");
        try (EmbeddingCache cache = EmbeddingCache.open(file, MODEL, DIMS)) {
            cache.put("a", vector(1));
            long size = Files.size(file);
            cache.put("a", vector(1));
            assertEquals(1, cache.size());
            assertEquals(size, Files.size(file));
        }
    }

    @Test
    void tornTailIsCutOffAndEarlierRecordsKept() throws IOException {
        Path file = dir.resolve("cache.bin");
        writeThree(file);
        long full = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(full - RECORD_BYTES / 2);
        }
        try (EmbeddingCache cache = EmbeddingCache.open(file, MODEL, DIMS)) {
            assertEquals(2, cache.size());
            assertArrayEquals(vector(1), cache.get("one").orElseThrow());
            assertTrue(cache.get("three").isEmpty());
            assertEquals(full - RECORD_BYTES, Files.size(file), "partial record cut off");
            // Appends continue on the clean boundary.
            cache.put("three", vector(3));
        }
        try (EmbeddingCache cache = EmbeddingCache.open(file, MODEL, DIMS)) {
            assertEquals(3, cache.size());
            assertArrayEquals(vector(3), cache.get("three").orElseThrow());
        }
    }

    @Test
    void recordFailingItsChecksumEndsTheValidPart() throws IOException {
        Path file = dir.resolve("cache.bin");
        writeThree(file);
        long full = Files.size(file);
        flipByte(file, full - RECORD_BYTES - 10);
        try (EmbeddingCache cache = EmbeddingCache.open(file, MODEL, DIMS)) {
            assertEquals(1, cache.size());
            assertArrayEquals(vector(1), cache.get("one").orElseThrow());
            assertEquals(full - 2L * RECORD_BYTES, Files.size(file));
        }
    }

    @Test
    void corruptHeaderFailsInsteadOfStartingEmpty() throws IOException {
        Path file = dir.resolve("cache.bin");
        writeThree(file);
        flipByte(file, 22);
        long size = Files.size(file);
        IOException e = assertThrows(IOException.class, () -> EmbeddingCache.open(file, MODEL, DIMS));
        assertTrue(e.getMessage().contains("corrupt header"), e.getMessage());
        assertEquals(size, Files.size(file), "the damaged file is left as it was");
    }

    @Test
    void foreignFileFails() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "not a cache at all\n");
        IOException e = assertThrows(IOException.class, () -> EmbeddingCache.open(file, MODEL, DIMS));
        assertTrue(e.getMessage().contains(EmbeddingCache.FORMAT), e.getMessage());
    }

    @Test
    void truncatedHeaderFails() throws IOException {
        Path file = dir.resolve("cache.bin");
        EmbeddingCache.open(file, MODEL, DIMS).close();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 3);
        }
        IOException e = assertThrows(IOException.class, () -> EmbeddingCache.open(file, MODEL, DIMS));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void otherModelOrDimensionsFail() throws IOException {
        Path file = dir.resolve("cache.bin");
        EmbeddingCache.open(file, MODEL, DIMS).close();
        IOException model = assertThrows(IOException.class, () -> EmbeddingCache.open(file, "other", DIMS));
        assertTrue(model.getMessage().contains("holds model 'test-model'"), model.getMessage());
        assertThrows(IOException.class, () -> EmbeddingCache.open(file, MODEL, 768));
    }

    @Test
    void sameTextUnderAnotherModelIsADifferentKey() throws IOException {
        try (EmbeddingCache first = EmbeddingCache.open(dir.resolve("a.bin"), "model-a", DIMS);
                EmbeddingCache second = EmbeddingCache.open(dir.resolve("b.bin"), "model-b", DIMS)) {
            first.put("text", vector(1));
            second.put("text", vector(2));
        }
        // Each record's key hash covers the model id, so the two files share no record bytes.
        byte[] a = Files.readAllBytes(dir.resolve("a.bin"));
        byte[] b = Files.readAllBytes(dir.resolve("b.bin"));
        byte[] keyA = Arrays.copyOfRange(a, a.length - RECORD_BYTES, a.length - RECORD_BYTES + 32);
        byte[] keyB = Arrays.copyOfRange(b, b.length - RECORD_BYTES, b.length - RECORD_BYTES + 32);
        assertFalse(Arrays.equals(keyA, keyB));
    }

    @Test
    void secondOpenOfTheSameFileFails() throws IOException {
        Path file = dir.resolve("cache.bin");
        try (EmbeddingCache cache = EmbeddingCache.open(file, MODEL, DIMS)) {
            IOException e = assertThrows(IOException.class,
                    () -> EmbeddingCache.open(dir.resolve(".").resolve("cache.bin"), MODEL, DIMS));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            cache.put("still usable", vector(1));
        }
        // Closing frees the file for the next owner.
        EmbeddingCache.open(file, MODEL, DIMS).close();
    }

    @Test
    void rejectsVectorsOfTheWrongLength() throws IOException {
        try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve("cache.bin"), MODEL, DIMS)) {
            assertThrows(IllegalArgumentException.class, () -> cache.put("a", new float[DIMS - 1]));
        }
    }

    @Test
    void concurrentPutsAndGetsAreConsistent() throws Exception {
        Path file = dir.resolve("cache.bin");
        try (EmbeddingCache cache = EmbeddingCache.open(file, MODEL, DIMS);
                ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        cache.put("text " + i, vector(i));
                        assertArrayEquals(vector(i), cache.get("text " + i).orElseThrow());
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
            assertEquals(200, cache.size());
        }
        try (EmbeddingCache cache = EmbeddingCache.open(file, MODEL, DIMS)) {
            assertEquals(200, cache.size());
            assertArrayEquals(vector(123), cache.get("text 123").orElseThrow());
        }
    }

    private static void writeThree(Path file) throws IOException {
        try (EmbeddingCache cache = EmbeddingCache.open(file, MODEL, DIMS)) {
            cache.put("one", vector(1));
            cache.put("two", vector(2));
            cache.put("three", vector(3));
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0xFF);
        }
    }

    private static float[] vector(int seed) {
        Random random = new Random(seed);
        float[] vector = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            vector[i] = random.nextFloat() - 0.5f;
        }
        return vector;
    }
}
