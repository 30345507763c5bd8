package dev.quarry.api;

import dev.quarry.embed.Embedder;
import dev.quarry.embed.OnnxEmbedder;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real BGE model, loaded once per test JVM (it takes a second) and shared by the nodes tests
 * start, counting the documents it embeds; optionally it embeds a document only when a test hands
 * out a permit, to hold embedding at a known point. Closing it leaves the shared model open.
 */
final class CountingEmbedder implements Embedder {
    private static final OnnxEmbedder MODEL = OnnxEmbedder.bgeSmall();

    final AtomicInteger documents = new AtomicInteger();
    private final Semaphore permits;

    private CountingEmbedder(Semaphore permits) {
        this.permits = permits;
    }

    static CountingEmbedder unlimited() {
        return new CountingEmbedder(null);
    }

    /** Embeds documents only as {@code permits} allows; waiting threads give up when interrupted. */
    static CountingEmbedder gated(Semaphore permits) {
        return new CountingEmbedder(permits);
    }

    @Override
    public int dimensions() {
        return MODEL.dimensions();
    }

    @Override
    public String modelId() {
        return MODEL.modelId();
    }

    @Override
    public float[] embedDocument(String text) {
        if (permits != null) {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held back by the test", e);
            }
        }
        documents.incrementAndGet();
        return MODEL.embedDocument(text);
    }

    @Override
    public float[] embedQuery(String text) {
        return MODEL.embedQuery(text);
    }

    @Override
    public void close() {}
}
