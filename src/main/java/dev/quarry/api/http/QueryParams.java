package dev.quarry.api.http;

import java.util.Map;
import java.util.Optional;

/** Parses query parameters strictly: a value that is not exactly what is documented is a 400. */
final class QueryParams {
    private QueryParams() {}

    static boolean bool(String name, Optional<String> value) {
        return switch (value.orElse("false")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "must be true or false: " + value.get());
        };
    }

    static int intBetween(String name, Optional<String> value, int fallback, int min, int max) {
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "must be an integer between " + min + " and " + max + ": " + value.get());
    }

    /** A required text parameter; decoded bytes that were not UTF-8 arrive as U+FFFD and are refused. */
    static String text(String name, Optional<String> value) {
        String text = value.filter(v -> !v.isBlank()).orElseThrow(() -> invalid(name, "is required"));
        return checked(name, text);
    }

    static Optional<String> optionalText(String name, Optional<String> value) {
        return value.filter(v -> !v.isEmpty()).map(v -> checked(name, v));
    }

    private static String checked(String name, String text) {
        if (text.indexOf('\uFFFD') >= 0) {
            throw invalid(name, "is not valid UTF-8");
        }
        return text;
    }

    private static ApiException invalid(String name, String problem) {
        return ApiException.badRequest("invalid_parameter", "query parameter '" + name + "' " + problem,
                Map.of("parameter", name));
    }
}
