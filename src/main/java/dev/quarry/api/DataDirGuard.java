package dev.quarry.api;

import java.nio.file.Path;

/**
 * Keeps test runs away from the operator's indexes: with JUnit on the classpath, the real data
 * directory ({@code ~/.quarry}) is refused. A runtime check, so it also covers daemons that tests
 * start as child processes.
 */
public final class DataDirGuard {
    private DataDirGuard() {}

    public static void check(Path dataDir) {
        Path operator = Path.of(System.getProperty("user.home"), ".quarry").toAbsolutePath().normalize();
        if (dataDir.toAbsolutePath().normalize().startsWith(operator) && underTestHarness()) {
            throw new IllegalStateException("refusing to use the operator's data directory " + operator
                    + " from a test run; give the test a temporary data directory");
        }
    }

    private static boolean underTestHarness() {
        try {
            Class.forName("org.junit.platform.commons.JUnitException", false, DataDirGuard.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
