package dev.quarry.search;

/** Validation shared by the symbol requests, so every field error reads the same way. */
final class SymbolLimits {
    static final int MAX_SYMBOL_CHARS = 1_000;

    private SymbolLimits() {}

    /** The symbol or name stripped, or a clear error naming {@code field}. */
    static String symbol(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        String stripped = value.strip();
        if (stripped.length() > MAX_SYMBOL_CHARS) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_SYMBOL_CHARS + " characters");
        }
        return stripped;
    }

    /** {@code value}, or {@code fallback} for 0 (not given); outside 1..max is an error naming {@code field}. */
    static int bounded(String field, int value, int fallback, int max) {
        int v = value == 0 ? fallback : value;
        if (v < 1 || v > max) {
            throw new IllegalArgumentException(field + " must be between 1 and " + max + ": " + value);
        }
        return v;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
