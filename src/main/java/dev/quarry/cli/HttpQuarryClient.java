package dev.quarry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.api.IndexedHit;
import dev.quarry.api.UnknownIndexException;
import dev.quarry.api.http.ApiBodies;
import dev.quarry.api.http.WireJson;
import dev.quarry.daemon.DaemonClient;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@link QuarryClient} over the daemon's HTTP API; error answers become the exceptions the CLI reports. */
final class HttpQuarryClient implements QuarryClient {
    private final DaemonClient daemon;

    HttpQuarryClient(DaemonClient daemon) {
        this.daemon = daemon;
    }

    /** {@code GET /indexes} read as the statuses (or specs) it is a superset of. */
    private record Statuses(List<IndexStatus> indexes) {}

    private record Specs(List<IndexSpec> indexes) {}

    @Override
    public IndexSpec ensureIndex(IndexSpec spec) {
        return call(() -> daemon.post("/indexes", new ApiBodies.CreateIndex(spec.id(), spec.root(),
                ApiBodies.Options.of(spec.options())), IndexSpec.class));
    }

    @Override
    public IndexingProgress reindex(String id, boolean force, Consumer<IndexingProgress> onProgress) {
        call(() -> daemon.post(indexPath(id, "reindex"), new ApiBodies.Reindex(force), ApiBodies.ReindexAccepted.class));
        List<IndexingProgress> last = new ArrayList<>(1);
        call(() -> {
            daemon.events(indexPath(id, "events"), (type, data) -> {
                IndexingProgress progress = read(data, IndexingProgress.class);
                last.clear();
                last.add(progress);
                onProgress.accept(progress);
            });
            return null;
        });
        if (last.isEmpty() || !last.getFirst().done()) {
            throw new IllegalStateException("the daemon closed the progress stream of '" + id + "' before the walk finished");
        }
        return last.getFirst();
    }

    @Override
    public SearchOutcome search(List<String> ids, SearchRequest request) {
        ApiBodies.MultiSearch body = new ApiBodies.MultiSearch(request.query(), request.topK(), request.mode(),
                request.pathPrefix(), request.language(), ids);
        try {
            ApiBodies.MultiResults results = call(() -> daemon.post("/search", body, ApiBodies.MultiResults.class));
            List<IndexedHit> hits = results.hits().stream().map(ApiBodies.Hit::toIndexedHit).toList();
            return new SearchOutcome(hits, problems(results.indexes()), results.indexes().size());
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof DaemonClient.ApiCallException failure && failure.code().equals("index_unavailable")) {
                // No index could answer: the details say why each could not.
                List<ApiBodies.Outcome> outcomes = new ArrayList<>();
                for (JsonNode outcome : failure.details().path("indexes")) {
                    outcomes.add(read(outcome.toString(), ApiBodies.Outcome.class));
                }
                return new SearchOutcome(List.of(), problems(outcomes), outcomes.size());
            }
            throw e;
        }
    }

    @Override
    public List<SymbolReply> definitions(List<String> ids, DefinitionsRequest request) {
        return eachIndex(ids, id -> daemon.post(indexPath(id, "definitions"), request, SymbolReply.class), SYMBOLS_UNAVAILABLE);
    }

    @Override
    public List<SymbolReply> callers(List<String> ids, CallsRequest request) {
        return eachIndex(ids, id -> daemon.post(indexPath(id, "callers"), request, SymbolReply.class), SYMBOLS_UNAVAILABLE);
    }

    @Override
    public List<SymbolReply> callees(List<String> ids, CallsRequest request) {
        return eachIndex(ids, id -> daemon.post(indexPath(id, "callees"), request, SymbolReply.class), SYMBOLS_UNAVAILABLE);
    }

    @Override
    public List<SymbolReply> callChain(List<String> ids, CallChainRequest request) {
        return eachIndex(ids, id -> daemon.post(indexPath(id, "call-chain"), request, SymbolReply.class), SYMBOLS_UNAVAILABLE);
    }

    @Override
    public List<GrepReply> grep(List<String> ids, GrepRequest request) {
        return eachIndex(ids, id -> daemon.post(indexPath(id, "grep"), request, GrepReply.class), GrepReply.Unavailable::new);
    }

    /** Builds the "cannot answer" reply of a query type from a 503's index, state, reason and retryable. */
    private interface UnavailableReply<R> {
        R of(String index, String state, String reason, boolean retryable);
    }

    private static final UnavailableReply<SymbolReply> SYMBOLS_UNAVAILABLE = SymbolReply.Unavailable::new;

    /** One reply per index (all when {@code ids} is empty); a 503 becomes that index's "unavailable" reply. */
    private <R> List<R> eachIndex(List<String> ids, java.util.function.Function<String, R> ask, UnavailableReply<R> unavailable) {
        List<String> targets = ids.isEmpty() ? indexes().stream().map(IndexSpec::id).toList() : ids;
        List<R> replies = new ArrayList<>();
        for (String id : targets) {
            try {
                replies.add(call(() -> ask.apply(id)));
            } catch (IllegalStateException e) {
                if (e.getCause() instanceof DaemonClient.ApiCallException failure && failure.code().equals("index_unavailable")) {
                    replies.add(unavailable.of(id, failure.details().path("state").asText(), failure.getMessage(),
                            failure.details().path("retryable").asBoolean()));
                } else {
                    throw e;
                }
            }
        }
        return replies;
    }

    private static List<String> problems(List<ApiBodies.Outcome> outcomes) {
        return outcomes.stream().filter(o -> !o.status().equals("ok"))
                .map(o -> SearchOutcome.problem(o.index(), o.status(), o.reason())).toList();
    }

    @Override
    public List<IndexStatus> statuses() {
        return call(() -> daemon.get("/indexes", Statuses.class)).indexes();
    }

    @Override
    public List<IndexSpec> indexes() {
        return call(() -> daemon.get("/indexes", Specs.class)).indexes();
    }

    @Override
    public IndexRegistry.Unregistered remove(String id, boolean deleteData) {
        ApiBodies.Removed removed = call(() -> daemon.delete("/indexes/" + id + "?delete_data=" + deleteData, ApiBodies.Removed.class));
        return new IndexRegistry.Unregistered(id, true, removed.dataDeleted(), removed.error());
    }

    @Override
    public void close() {
        // Nothing to release: the daemon keeps running, and the HTTP client is shared.
    }

    private static String indexPath(String id, String sub) {
        return "/indexes/" + id + "/" + sub;
    }

    /** Maps error answers to what the CLI reports: 404 → unknown index, other 4xx → bad input (exit 2), else a failure. */
    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (DaemonClient.ApiCallException e) {
            if (e.code().equals("unknown_index")) {
                JsonNode details = e.details();
                throw new UnknownIndexException(details.has("index") ? details.get("index").asText()
                        : details.path("indexes").path(0).asText("?"));
            }
            if (e.status() >= 400 && e.status() < 500) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            throw new IllegalStateException("the daemon answered " + e.status() + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return WireJson.lenient().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the daemon sent an unreadable event: " + e.getOriginalMessage(), e);
        }
    }
}
