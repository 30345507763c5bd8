package dev.quarry.cli;

import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import dev.quarry.search.grep.GrepReply;
import dev.quarry.search.grep.GrepRequest;
import java.util.List;
import java.util.function.Consumer;

/** What the CLI needs from Quarry, whether it runs in this process or in the daemon. */
interface QuarryClient extends AutoCloseable {

    /** Registers the index, or returns the existing one with the same id and root. */
    IndexSpec ensureIndex(IndexSpec spec);

    /** Walks the index's root, reporting progress, and returns once the result is durable. */
    IndexingProgress reindex(String id, boolean force, Consumer<IndexingProgress> onProgress);

    /** One reply per searched index: all indexes when {@code ids} is empty. */
    List<SearchReply> search(List<String> ids, SearchRequest request);

    /** One reply per grepped index: all indexes when {@code ids} is empty. */
    List<GrepReply> grep(List<String> ids, GrepRequest request);

    List<IndexStatus> statuses();

    @Override
    void close();
}
