package dev.quarry.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon threads for background work that must yield the CPU to ingest and searches (embedding).
 *
 * <p>Java thread priorities are ignored by the JVM on Linux unless it runs with
 * {@code -XX:ThreadPriorityPolicy=1} as root, so on Linux each thread also sets its own nice value
 * when it starts. Linux keeps the nice value per thread, and {@code renice} accepts a thread id, which
 * {@code /proc/thread-self} gives; a process may always lower its own priority. Where that is not
 * available (another OS, no {@code renice}) the threads just run at normal priority, which is logged
 * once.
 */
final class LowPriorityThreads implements ThreadFactory {
    private static final Logger log = LoggerFactory.getLogger(LowPriorityThreads.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private final String prefix;
    private final int niceness;
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicBoolean warned = new AtomicBoolean();

    /** @param niceness added to the nice value of each thread, 0..19; 0 keeps the normal priority */
    LowPriorityThreads(String prefix, int niceness) {
        if (niceness < 0 || niceness > 19) {
            throw new IllegalArgumentException("niceness must be between 0 and 19, got " + niceness);
        }
        this.prefix = prefix;
        this.niceness = niceness;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(() -> {
            lowerOwnPriority();
            work.run();
        }, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    }

    private void lowerOwnPriority() {
        if (niceness == 0) {
            return;
        }
        String failure;
        try {
            String threadId = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(niceness), "-p", threadId)
                    .redirectErrorStream(true).start();
            String output = new String(renice.getInputStream().readAllBytes()).strip();
            if (!renice.waitFor(5, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                failure = "renice did not finish";
            } else {
                failure = renice.exitValue() == 0 ? null : "renice failed: " + output;
            }
        } catch (IOException | UnsupportedOperationException e) {
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        if (failure != null && warned.compareAndSet(false, true)) {
            log.info("{} threads keep normal OS priority ({})", prefix, failure);
        }
    }
}
