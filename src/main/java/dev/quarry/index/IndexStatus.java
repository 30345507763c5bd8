package dev.quarry.index;

/**
 * An immutable snapshot of one index's state, published for status and health; crosses nodes as a reply.
 *
 * @param semantic how far embedding has got; null when the index has no semantic lane
 */
public record IndexStatus(
        String id,
        String root,
        IndexState state,
        long files,
        long chunks,
        SymbolCounts symbols,
        long generation,
        long visibleGeneration,
        long durableGeneration,
        IndexingProgress progress,
        WalkSummary lastWalk,
        SemanticCoverage semantic,
        String lastError) implements dev.quarry.QuarrySerializable {

    /**
     * Size of the index's symbol graph.
     *
     * @param files   files with symbols in the graph (every indexed file, text files with none)
     * @param missing indexed files whose symbols are not in the graph: the index was restored without a
     *                matching symbol snapshot; the next walk re-reads exactly these files
     * @param note    why symbols are missing, or null when none are
     */
    public record SymbolCounts(long files, long definitions, long calls, long missing, String note) {}

    /** True when searches can be answered: a view exists and it is not a first walk's empty start. */
    public boolean searchable() {
        return state.searchable() && (state == IndexState.READY || visibleGeneration > 0);
    }
}
