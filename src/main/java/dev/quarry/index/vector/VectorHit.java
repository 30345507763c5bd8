package dev.quarry.index.vector;

/**
 * One semantic match.
 *
 * @param chunkId the chunk whose vector matched
 * @param score   cosine similarity to the query (dot product of unit vectors), in [-1, 1]
 */
public record VectorHit(String chunkId, float score) {}
