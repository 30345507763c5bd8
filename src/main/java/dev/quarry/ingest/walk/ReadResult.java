package dev.quarry.ingest.walk;

/** Outcome of {@link SourceReader#read(WalkEntry)}. */
public sealed interface ReadResult {
    WalkEntry entry();

    /**
     * @param text   the file decoded as UTF-8, without a leading byte order mark
     * @param sha256 hex SHA-256 of the file's raw bytes, BOM included
     */
    record Text(WalkEntry entry, String text, String sha256) implements ReadResult {}

    /** @param detail human-readable specifics for logs, such as the failing byte offset */
    record Skipped(WalkEntry entry, SkipReason reason, String detail) implements ReadResult {}
}
