package dev.quarry.index;

import dev.quarry.index.persist.DurableWrites;
import dev.quarry.index.persist.Persister;
import dev.quarry.index.persist.SnapshotLayout;
import dev.quarry.index.persist.SnapshotVerifier;
import dev.quarry.ingest.FileUpdate;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-run measurement, not a test: builds a large synthetic index (no parsing), then measures the
 * first and an incremental snapshot, warm-boot restore rate (verification included), and RSS during
 * a burst of 600 commits through the persister. Run with
 * {@code ./mvnw -o -q test -Dtest=PersistBench -Dquarry.bench=true [-Dquarry.bench.files=10000]};
 * results are in target/surefire-reports/dev.quarry.index.PersistBench-output.txt.
 */
@EnabledIfSystemProperty(named = "quarry.bench", matches = "true")
class PersistBench {
    private static final int FILES = Integer.getInteger("quarry.bench.files", 10_000);
    private static final int CHUNKS = 20;
    private static final int CHUNK_CHARS = 600;

    @TempDir
    Path temp;

    @Test
    void measure() throws Exception {
        SnapshotLayout layout = new SnapshotLayout(temp.resolve("idx"));
        IndexSpec spec = new IndexSpec("bench", "/bench", null);
        WarmBoot.Restored fresh = (WarmBoot.Restored) WarmBoot.restore(spec, layout, 96, DurableWrites.disk());
        long t0 = System.nanoTime();
        try (Corpus corpus = fresh.corpus()) {
            ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
            List<Future<List<FileUpdate>>> parts = new ArrayList<>();
            int slices = Runtime.getRuntime().availableProcessors();
            for (int s = 0; s < slices; s++) {
                int from = s * FILES / slices;
                int to = (s + 1) * FILES / slices;
                parts.add(pool.submit(() -> {
                    List<FileUpdate> written = new ArrayList<>();
                    for (int n = from; n < to; n++) {
                        FileUpdate update = SyntheticFiles.file(n, CHUNKS, CHUNK_CHARS, "a");
                        corpus.write(update);
                        written.add(update);
                    }
                    return written;
                }));
            }
            for (Future<List<FileUpdate>> part : parts) {
                part.get().forEach(corpus::record);
            }
            pool.shutdown();
            log("built %d files / %d chunks in %.1f s", corpus.fileCount(), corpus.chunkCount(), secs(t0));

            long s1 = System.nanoTime();
            fresh.writer().snapshot(1);
            log("first snapshot (flushes the whole build): %.2f s", secs(s1));
            SyntheticFiles.write(corpus, 0, 100, CHUNKS, "b");
            long s2 = System.nanoTime();
            fresh.writer().snapshot(2);
            log("incremental snapshot (100 files changed): %d ms", millis(s2));
        }
        log("index on disk: %d MB", bytes(layout.dir()) >> 20);

        for (int run = 1; run <= 3; run++) {
            long v = System.nanoTime();
            SnapshotVerifier.verify(layout, 2, "bench");
            long verifyMs = millis(v);
            long r = System.nanoTime();
            WarmBoot.Restored restored = (WarmBoot.Restored) WarmBoot.restore(spec, layout, 96, DurableWrites.disk());
            long restoreMs = millis(r);
            long chunks = restored.corpus().chunkCount();
            log("restore %d: %d chunks in %d ms (%,.0f chunks/s; checksum verification alone %d ms)",
                    run, chunks, restoreMs, chunks * 1000.0 / restoreMs, verifyMs);
            if (run < 3) {
                restored.corpus().close();
            } else {
                burst(restored);
            }
        }
    }

    private void burst(WarmBoot.Restored restored) throws Exception {
        ActorTestKit kit = ActorTestKit.create();
        try (Corpus corpus = restored.corpus()) {
            System.gc();
            long rssBefore = rssKb();
            AtomicLong peakRss = new AtomicLong();
            AtomicLong peakHeap = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peakRss.accumulateAndGet(rssKb(), Math::max);
                    peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            AtomicLong writes = new AtomicLong();
            TestProbe<Persister.Event> events = kit.createTestProbe();
            ActorRef<Persister.Command> persister = kit.spawn(Persister.create(g -> {
                writes.incrementAndGet();
                return restored.writer().snapshot(g);
            }, events.getRef(), restored.generation(), Duration.ofMillis(50)));
            long start = System.nanoTime();
            long first = restored.generation() + 1;
            for (long g = first; g < first + 600; g++) {
                FileUpdate update = SyntheticFiles.file((int) (g % FILES), CHUNKS, CHUNK_CHARS, "burst" + g);
                corpus.write(update);
                corpus.record(update);
                persister.tell(new Persister.Dirty(g));
            }
            TestProbe<Persister.Flushed> flushed = kit.createTestProbe();
            persister.tell(new Persister.Flush(first + 599, flushed.getRef()));
            flushed.receiveMessage(Duration.ofMinutes(5));
            long took = millis(start);
            sampling.set(false);
            sampler.join();
            log("burst: 600 commits -> %d snapshot writes, %d ms until durable; RSS %d MB before, peak %d MB (VmHWM %d MB);"
                    + " peak heap used %d MB of max %d MB", writes.get(), took, rssBefore >> 10, peakRss.get() >> 10,
                    status("VmHWM") >> 10, peakHeap.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            kit.shutdownTestKit();
        }
    }

    private static long rssKb() {
        return status("VmRSS");
    }

    private static long status(String key) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith(key + ":")).map(l -> l.replaceAll("[^0-9]", ""))
                    .mapToLong(Long::parseLong).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void log(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }
}
