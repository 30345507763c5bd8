package dev.quarry.index;

import dev.quarry.index.persist.PersistSettings;
import dev.quarry.ingest.IngestPipeline;
import dev.quarry.search.SearchService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Node-local services every index actor on this node shares. Handed to actors at creation (never in
 * messages), so a sharded entity gets the services of whichever node it lands on.
 *
 * @param indexesDir      where each index keeps its directory ({@code <indexesDir>/<id>})
 * @param refreshInterval how often a running walk makes new batches visible to searches
 * @param ramBufferMb     Lucene's indexing buffer per index
 * @param workers         CPU pool (one thread per core) shared by chunking and Lucene analysis
 * @param persist         snapshot retry backoff and the durable-write seam
 * @param searches        runs searches sent to an index actor by nodes that do not host its view
 * @param semantic        embedding for the semantic lane, or null when this node is lexical-only
 */
public record IndexServices(
        ViewBoard board,
        IngestPipeline pipeline,
        Executor workers,
        int workerCount,
        Path indexesDir,
        Duration refreshInterval,
        Duration progressInterval,
        double ramBufferMb,
        PersistSettings persist,
        SearchService searches,
        SemanticServices semantic) {

    public Path indexDir(String indexId) {
        return indexesDir.resolve(indexId);
    }
}
