package dev.quarry.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxEmbedderTest {

    private static final String ABBREVIATE = """
            /** Abbreviates a String using ellipses, e.g. "Now is the time for..." */
            public static String abbreviate(final String str, final int maxWidth) {
                return abbreviate(str, "...", 0, maxWidth);
            }""";
    private static final String SOCKET = """
            public void connect(InetSocketAddress address, int timeoutMillis) throws IOException {
                socket.connect(address, timeoutMillis);
                socket.setTcpNoDelay(true);
            }""";

    private static OnnxEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = OnnxEmbedder.bgeSmall();
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void modelShipsInAJarOnTheClasspath() {
        URL model = OnnxEmbedder.class.getClassLoader().getResource("bge-small-en-v1.5-q.onnx");
        assertNotNull(model);
        assertEquals("jar", model.getProtocol(), "loaded from the model jar, not a download: " + model);
        assertEquals("bge-small-en-v1.5-q/max" + OnnxEmbedder.BGE_DEFAULT_MAX_TOKENS, embedder.modelId());
    }

    @Test
    void vectorsHave384UnitNormDimensions() {
        for (float[] vector : List.of(embedder.embedDocument(ABBREVIATE), embedder.embedQuery("shorten a string"),
                embedder.embedDocument(""))) {
            assertEquals(384, vector.length);
            assertEquals(384, embedder.dimensions());
            assertEquals(1.0, dot(vector, vector), 1e-5);
        }
    }

    @Test
    void sameTextGivesIdenticalVector() {
        assertArrayEquals(embedder.embedDocument(ABBREVIATE), embedder.embedDocument(ABBREVIATE));
    }

    @Test
    void differentTextsAndRolesGiveDifferentVectors() {
        float[] abbreviate = embedder.embedDocument(ABBREVIATE);
        assertTrue(dot(abbreviate, embedder.embedDocument(SOCKET)) < 0.99);
        // The query prefix must be applied: the same words as a query are a different input.
        assertTrue(dot(abbreviate, embedder.embedQuery(ABBREVIATE)) < 0.999);
        assertArrayEquals(embedder.embedDocument(OnnxEmbedder.BGE_QUERY_PREFIX + "blank string"),
                embedder.embedQuery("blank string"));
    }

    @Test
    void queryIsCloserToItsMatchingCodeThanToUnrelatedCode() {
        float[] query = embedder.embedQuery("truncate a string and append an ellipsis");
        double related = dot(query, embedder.embedDocument(ABBREVIATE));
        double unrelated = dot(query, embedder.embedDocument(SOCKET));
        assertTrue(related > unrelated + 0.05, "related " + related + " vs unrelated " + unrelated);

        float[] socketQuery = embedder.embedQuery("open a TCP connection with a timeout");
        assertTrue(dot(socketQuery, embedder.embedDocument(SOCKET)) > dot(socketQuery, embedder.embedDocument(ABBREVIATE)));
    }

    @Test
    void longInputsAreTruncatedAtTheChosenLimit() {
        String head = "value = compute(value);\n".repeat(200);
        assertEquals(OnnxEmbedder.BGE_DEFAULT_MAX_TOKENS, embedder.documentTokens(head));
        // Everything past the limit is dropped, so a different tail cannot change the vector.
        assertArrayEquals(embedder.embedDocument(head + "return alpha;"), embedder.embedDocument(head + "return omega;"));
        assertFalse(embedder.documentTokens("int x;") >= OnnxEmbedder.BGE_DEFAULT_MAX_TOKENS);
    }

    @Test
    void concurrentCallsGiveTheSameVectorsAsSequentialOnes() throws Exception {
        float[] expectedA = embedder.embedDocument(ABBREVIATE);
        float[] expectedB = embedder.embedDocument(SOCKET);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> embedder.embedDocument(ABBREVIATE)));
                results.add(pool.submit(() -> embedder.embedDocument(SOCKET)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(i % 2 == 0 ? expectedA : expectedB, results.get(i).get());
            }
        }
    }

    @Test
    void rejectsATokenLimitBeyondTheModelsPositions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxEmbedder.bgeSmall(513));
        assertTrue(e.getMessage().contains("512"), e.getMessage());
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
