package dev.quarry.ingest.walk;

import java.nio.file.Path;

/**
 * A file the walker accepted.
 *
 * @param file         absolute path as reached by the walk (a link's own path when links are followed)
 * @param relativePath path relative to the walk root, '/'-separated
 * @param size         size in bytes when the file was walked
 */
public record WalkEntry(Path file, String relativePath, long size) {}
