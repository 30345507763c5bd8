package dev.quarry.index;

/**
 * How much of an index the semantic lane covers: chunks whose vector searches can already see,
 * chunks still waiting for one, and chunks the embedder failed on (they stay lexical-only).
 *
 * @param percent {@code embedded} as a share of all chunks, 0..100; 100 for an empty index
 */
public record SemanticCoverage(long embedded, long pending, long failed, double percent) {

    static SemanticCoverage of(long chunks, long embedded, long failed) {
        long pending = Math.max(0, chunks - embedded - failed);
        double percent = chunks == 0 ? 100 : Math.min(100, 100.0 * embedded / chunks);
        return new SemanticCoverage(embedded, pending, failed, percent);
    }

    /** True once every chunk has a visible vector or has failed to get one. */
    public boolean complete() {
        return pending == 0;
    }
}
