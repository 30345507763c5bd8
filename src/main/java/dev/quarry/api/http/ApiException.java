package dev.quarry.api.http;

import java.util.Map;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * A request that ends in an error response: the HTTP status and the body every error shares,
 * {@code {error, message, details, retryable}}.
 */
public final class ApiException extends RuntimeException {
    private final StatusCode status;
    private final String code;
    private final Map<String, Object> details;
    private final boolean retryable;

    public ApiException(StatusCode status, String code, String message, Map<String, Object> details, boolean retryable) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
        this.retryable = retryable;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(StatusCodes.BAD_REQUEST, code, message, Map.of(), false);
    }

    public static ApiException badRequest(String code, String message, Map<String, Object> details) {
        return new ApiException(StatusCodes.BAD_REQUEST, code, message, details, false);
    }

    public StatusCode status() {
        return status;
    }

    public ErrorBody body() {
        return new ErrorBody(code, getMessage(), details, retryable);
    }

    /** The JSON of every error response. */
    public record ErrorBody(String error, String message, Map<String, Object> details, boolean retryable) {}
}
