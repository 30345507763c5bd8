package dev.quarry.index;

import dev.quarry.embed.Embedder;
import java.util.concurrent.ExecutorService;

/**
 * What index actors on a node need for the semantic lane; absent when the node runs lexical-only.
 *
 * @param embedder document embedder, normally behind the node's persistent embedding cache
 * @param pool     the low-priority embedding threads, shared by every index on the node; once it is shut
 *                 down, slices stop between chunks
 * @param threads  size of {@code pool}: each index keeps at most this many slices in flight
 */
public record SemanticServices(Embedder embedder, ExecutorService pool, int threads) {}
