package dev.quarry.embed;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Puts an {@link EmbeddingCache} in front of an {@link Embedder} for documents, which repeat
 * across re-indexing and across repositories. Queries bypass the cache: they are short, cheap and
 * rarely repeated, and caching them would fill the file with one-off vectors.
 *
 * <p>Owns both parts: {@link #close()} closes the embedder and the cache.
 */
public final class CachingEmbedder implements Embedder {

    private final Embedder delegate;
    private final EmbeddingCache cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder inferences = new LongAdder();

    private CachingEmbedder(Embedder delegate, EmbeddingCache cache) {
        this.delegate = delegate;
        this.cache = cache;
    }

    /** @throws IllegalArgumentException if the cache was opened for another model or dimension count */
    public static CachingEmbedder of(Embedder delegate, EmbeddingCache cache) {
        if (!delegate.modelId().equals(cache.modelId()) || delegate.dimensions() != cache.dimensions()) {
            throw new IllegalArgumentException("Cache holds '" + cache.modelId() + "' (" + cache.dimensions()
                    + " dims) but the embedder is '" + delegate.modelId() + "' (" + delegate.dimensions() + " dims)");
        }
        return new CachingEmbedder(delegate, cache);
    }

    @Override
    public int dimensions() {
        return delegate.dimensions();
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public float[] embedDocument(String text) {
        Optional<float[]> cached = cache.get(text);
        if (cached.isPresent()) {
            hits.increment();
            return cached.get();
        }
        inferences.increment();
        float[] vector = delegate.embedDocument(text);
        cache.put(text, vector);
        return vector;
    }

    @Override
    public float[] embedQuery(String text) {
        return delegate.embedQuery(text);
    }

    /** Documents answered from the cache. */
    public long cacheHits() {
        return hits.sum();
    }

    /** Documents the wrapped embedder had to compute (cache misses); queries are not counted. */
    public long inferences() {
        return inferences.sum();
    }

    @Override
    public void close() {
        try (cache) {
            delegate.close();
        }
    }
}
