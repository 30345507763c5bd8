package dev.quarry.api.http;

import dev.quarry.api.QuarryNode;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The whole API: every route class behind one access check, one body size limit, one request
 * timeout, and error handling that answers every failure and rejection with the same JSON shape.
 */
public final class ApiRoutes extends ApiDirectives {
    private final HttpSettings settings;
    private final ApiMetrics metrics = new ApiMetrics();
    private final AccessControl access;
    private final Route routes;

    private ApiRoutes(QuarryNode node, HttpSettings settings, Runnable shutdown) {
        this.settings = settings;
        this.access = new AccessControl(settings);
        ReindexRuns runs = new ReindexRuns(node, settings.eventsInterval());
        this.routes = concat(
                new HealthRoute(node).route(),
                new MetricsRoute(node, metrics).route(),
                new IndexRoutes(node, RootPolicy.create(settings), runs).route(),
                new ReindexRoutes(node, runs).route(),
                new FileRoutes(node).route(),
                new SearchRoutes(node, metrics, settings.searchFanOut()).route(),
                new IndexQueryRoutes(node).route(),
                new ChunkRoutes(node).route(),
                new ShutdownRoute(shutdown).route());
    }

    /** @param shutdown starts a graceful daemon shutdown without waiting for it ({@code POST /shutdown}) */
    public static Route create(QuarryNode node, HttpSettings settings, Runnable shutdown) {
        return new ApiRoutes(node, settings, shutdown).route();
    }

    private Route route() {
        return mapResponse(this::counted, () -> handleExceptions(exceptions(), () -> handleRejections(rejections(), () ->
                access.guard(() -> withSizeLimit(settings.maxBodyBytes(), () ->
                        withRequestTimeout(settings.requestTimeout(), request -> error(new ApiException(
                                StatusCodes.SERVICE_UNAVAILABLE, "timeout", "the daemon did not answer within "
                                + settings.requestTimeout().toSeconds() + " s", Map.of(), true)), () -> routes))))));
    }

    private HttpResponse counted(HttpResponse response) {
        metrics.recordResponse(response.status().intValue());
        return response;
    }

    private ExceptionHandler exceptions() {
        return ExceptionHandler.newBuilder().matchAny(t -> complete(error(Failures.toApi(t)))).build();
    }

    /** Pekko's own rejection answers (404, 405, 413, ...), re-worded into the API's error shape. */
    private static RejectionHandler rejections() {
        return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
            if (response.entity().getContentType().equals(ContentTypes.APPLICATION_JSON)) {
                return response;
            }
            String text = response.entity() instanceof HttpEntity.Strict strict ? strict.getData().utf8String() : "";
            int status = response.status().intValue();
            return response.withEntity(ContentTypes.APPLICATION_JSON, WireJson.bytes(
                    new ApiException.ErrorBody(codeFor(status), text, Map.of(), status == 503)));
        });
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
    }
}
