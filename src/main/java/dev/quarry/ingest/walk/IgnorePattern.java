package dev.quarry.ingest.walk;

import java.util.Optional;

/**
 * One line of an ignore file, parsed with gitignore rules.
 *
 * @param matchesName a pattern without an inner or leading '/' matches the name at any depth;
 *                    otherwise it is anchored to the ignore file's directory
 */
record IgnorePattern(Glob glob, boolean negated, boolean directoryOnly, boolean matchesName) {

    /** Empty for blank lines, comments and patterns that can never match. */
    static Optional<IgnorePattern> parse(String line) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line; // CRLF files
        if (text.startsWith("#")) {
            return Optional.empty();
        }
        text = trimUnescapedTrailingSpaces(text);
        boolean negated = text.startsWith("!");
        if (negated) {
            text = text.substring(1);
        }
        boolean directoryOnly = text.endsWith("/");
        if (directoryOnly) {
            text = text.substring(0, text.length() - 1);
        }
        boolean matchesName = text.indexOf('/') < 0;
        if (text.startsWith("/")) {
            text = text.substring(1);
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new IgnorePattern(Glob.compile(text), negated, directoryOnly, matchesName));
        } catch (IllegalArgumentException unmatchable) {
            return Optional.empty(); // git likewise treats a malformed pattern as matching nothing
        }
    }

    boolean matches(String pathFromBase, String name, boolean isDirectory) {
        if (directoryOnly && !isDirectory) {
            return false;
        }
        return glob.matches(matchesName ? name : pathFromBase);
    }

    /** Git drops trailing spaces unless the last one is escaped ("foo\ "). */
    private static String trimUnescapedTrailingSpaces(String text) {
        int end = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                i += 2;
                end = i;
            } else {
                i++;
                if (c != ' ') {
                    end = i;
                }
            }
        }
        return text.substring(0, end);
    }
}
