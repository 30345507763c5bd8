package dev.quarry.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingEmbedderTest {

    private static final String CHUNK = "public static boolean isBlank(final CharSequence cs) { return indexOfNonWhitespace(cs) == -1; }";

    private static OnnxEmbedder model;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        model = OnnxEmbedder.bgeSmall();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void hitSkipsInference() throws IOException {
        CountingEmbedder counting = new CountingEmbedder();
        try (CachingEmbedder embedder = CachingEmbedder.of(counting, open())) {
            float[] first = embedder.embedDocument(CHUNK);
            float[] second = embedder.embedDocument(CHUNK);
            assertArrayEquals(first, second);
            assertArrayEquals(model.embedDocument(CHUNK), second);
            assertEquals(1, counting.documents.get(), "the model ran once");
            assertEquals(1, embedder.inferences());
            assertEquals(1, embedder.cacheHits());
        }
    }

    @Test
    void hitsSurviveReopen() throws IOException {
        try (CachingEmbedder embedder = CachingEmbedder.of(new CountingEmbedder(), open())) {
            embedder.embedDocument(CHUNK);
        }
        CountingEmbedder counting = new CountingEmbedder();
        try (CachingEmbedder embedder = CachingEmbedder.of(counting, open())) {
            assertArrayEquals(model.embedDocument(CHUNK), embedder.embedDocument(CHUNK));
            assertEquals(0, counting.documents.get());
            assertEquals(1, embedder.cacheHits());
        }
    }

    @Test
    void queriesBypassTheCache() throws IOException {
        CountingEmbedder counting = new CountingEmbedder();
        try (EmbeddingCache cache = open(); CachingEmbedder embedder = CachingEmbedder.of(counting, cache)) {
            embedder.embedQuery("is the string blank");
            embedder.embedQuery("is the string blank");
            assertEquals(2, counting.queries.get());
            assertEquals(0, cache.size());
            assertEquals(0, embedder.cacheHits() + embedder.inferences());
        }
    }

    @Test
    void refusesACacheOfAnotherModel() throws IOException {
        try (EmbeddingCache other = EmbeddingCache.open(dir.resolve("other.bin"), "other-model", model.dimensions())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CachingEmbedder.of(new CountingEmbedder(), other));
            assertTrue(e.getMessage().contains("other-model"), e.getMessage());
        }
    }

    private EmbeddingCache open() throws IOException {
        return EmbeddingCache.open(dir.resolve("cache.bin"), model.modelId(), model.dimensions());
    }

    /** The shared real model, counting the calls that reach it; closing it leaves the model open for other tests. */
    private static final class CountingEmbedder implements Embedder {
        final AtomicInteger documents = new AtomicInteger();
        final AtomicInteger queries = new AtomicInteger();

        @Override
        public int dimensions() {
            return model.dimensions();
        }

        @Override
        public String modelId() {
            return model.modelId();
        }

        @Override
        public float[] embedDocument(String text) {
            documents.incrementAndGet();
            return model.embedDocument(text);
        }

        @Override
        public float[] embedQuery(String text) {
            queries.incrementAndGet();
            return model.embedQuery(text);
        }

        @Override
        public void close() {}
    }
}
