package dev.quarry;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read-only {@code shared/} folder that sits beside the project checkout (here and in CI).
 * Missing data fails the test loudly: a test never skips silently.
 */
public final class SharedData {
    private SharedData() {}

    public static Path eval() {
        Path shared = Path.of(System.getProperty("quarry.shared", "../shared")).toAbsolutePath().normalize();
        Path eval = shared.resolve("eval");
        if (!Files.isDirectory(eval)) {
            throw new IllegalStateException("shared eval data not found at " + eval
                    + " (expected ../shared beside the checkout; override with -Dquarry.shared=DIR)");
        }
        return eval;
    }
}
