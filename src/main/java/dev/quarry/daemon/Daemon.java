package dev.quarry.daemon;

import com.typesafe.config.ConfigFactory;
import dev.quarry.api.DataDirGuard;
import dev.quarry.api.QuarryConfig;
import dev.quarry.api.QuarryNode;
import dev.quarry.api.http.ApiServer;
import dev.quarry.api.http.HttpSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon, in this process: the data directory's lock, one node and its HTTP API, until
 * {@code POST /shutdown} or a signal stops it. Stopping is graceful and happens once: stop
 * accepting requests, give in-flight ones a moment, flush every index, release the directory.
 */
public final class Daemon {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    /** How long in-flight requests (and event streams) get once a stop begins. */
    private static final Duration REQUEST_GRACE = Duration.ofSeconds(5);

    private final QuarryNode node;
    private final DaemonLock lock;
    private final CompletableFuture<ServerBinding> binding = new CompletableFuture<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private DaemonInfo info;

    private Daemon(QuarryNode node, DaemonLock lock) {
        this.node = node;
        this.lock = lock;
    }

    /**
     * Starts serving the config's data directory and publishes {@code daemon.json}.
     *
     * @throws DaemonLock.AlreadyRunningException when another daemon serves that directory
     */
    public static Daemon start(QuarryConfig config, HttpSettings http) throws IOException {
        DataDirGuard.check(config.dataDir());
        DaemonLock lock = DaemonLock.acquire(config.dataDir());
        QuarryNode node;
        try {
            node = QuarryNode.start(withoutPekkoShutdownHook(config));
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        Daemon daemon = new Daemon(node, lock);
        try {
            ServerBinding bound = ApiServer.bind(node, http, daemon::stopInBackground).toCompletableFuture().join();
            daemon.binding.complete(bound);
            daemon.info = new DaemonInfo(ProcessHandle.current().pid(), http.host(), bound.localAddress().getPort(),
                    QuarryNode.version(), config.dataDir().toString(), Instant.now().toString());
            lock.publish(daemon.info);
        } catch (CompletionException | IOException e) {
            daemon.stop();
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new IOException("could not serve on " + http.host() + ":" + http.port() + ": " + cause.getMessage(), cause);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::stop, "quarry-daemon-stop"));
        return daemon;
    }

    /**
     * The flush-then-exit order is ours: Pekko's own JVM hook would terminate the actor system
     * while the flush still needs it.
     */
    private static QuarryConfig withoutPekkoShutdownHook(QuarryConfig config) {
        return QuarryConfig.from(ConfigFactory.parseString("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off")
                .withFallback(config.raw()));
    }

    public DaemonInfo info() {
        return info;
    }

    public void awaitStopped() {
        stopped.join();
    }

    private void stopInBackground() {
        Thread.ofPlatform().name("quarry-daemon-stop").start(this::stop);
    }

    /** Stops gracefully (see the class comment); safe to call more than once, returns once stopped. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            stopped.join();
            return;
        }
        try {
            if (binding.isDone()) {
                ServerBinding bound = binding.join();
                bound.unbind().toCompletableFuture().join();
                bound.terminate(REQUEST_GRACE).toCompletableFuture().join();
            }
        } catch (RuntimeException e) {
            LOG.warn("closing the HTTP server failed: {}", e.toString());
        }
        node.close();
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("releasing the data directory failed: {}", e.toString());
        }
        stopped.complete(null);
    }
}
