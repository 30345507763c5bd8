package dev.quarry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.quarry.api.http.WireJson;

/** JSON output of CLI commands: the API's wire format (snake_case), one indented document per command, on stdout. */
final class Json {
    private Json() {}

    static String write(Object value) {
        try {
            return WireJson.lenient().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode output", e);
        }
    }
}
