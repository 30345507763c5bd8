package dev.quarry.index;

import dev.quarry.ingest.symbols.IndexSymbols;
import dev.quarry.index.vector.VectorView;
import org.apache.lucene.search.SearcherManager;

/**
 * What an index publishes for readers on its node: the searcher manager (each acquire returns an
 * immutable point-in-time reader), the immutable symbols of the last applied batch, the vectors of
 * the chunks embedded so far, and the latest status. Replaced, never mutated; local only.
 *
 * @param searchers null until the index is open
 * @param symbols   null until the index is open; may run ahead of {@code searchers} during a walk
 * @param vectors   null when the index has no semantic lane
 */
public record IndexView(String indexId, SearcherManager searchers, IndexSymbols symbols, VectorView vectors,
                        IndexStatus status) {}
