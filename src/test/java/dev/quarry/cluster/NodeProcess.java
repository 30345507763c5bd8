package dev.quarry.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The test's handle on one {@link ClusterNodeProcess} JVM: tagged commands over its stdin/stdout. */
final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final Writer stdin;
    private final Map<Long, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final AtomicLong tags = new AtomicLong();

    private NodeProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "node-process-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a node JVM with this JVM's classpath and flags; its log (stderr) goes to {@code log}. */
    static NodeProcess start(Path dataDir, int port, int seedPort, int members, Path sharedDir,
                             Duration downUnreachableAfter, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-javaagent") && !arg.startsWith("-agentlib") && !arg.startsWith("-Xmx")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-Dpekko.loglevel=INFO", "-Xmx384m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ClusterNodeProcess.class.getName(),
                dataDir.toString(), Integer.toString(port), Integer.toString(seedPort), Integer.toString(members),
                sharedDir.toString(), Long.toString(downUnreachableAfter.toMillis())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        // INFO shows membership, downing and shard hand-over: the timeline of a failover.
        builder.environment().put("QUARRY_LOG_LEVEL", "INFO");
        Process process = builder.start();
        return new NodeProcess(process);
    }

    /** Sends a command; the future completes with the node's answer ("ok …", "results …", "err …"). */
    CompletableFuture<String> send(String command) {
        long tag = tags.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.put(tag, answer);
        try {
            synchronized (stdin) {
                stdin.write(tag + " " + command + "\n");
                stdin.flush();
            }
        } catch (IOException e) {
            pending.remove(tag);
            answer.completeExceptionally(e);
        }
        return answer.whenComplete((a, e) -> pending.remove(tag));
    }

    String call(String command, Duration timeout) {
        try {
            return send(command).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("node " + process.pid() + " did not answer '" + command + "': " + e, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no leaving, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private void readAnswers() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                int space = line.indexOf(' ');
                if (space > 0 && line.substring(0, space).matches("\\d+")) {
                    CompletableFuture<String> answer = pending.get(Long.parseLong(line.substring(0, space)));
                    if (answer != null) {
                        answer.complete(line.substring(space + 1));
                    }
                }
            }
        } catch (IOException e) {
            // The process died; the pending answers fail below.
        }
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("node process ended")));
    }

    /** Closes its stdin (it leaves the cluster and exits), killing it if it takes too long. */
    @Override
    public void close() {
        try {
            stdin.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
