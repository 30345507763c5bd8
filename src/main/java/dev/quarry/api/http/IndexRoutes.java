package dev.quarry.api.http;

import dev.quarry.api.QuarryNode;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexSpec;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** Creating, listing, showing and removing indexes: {@code /indexes} and {@code /indexes/{id}}. */
final class IndexRoutes extends ApiDirectives {
    private final QuarryNode node;
    private final RootPolicy roots;
    private final ReindexRuns runs;

    IndexRoutes(QuarryNode node, RootPolicy roots, ReindexRuns runs) {
        this.node = node;
        this.roots = roots;
        this.runs = runs;
    }

    Route route() {
        return concat(
                path("indexes", () -> concat(post(this::create), get(this::list))),
                path(PathMatchers.segment("indexes").slash(PathMatchers.segment()),
                        id -> concat(get(() -> show(id)), delete(() -> remove(id)))));
    }

    private Route create() {
        return jsonBody(ApiBodies.CreateIndex.class, body -> respond(() -> {
            Path root = roots.check(body.root());
            IndexSpec spec = new IndexSpec(body.id(), root.toString(),
                    body.options() == null ? IndexOptions.defaults() : body.options().toOptions());
            return node.register(spec).thenApply(reply -> switch (reply) {
                case IndexRegistry.Registered registered -> json(registered.created() ? StatusCodes.CREATED : StatusCodes.OK,
                        IndexBody.of(registered.spec(), node.status(spec.id())));
                case IndexRegistry.Rejected rejected -> throw rejected.conflict()
                        ? new ApiException(StatusCodes.CONFLICT, "conflict", rejected.message(), Map.of("index", spec.id()), false)
                        : ApiException.badRequest("invalid_index", rejected.message());
            });
        }));
    }

    private Route list() {
        return respond(() -> node.list().thenApply(specs ->
                ok(new ApiBodies.IndexList(specs.stream().map(s -> IndexBody.of(s, node.status(s.id()))).toList()))));
    }

    private Route show(String id) {
        return respond(() -> known(node, id).thenApply(spec -> ok(IndexBody.of(spec, node.status(id)))));
    }

    private Route remove(String id) {
        return parameterOptional("delete_data", deleteData -> respond(() -> {
            boolean delete = QueryParams.bool("delete_data", deleteData);
            return node.unregister(id, delete).thenCompose(removed -> {
                if (!removed.existed()) {
                    throw Failures.unknownIndex(id);
                }
                return node.lookup(id).thenApply(found -> {
                    if (found.exists()) {
                        // The registry could not be rewritten, so the index is still there.
                        throw new ApiException(StatusCodes.INTERNAL_SERVER_ERROR, "registry_write_failed",
                                removed.error(), Map.of("index", id), true);
                    }
                    runs.forget(id);
                    return ok(new ApiBodies.Removed(id, removed.dataDeleted(), removed.error()));
                });
            });
        }));
    }
}
