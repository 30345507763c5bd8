package dev.quarry.api;

/** The index exists but cannot answer now: it is loading, has no searchable view yet, or is broken. */
public final class IndexUnavailableException extends RuntimeException {
    private final String indexId;
    private final String state;
    private final boolean retryable;

    public IndexUnavailableException(String indexId, String state, String reason, boolean retryable) {
        super("index '" + indexId + "' is unavailable: " + reason);
        this.indexId = indexId;
        this.state = state;
        this.retryable = retryable;
    }

    public String indexId() {
        return indexId;
    }

    public String state() {
        return state;
    }

    public boolean retryable() {
        return retryable;
    }
}
