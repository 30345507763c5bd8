package dev.quarry.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.quarry.api.http.WireJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * JSON over HTTP to a running daemon, with its bearer token; error answers become
 * {@link ApiCallException}. Built on {@link HttpURLConnection}: unlike {@code java.net.http.HttpClient}
 * it sets up no TLS context, which saves a short-lived CLI process a noticeable part of its run.
 */
public final class DaemonClient {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** The daemon sends a heartbeat every 10 s on event streams; this much silence means it is gone. */
    private static final int EVENTS_READ_TIMEOUT_MILLIS = 60_000;

    private final URI base;
    private final Optional<String> token;
    private final Duration timeout;

    private DaemonClient(URI base, Optional<String> token, Duration timeout) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
    }

    /** @param timeout for each call but event streams, which last as long as the walk */
    public static DaemonClient connect(DaemonInfo daemon, Optional<String> token, Duration timeout) {
        return new DaemonClient(daemon.baseUri(), token, timeout);
    }

    /** The daemon answered with an error ({@code {error, message, details, retryable}}). */
    public static final class ApiCallException extends RuntimeException {
        private final int status;
        private final String code;
        private final JsonNode details;

        ApiCallException(int status, String code, String message, JsonNode details) {
            super(message);
            this.status = status;
            this.code = code;
            this.details = details;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        /** The error's {@code details} object (missing when it had none). */
        public JsonNode details() {
            return details;
        }
    }

    public <T> T get(String path, Class<T> type) {
        return call("GET", path, null, type);
    }

    /** @param body sent as JSON; null sends no body */
    public <T> T post(String path, Object body, Class<T> type) {
        return call("POST", path, body, type);
    }

    public <T> T delete(String path, Class<T> type) {
        return call("DELETE", path, null, type);
    }

    /** Reads a Server-Sent Events stream to its end, handing each event's type and data to {@code onEvent}. */
    public void events(String path, BiConsumer<String, String> onEvent) {
        HttpURLConnection connection = open("GET", path, "text/event-stream", EVENTS_READ_TIMEOUT_MILLIS);
        try {
            int status = connection.getResponseCode();
            if (status >= 300) {
                throw failure(status, read(connection.getErrorStream()));
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
                String type = "message";
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            onEvent.accept(type, data.toString());
                        }
                        type = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        type = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                    }
                }
            }
        } catch (IOException e) {
            throw unreachable(e);
        } finally {
            connection.disconnect();
        }
    }

    private <T> T call(String method, String path, Object body, Class<T> type) {
        HttpURLConnection connection = open(method, path, "application/json", (int) timeout.toMillis());
        try {
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(WireJson.bytes(body));
                }
            }
            int status = connection.getResponseCode();
            if (status >= 300) {
                throw failure(status, read(connection.getErrorStream()));
            }
            String answer = read(connection.getInputStream());
            try {
                return WireJson.lenient().readValue(answer, type);
            } catch (IOException e) {
                throw new IllegalStateException("the daemon at " + base + " sent an unreadable answer: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private HttpURLConnection open(String method, String path, String accept, int readTimeoutMillis) {
        try {
            HttpURLConnection connection = (HttpURLConnection) base.resolve(path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setRequestProperty("Accept", accept);
            token.ifPresent(t -> connection.setRequestProperty("Authorization", "Bearer " + t));
            return connection;
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private UncheckedIOException unreachable(IOException e) {
        return e instanceof ConnectException
                ? new UncheckedIOException("cannot reach the Quarry daemon at " + base + " (is it running?)", e)
                : new UncheckedIOException("talking to the Quarry daemon at " + base + " failed: " + e, e);
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ApiCallException failure(int status, String body) {
        try {
            JsonNode error = WireJson.lenient().readTree(body);
            if (error != null && error.hasNonNull("error") && error.hasNonNull("message")) {
                return new ApiCallException(status, error.get("error").asText(), error.get("message").asText(),
                        error.path("details"));
            }
        } catch (IOException e) {
            // not the API's error shape; report the raw answer
        }
        return new ApiCallException(status, "http_" + status, "the daemon answered " + status + ": " + body.strip(),
                MissingNode.getInstance());
    }
}
