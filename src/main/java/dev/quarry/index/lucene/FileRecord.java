package dev.quarry.index.lucene;

/**
 * What the index remembers about one source file, so fingerprints can be rebuilt from Lucene alone.
 *
 * @param path       path relative to the index root, '/'-separated (as in {@code Chunk.path})
 * @param sha256     hex SHA-256 of the file bytes that were indexed
 * @param size       file size in bytes
 * @param chunkCount number of chunk documents indexed for this file version
 */
public record FileRecord(String path, String sha256, long size, int chunkCount) {}
