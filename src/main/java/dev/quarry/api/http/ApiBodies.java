package dev.quarry.api.http;

import dev.quarry.api.IndexedHit;
import dev.quarry.index.IndexOptions;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the API (beside {@link IndexBody} and {@link HealthBody}), shared with the CLI client. */
public final class ApiBodies {
    private ApiBodies() {}

    /** Body of {@code POST /indexes}. */
    public record CreateIndex(String id, String root, Options options) {}

    /** Index options as sent; absent fields take their defaults. */
    public record Options(Boolean lexicalOnly, List<String> excludes, Long maxFileBytes, Boolean followSymlinks) {
        public static Options of(IndexOptions options) {
            return new Options(options.lexicalOnly(), options.excludes(), options.maxFileBytes(), options.followSymlinks());
        }

        IndexOptions toOptions() {
            if (maxFileBytes != null && maxFileBytes <= 0) {
                throw ApiException.badRequest("invalid_field", "options.max_file_bytes must be positive: " + maxFileBytes,
                        Map.of("field", "options.max_file_bytes"));
            }
            return new IndexOptions(Boolean.TRUE.equals(lexicalOnly), excludes,
                    maxFileBytes == null ? IndexOptions.DEFAULT_MAX_FILE_BYTES : maxFileBytes, Boolean.TRUE.equals(followSymlinks));
        }
    }

    /** Answer of {@code DELETE /indexes/{id}}; {@code dataDeleted} reflects the disk, not the request. */
    public record Removed(String id, boolean dataDeleted, String error) {}

    /** Answer of {@code GET /indexes}. */
    public record IndexList(List<IndexBody> indexes) {}

    /** Body of {@code POST .../reindex}; may be omitted. */
    public record Reindex(boolean force) {}

    /** @param started false when a walk started through the API was still running (it keeps going) */
    public record ReindexAccepted(String index, boolean started, String events) {}

    /** Body of {@code POST .../files}: the file's full new text. */
    public record PutFile(String path, String content) {}

    /** @param created false when the path was already indexed (its chunks were replaced) */
    public record FilePut(String index, String path, int chunks, boolean created) {}

    /** @param removed false when nothing was indexed under the path */
    public record FileDeleted(String index, String path, boolean removed) {}

    /** Body of {@code POST /search}: a search request plus the indexes to search (all when absent or empty). */
    public record MultiSearch(String query, int topK, String mode, String pathPrefix, String language, List<String> indexes) {
        public SearchRequest request() {
            return new SearchRequest(query, topK, mode, pathPrefix, language);
        }

        public List<String> targets() {
            return indexes == null ? List.of() : indexes;
        }
    }

    /** Answer of {@code POST /indexes/{id}/search}; {@code tookMicros} is server-side time. */
    public record Results(String index, List<SearchHit> hits, List<String> lanes, long generation, long tookMicros) {}

    /** Answer of {@code POST /search}: the best hits across indexes and how each index fared. */
    public record MultiResults(List<Hit> hits, List<Outcome> indexes, long tookMicros) {}

    /** A hit of a multi-index search: the index it came from plus the hit's fields. */
    public record Hit(String index, String chunkId, String path, int startLine, int endLine, String symbol, String kind,
                      String language, float score, String snippet, List<String> lanes) {
        static Hit of(IndexedHit h) {
            SearchHit hit = h.hit();
            return new Hit(h.index(), hit.chunkId(), hit.path(), hit.startLine(), hit.endLine(), hit.symbol(), hit.kind(),
                    hit.language(), hit.score(), hit.snippet(), hit.lanes());
        }

        public IndexedHit toIndexedHit() {
            return new IndexedHit(index, new SearchHit(chunkId, path, startLine, endLine, symbol, kind, language, score,
                    snippet, lanes));
        }
    }

    /**
     * How one index fared in a multi-index search.
     *
     * @param status "ok", "unavailable" (with state, reason, retryable) or "rejected" (with reason)
     */
    public record Outcome(String index, String status, int hits, String state, String reason, boolean retryable) {
        static Outcome of(SearchReply reply) {
            return switch (reply) {
                case SearchReply.Results r -> new Outcome(r.indexId(), "ok", r.hits().size(), null, null, false);
                case SearchReply.Unavailable u -> new Outcome(u.indexId(), "unavailable", 0, u.state(), u.reason(), u.retryable());
                case SearchReply.Rejected r -> new Outcome(r.indexId(), "rejected", 0, null, r.message(), false);
            };
        }
    }
}
