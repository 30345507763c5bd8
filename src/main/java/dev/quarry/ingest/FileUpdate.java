package dev.quarry.ingest;

import java.util.List;

/**
 * A file's new content, already chunked off the actor: replaces everything indexed for {@code path}.
 * {@code text} is the whole decoded file (grep needs every line; chunks overlap and skip blank ones).
 */
public record FileUpdate(String path, String sha256, long size, String text, List<Chunk> chunks) {
    public FileUpdate {
        chunks = List.copyOf(chunks);
    }
}
