package dev.quarry.cli;

import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexingProgress;
import dev.quarry.search.CallChainRequest;
import dev.quarry.search.CallsRequest;
import dev.quarry.search.DefinitionsRequest;
import dev.quarry.search.SearchRequest;
import dev.quarry.search.SymbolReply;
import dev.quarry.search.grep.GrepReply;
import dev.quarry.search.grep.GrepRequest;
import java.util.List;
import java.util.function.Consumer;

/** What the CLI needs from Quarry: the daemon over HTTP, or (for {@code eval}) a node in this process. */
interface QuarryClient extends AutoCloseable {

    /** Registers the index, or returns the existing one with the same id and root. */
    IndexSpec ensureIndex(IndexSpec spec);

    /** Walks the index's root, reporting progress, and returns once the result is durable. */
    IndexingProgress reindex(String id, boolean force, Consumer<IndexingProgress> onProgress);

    /** Searches the listed indexes, or all when {@code ids} is empty. */
    SearchOutcome search(List<String> ids, SearchRequest request);

    /** One reply per index, as {@link #search}. */
    List<SymbolReply> definitions(List<String> ids, DefinitionsRequest request);

    /** One reply per index, as {@link #search}. */
    List<SymbolReply> callers(List<String> ids, CallsRequest request);

    /** One reply per index, as {@link #search}. */
    List<SymbolReply> callees(List<String> ids, CallsRequest request);

    /** One reply per index, as {@link #search}. */
    List<SymbolReply> callChain(List<String> ids, CallChainRequest request);

    /** One reply per grepped index: all indexes when {@code ids} is empty. */
    List<GrepReply> grep(List<String> ids, GrepRequest request);

    List<IndexStatus> statuses();

    List<IndexSpec> indexes();

    /** Unregisters the index; an unknown id fails with {@link dev.quarry.api.UnknownIndexException}. */
    IndexRegistry.Unregistered remove(String id, boolean deleteData);

    @Override
    void close();
}
