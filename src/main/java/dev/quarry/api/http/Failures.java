package dev.quarry.api.http;

import dev.quarry.api.IndexUnavailableException;
import dev.quarry.api.UnknownIndexException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.pattern.AskTimeoutException;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns whatever a handler failed with into the error response it deserves. */
final class Failures {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {}

    static ApiException toApi(Throwable failure) {
        Throwable t = unwrap(failure);
        return switch (t) {
            case ApiException api -> api;
            case UnknownIndexException unknown -> unknownIndex(unknown.indexId());
            case IndexUnavailableException unavailable -> new ApiException(StatusCodes.SERVICE_UNAVAILABLE,
                    "index_unavailable", unavailable.getMessage(),
                    Map.of("index", unavailable.indexId(), "state", unavailable.state()), unavailable.retryable());
            case IllegalArgumentException bad -> ApiException.badRequest("bad_request", bad.getMessage());
            case AskTimeoutException timeout -> timeout();
            case TimeoutException timeout -> timeout();
            case EntityStreamSizeException tooBig -> new ApiException(StatusCodes.PAYLOAD_TOO_LARGE, "payload_too_large",
                    "request body is larger than " + tooBig.limit() + " bytes", Map.of("limit", tooBig.limit()), false);
            // An index actor refused the change (its data could not be opened): not something a retry fixes.
            case StatusReply.ErrorMessage refused -> new ApiException(StatusCodes.SERVICE_UNAVAILABLE,
                    "index_unavailable", refused.getMessage(), Map.of(), false);
            default -> {
                LOG.error("request failed unexpectedly", t);
                yield new ApiException(StatusCodes.INTERNAL_SERVER_ERROR, "internal",
                        "unexpected error: " + t, Map.of(), false);
            }
        };
    }

    static ApiException unknownIndex(String id) {
        return new ApiException(StatusCodes.NOT_FOUND, "unknown_index", "no index named '" + id + "'",
                Map.of("index", id), false);
    }

    private static ApiException timeout() {
        return new ApiException(StatusCodes.SERVICE_UNAVAILABLE, "timeout",
                "the daemon did not answer in time (quarry.ask-timeout); it may be overloaded", Map.of(), true);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
