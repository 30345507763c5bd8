package dev.quarry.daemon;

import dev.quarry.api.DataDirGuard;
import dev.quarry.api.http.HealthBody;
import dev.quarry.api.http.HttpSettings;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Finds, starts and stops the daemon of one data directory from a client. A daemon counts as
 * running only when the process named in {@code daemon.json} is alive and its {@code /health}
 * names the same pid and data directory, so a stale file or a reused pid is never mistaken for it
 * (and never stopped).
 */
public final class DaemonControl {
    private static final long MAX_LOG_BYTES = 10L << 20;
    /** Health never queues behind work, but a loaded machine can still take seconds to answer anything. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Path dataDir;
    private final HttpSettings http;
    private final DaemonSettings settings;
    private final String mainClass;
    private final PrintStream err;

    /**
     * @param mainClass the command-line entry point; a detached daemon runs
     *                  {@code <mainClass> daemon start --foreground --data-dir D --port P}
     * @param err       where to tell the user that a daemon was started
     */
    public DaemonControl(Path dataDir, HttpSettings http, DaemonSettings settings, Class<?> mainClass, PrintStream err) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.http = http;
        this.settings = settings;
        this.mainClass = mainClass.getName();
        this.err = err;
    }

    /** A daemon that answered as the one of this data directory. */
    public record Running(DaemonInfo info, HealthBody health) {}

    public Optional<Running> find() {
        Optional<DaemonInfo> info = DaemonLock.read(dataDir).filter(DaemonControl::alive);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        try {
            HealthBody health = client(info.get(), PROBE_TIMEOUT).get("/health", HealthBody.class);
            boolean ours = health.pid() == info.get().pid() && sameDirectory(Path.of(health.dataDir()), dataDir);
            return ours ? Optional.of(new Running(info.get(), health)) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public DaemonClient client(DaemonInfo info, Duration timeout) {
        return DaemonClient.connect(info, http.token(), timeout);
    }

    /** The running daemon, or a new detached one (announced on stderr) once it serves and has loaded its indexes. */
    public DaemonInfo ensureRunning() {
        Optional<Running> running = find();
        if (running.isPresent()) {
            return running.get().health().starting() ? awaitReady(null) : running.get().info();
        }
        return startDetached();
    }

    /** Starts a detached daemon and waits until it serves; fails when one already runs. */
    public DaemonInfo startDetached() {
        find().ifPresent(r -> {
            throw new IllegalStateException("a Quarry daemon is already running for data directory " + dataDir
                    + " (pid " + r.info().pid() + ", port " + r.info().port() + ")");
        });
        Process child = spawn();
        err.println("quarry: started a daemon for " + dataDir + " (pid " + child.pid() + "); log: " + settings.logPath(dataDir));
        return awaitReady(child);
    }

    /**
     * Asks the daemon to flush every index and exit, and waits for its process to end.
     *
     * @return the daemon that was stopped, or empty when none was running
     */
    public Optional<DaemonInfo> stop() {
        Optional<Running> running = find();
        if (running.isEmpty()) {
            DaemonLock.read(dataDir).filter(DaemonControl::alive).ifPresent(info -> {
                throw new IllegalStateException("process " + info.pid() + " named in " + dataDir.resolve("daemon.json")
                        + " does not answer as this directory's daemon; not stopping an unverified process");
            });
            return Optional.empty();
        }
        DaemonInfo info = running.get().info();
        try {
            client(info, PROBE_TIMEOUT).post("/shutdown", null, Map.class);
        } catch (UncheckedIOException e) {
            // The answer can be lost when the daemon closes connections as it stops: its exit is what counts.
        }
        Optional<ProcessHandle> process = ProcessHandle.of(info.pid());
        if (process.isPresent()) {
            try {
                process.get().onExit().get(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the daemon (pid " + info.pid() + ") did not exit within "
                        + settings.stopTimeout().toSeconds() + " s; it may still be flushing, see " + settings.logPath(dataDir));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the daemon to stop", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("waiting for the daemon to stop failed: " + e.getCause(), e);
            }
        }
        return Optional.of(info);
    }

    /**
     * Waits until a daemon serves this directory and no index is still loading (a daemon that serves
     * but is still loading at the deadline is returned as is: its indexes say so when asked).
     *
     * @param child the process just started, or null when waiting for one that already runs
     */
    private DaemonInfo awaitReady(Process child) {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        Optional<Running> running = find();
        while (System.nanoTime() < deadline) {
            if (running.isPresent() && !running.get().health().starting()) {
                return running.get().info();
            }
            // A child that lost the race to another client's daemon exits; that one publishes shortly.
            if (child != null && !child.isAlive() && running.isEmpty() && DaemonLock.read(dataDir).filter(DaemonControl::alive).isEmpty()) {
                throw new IllegalStateException("the daemon exited with code " + child.exitValue()
                        + " before serving; the end of " + settings.logPath(dataDir) + ":\n" + logTail());
            }
            sleep();
            running = find();
        }
        return running.map(Running::info).orElseThrow(() -> new IllegalStateException(
                "no daemon served " + dataDir + " within " + settings.startTimeout().toSeconds() + " s; see " + settings.logPath(dataDir)));
    }

    private Process spawn() {
        DataDirGuard.check(dataDir);
        Path log = settings.logPath(dataDir);
        List<String> command = new ArrayList<>();
        // A new session: closing the terminal that ran the first command must not hang up the daemon.
        setsid().ifPresent(command::add);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Same JVM flags (and -Dconfig.file) as this process; a debugger's port cannot be shared.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> !arg.startsWith("-agentlib:jdwp"))
                .forEach(command::add);
        command.addAll(List.of("-cp", absoluteClassPath(), mainClass, "daemon", "start", "--foreground",
                "--data-dir", dataDir.toString(), "--port", Integer.toString(http.port())));
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(log) && Files.size(log) > MAX_LOG_BYTES) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the daemon: " + e.getMessage(), e);
        }
    }

    private static Optional<String> setsid() {
        return List.of("/usr/bin/setsid", "/bin/setsid").stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    /** The class path, absolute, so the daemon does not depend on the directory it was started from. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(settings.logPath(dataDir), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean alive(DaemonInfo info) {
        return ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the daemon", e);
        }
    }
}
