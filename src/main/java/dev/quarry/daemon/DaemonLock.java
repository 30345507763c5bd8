package dev.quarry.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.api.http.WireJson;
import dev.quarry.index.persist.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One daemon per data directory: the daemon holds an OS lock on {@code daemon.lock} for its whole
 * life (the OS drops it if the process dies, so a crash leaves nothing stale to clean up) and
 * publishes where it listens in {@code daemon.json}.
 */
public final class DaemonLock implements AutoCloseable {
    private static final ObjectMapper JSON = WireJson.lenient();

    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;

    private DaemonLock(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Thrown when another daemon already serves the data directory. */
    public static final class AlreadyRunningException extends IOException {
        AlreadyRunningException(String message) {
            super(message);
        }
    }

    public static DaemonLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel channel = FileChannel.open(dataDir.resolve("daemon.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new AlreadyRunningException("a Quarry daemon is already running for data directory " + dataDir
                    + read(dataDir).map(i -> " (pid " + i.pid() + ", port " + i.port() + ")").orElse("")
                    + "; stop it with 'quarry daemon stop' first");
        }
        return new DaemonLock(dataDir, channel, lock);
    }

    /** Where the daemon of {@code dataDir} said it listens; empty when none has published (or it stopped). */
    public static Optional<DaemonInfo> read(Path dataDir) {
        Path file = infoFile(dataDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), DaemonInfo.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Tells clients where this daemon listens; call once it serves. */
    public void publish(DaemonInfo info) throws IOException {
        AtomicFiles.write(infoFile(dataDir), JSON.writeValueAsBytes(info));
    }

    /** Withdraws {@code daemon.json} and releases the lock. The lock file itself stays: deleting it would race the next daemon. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(infoFile(dataDir));
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    private static Path infoFile(Path dataDir) {
        return dataDir.resolve("daemon.json");
    }
}
