package dev.quarry.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.quarry.api.QuarryNode;
import dev.quarry.index.IndexSpec;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.util.ByteString;

/** Directives every route class shares: strict JSON bodies, JSON responses, async handlers. */
abstract class ApiDirectives extends AllDirectives {

    /** Matches {@code /indexes/{id}/<sub>} exactly. */
    protected Route indexPath(String sub, Function<String, Route> inner) {
        return path(PathMatchers.segment("indexes").slash(PathMatchers.segment()).slash(sub), inner);
    }

    /** Reads the body as {@code type}; anything but well-formed JSON of exactly that shape is a 400. */
    protected <T> Route jsonBody(Class<T> type, Function<T, Route> inner) {
        return jsonBody(type, null, inner);
    }

    /** Like {@link #jsonBody(Class, Function)}, but an empty body means {@code whenEmpty}. */
    protected <T> Route jsonBody(Class<T> type, T whenEmpty, Function<T, Route> inner) {
        return extractRequestEntity(entity -> {
            if (whenEmpty != null && entity.isKnownEmpty()) {
                return inner.apply(whenEmpty);
            }
            if (!entity.getContentType().mediaType().equals(MediaTypes.APPLICATION_JSON)) {
                // Also what keeps browsers' no-preflight "simple" cross-site POSTs out.
                throw new ApiException(StatusCodes.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                        "request body must be application/json, not " + entity.getContentType(), Map.of(), false);
            }
            return entity(Unmarshaller.entityToByteString(), bytes -> inner.apply(parse(bytes, type)));
        });
    }

    private static <T> T parse(ByteString bytes, Class<T> type) {
        if (bytes.isEmpty()) {
            throw ApiException.badRequest("invalid_json", "request body is empty; expected a JSON object");
        }
        try {
            T value = WireJson.strict().readValue(bytes.toArray(), type);
            if (value == null) {
                throw ApiException.badRequest("invalid_json", "request body is null; expected a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown_field", "unknown field '" + e.getPropertyName() + "'",
                    Map.of("field", e.getPropertyName(), "known", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()));
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest("invalid_field", describe(e), Map.of("field", fieldPath(e)));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_json", "request body could not be read: " + e.getMessage());
        }
    }

    private static String describe(MismatchedInputException e) {
        String field = fieldPath(e);
        return (field.isEmpty() ? "request body" : "field '" + field + "'") + " has the wrong type or value: "
                + e.getOriginalMessage().lines().findFirst().orElse("");
    }

    private static String fieldPath(MismatchedInputException e) {
        return String.join(".", e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex())).toList());
    }

    /** The index's spec; fails with a 404 when no index has that id. */
    protected static CompletionStage<IndexSpec> known(QuarryNode node, String id) {
        return node.lookup(id).thenApply(found -> {
            if (!found.exists()) {
                throw Failures.unknownIndex(id);
            }
            return found.spec();
        });
    }

    /** Completes with the handler's response, or the error response its failure maps to. */
    protected Route respond(Supplier<CompletionStage<HttpResponse>> handler) {
        CompletionStage<HttpResponse> response;
        try {
            response = handler.get();
        } catch (RuntimeException e) {
            return complete(error(Failures.toApi(e)));
        }
        return completeWithFuture(response.exceptionally(failure -> error(Failures.toApi(failure))));
    }

    static HttpResponse json(StatusCode status, Object body) {
        return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, WireJson.bytes(body));
    }

    static HttpResponse ok(Object body) {
        return json(StatusCodes.OK, body);
    }

    static HttpResponse error(ApiException e) {
        return json(e.status(), e.body());
    }
}
