package dev.quarry.api.http;

/**
 * Answer of {@code GET /health}.
 *
 * @param status "ok" when every index can answer, "starting" while some load, "degraded" when any failed
 * @param pid    with {@code dataDir}, lets a client prove it reached the daemon of its data directory
 */
public record HealthBody(String status, String version, long pid, String dataDir, long uptimeSeconds,
                         IndexCounts indexes, long files, long chunks) {

    /** @param empty searchable but holding no files: never walked, or an empty root */
    public record IndexCounts(int registered, int ready, int indexing, int loading, int quarantined, int failed,
                              int searchable, int empty) {}

    public boolean starting() {
        return "starting".equals(status);
    }
}
