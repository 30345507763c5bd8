package dev.quarry.api;

/** No index with this id is registered. */
public final class UnknownIndexException extends RuntimeException {
    private final String indexId;

    public UnknownIndexException(String indexId) {
        super("no index named '" + indexId + "'");
        this.indexId = indexId;
    }

    public String indexId() {
        return indexId;
    }
}
