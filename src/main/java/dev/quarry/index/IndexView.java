package dev.quarry.index;

import org.apache.lucene.search.SearcherManager;

/**
 * What an index publishes for readers on its node: the searcher manager (each acquire returns an
 * immutable point-in-time reader) and the latest status. Replaced, never mutated; local only.
 */
public record IndexView(String indexId, SearcherManager searchers, IndexStatus status) {}
