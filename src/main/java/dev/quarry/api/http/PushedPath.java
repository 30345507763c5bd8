package dev.quarry.api.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Checks a path a client pushes a file to (or deletes): relative, '/'-separated, no {@code ..},
 * and not leading out of the root through a symlink. The index only ever holds files inside its root.
 */
final class PushedPath {
    private PushedPath() {}

    /** @return the path as the index stores it */
    static String check(String root, String path) {
        if (path == null || path.isBlank()) {
            throw ApiException.badRequest("invalid_path", "path is required");
        }
        if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            throw ApiException.badRequest("invalid_path", "path may not contain NUL or backslashes", Map.of("path", path));
        }
        if (path.startsWith("/") || Path.of(path).isAbsolute()) {
            throw outside(path, "it must be relative to the index root");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                throw outside(path, "'..' is not allowed");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                throw ApiException.badRequest("invalid_path", "path has an empty or '.' segment: " + path, Map.of("path", path));
            }
        }
        Path realRoot;
        try {
            realRoot = Path.of(root).toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("index root " + root + " is not readable: " + e.getMessage(), e);
        }
        if (!deepestExisting(realRoot.resolve(path)).startsWith(realRoot)) {
            throw outside(path, "it leads out of the index root through a symlink");
        }
        return path;
    }

    /** The real path of the file, or of its nearest existing ancestor when it does not exist yet. */
    private static Path deepestExisting(Path candidate) {
        Path p = candidate;
        while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            p = p.getParent();
        }
        try {
            return p == null ? candidate : p.toRealPath();
        } catch (IOException e) {
            // A dangling symlink: its target is unknown, so it cannot be trusted to stay inside.
            return Path.of("/");
        }
    }

    private static ApiException outside(String path, String why) {
        return ApiException.badRequest("path_outside_root", "path " + path + " is not inside the index root: " + why,
                Map.of("path", path));
    }
}
