package dev.quarry.index;

/** An immutable snapshot of one index's state, published for status and health; crosses nodes as a reply. */
public record IndexStatus(
        String id,
        String root,
        IndexState state,
        long files,
        long chunks,
        long generation,
        long visibleGeneration,
        long durableGeneration,
        IndexingProgress progress,
        WalkSummary lastWalk,
        String lastError) implements dev.quarry.QuarrySerializable {

    /** True when searches can be answered: a view exists and it is not a first walk's empty start. */
    public boolean searchable() {
        return state.searchable() && (state == IndexState.READY || visibleGeneration > 0);
    }
}
