package dev.quarry.index;

/** Lifecycle of one index as reported by status and health. */
public enum IndexState {
    /** Opening its snapshot; not searchable yet. */
    LOADING,
    /** Searchable and idle. */
    READY,
    /** Searchable (possibly with a partial view) while a walk is running. */
    INDEXING,
    /** Its data failed verification; searches are refused until it is rebuilt. */
    QUARANTINED,
    /** Could not be opened or built; see the last error. */
    FAILED;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean searchable() {
        return this == READY || this == INDEXING;
    }
}
