package dev.quarry.ingest;

import java.util.List;

/** A file's new content, already chunked off the actor: replaces everything indexed for {@code path}. */
public record FileUpdate(String path, String sha256, long size, List<Chunk> chunks) {
    public FileUpdate {
        chunks = List.copyOf(chunks);
    }
}
