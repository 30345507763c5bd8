package dev.quarry.ingest;

/**
 * One searchable unit of source: a declaration (method, class header, ...) or a line window.
 *
 * @param id        stable, unique id (see {@link ChunkIds})
 * @param path      path relative to the index root, '/'-separated
 * @param kind      "method", "function", "class", "window", ...
 * @param symbol    qualified symbol name ("StringUtils.abbreviate"), or "" for windows
 * @param signature the declaration line(s) without the body, or "" for windows
 * @param startLine 1-based, inclusive
 * @param endLine   1-based, inclusive
 */
public record Chunk(
        String id,
        String path,
        Language language,
        String kind,
        String symbol,
        String signature,
        int startLine,
        int endLine,
        String text) {}
