package dev.quarry.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.api.DataDirGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One daemon per data directory, and tests kept away from the operator's. */
class DaemonLockTest {
    @TempDir
    Path dataDir;

    @Test
    void aSecondDaemonIsRefusedUntilTheFirstReleases() throws Exception {
        DaemonInfo info = new DaemonInfo(ProcessHandle.current().pid(), "127.0.0.1", 7421, "dev", dataDir.toString(), "now");
        try (DaemonLock lock = DaemonLock.acquire(dataDir)) {
            lock.publish(info);
            assertEquals(info, DaemonLock.read(dataDir).orElseThrow());
            DaemonLock.AlreadyRunningException refused = assertThrows(DaemonLock.AlreadyRunningException.class,
                    () -> DaemonLock.acquire(dataDir));
            assertTrue(refused.getMessage().contains("already running for data directory " + dataDir + " (pid "
                    + info.pid() + ", port 7421)"), refused.getMessage());
        }
        assertFalse(Files.exists(dataDir.resolve("daemon.json")), "a stopped daemon withdraws its address");
        assertTrue(DaemonLock.read(dataDir).isEmpty());
        DaemonLock.acquire(dataDir).close();
    }

    @Test
    void testsCannotUseTheOperatorsDataDirectory() {
        Path operator = Path.of(System.getProperty("user.home"), ".quarry");
        assertThrows(IllegalStateException.class, () -> DataDirGuard.check(operator));
        assertThrows(IllegalStateException.class, () -> DataDirGuard.check(operator.resolve("sub")));
        assertThrows(IllegalStateException.class, () -> Daemon.start(
                dev.quarry.api.QuarryConfig.withDataDir(operator), null));
        DataDirGuard.check(dataDir);
    }

    @Test
    void aWildcardBindIsReachedThroughLoopback() {
        assertEquals("http://127.0.0.1:80", new DaemonInfo(1, "0.0.0.0", 80, "dev", "/d", "now").baseUri().toString());
        assertEquals("http://[::1]:80", new DaemonInfo(1, "::1", 80, "dev", "/d", "now").baseUri().toString());
    }
}
