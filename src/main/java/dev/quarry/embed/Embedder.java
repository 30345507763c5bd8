package dev.quarry.embed;

/**
 * Turns text into a dense vector for semantic search. Documents (code chunks) and queries are
 * embedded separately because asymmetric models such as BGE expect queries to carry an
 * instruction prefix that documents must not have.
 *
 * <p>Vectors are L2-normalised, so cosine similarity is a plain dot product. Implementations are
 * thread-safe: the pipeline calls them from one worker per core.
 */
public interface Embedder extends AutoCloseable {

    /** Length of every vector this embedder returns. */
    int dimensions();

    /**
     * Identifies the model and every setting that changes its vectors (such as the token limit),
     * so vectors stored under one id are never mixed with vectors from another.
     */
    String modelId();

    float[] embedDocument(String text);

    float[] embedQuery(String text);

    /** Declares no checked exception, so callers can close an embedder without a catch block. */
    @Override
    void close();
}
