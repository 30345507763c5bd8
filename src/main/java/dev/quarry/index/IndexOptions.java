package dev.quarry.index;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Per-index settings chosen when the index is created; persisted in the registry. */
public record IndexOptions(
        @JsonProperty("lexical_only") boolean lexicalOnly,
        @JsonProperty("excludes") List<String> excludes,
        @JsonProperty("max_file_bytes") long maxFileBytes,
        @JsonProperty("follow_symlinks") boolean followSymlinks) {

    public static final long DEFAULT_MAX_FILE_BYTES = 1L << 20;

    public IndexOptions {
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        if (maxFileBytes <= 0) {
            maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        }
    }

    public static IndexOptions defaults() {
        return new IndexOptions(false, List.of(), DEFAULT_MAX_FILE_BYTES, false);
    }
}
