package dev.quarry.ingest;

import dev.quarry.ingest.symbols.FileSymbols;
import java.util.List;
import java.util.Objects;

/**
 * A file's new content, already chunked and symbol-extracted off the actor: replaces everything
 * indexed for {@code path}.
 *
 * @param text    the whole decoded file (grep needs every line; chunks overlap and skip blank ones)
 * @param symbols definitions, calls, imports and supertypes of the file ({@link FileSymbols#empty} for
 *                text and unsupported languages)
 */
public record FileUpdate(String path, String sha256, long size, String text, List<Chunk> chunks, FileSymbols symbols) {
    public FileUpdate {
        chunks = List.copyOf(chunks);
        Objects.requireNonNull(symbols, "symbols");
        if (!symbols.path().equals(path)) {
            throw new IllegalArgumentException("symbols of " + symbols.path() + " given for " + path);
        }
    }
}
