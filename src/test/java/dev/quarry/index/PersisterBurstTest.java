package dev.quarry.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.index.persist.DurableWrites;
import dev.quarry.index.persist.Persister;
import dev.quarry.index.persist.SnapshotLayout;
import dev.quarry.index.persist.Snapshotter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persister against the real snapshot writer on a real index: a burst of 600 commits. */
class PersisterBurstTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path temp;

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    /** Counts writes, overlapping writes and what each write allocated on its thread. */
    private static final class Measured implements Snapshotter {
        final Snapshotter real;
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicLong maxAllocated = new AtomicLong();

        Measured(Snapshotter real) {
            this.real = real;
        }

        @Override
        public long snapshot(long generation) throws IOException {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                writes.incrementAndGet();
                return real.snapshot(generation);
            } finally {
                maxAllocated.accumulateAndGet(THREADS.getCurrentThreadAllocatedBytes() - before, Math::max);
                inFlight.decrementAndGet();
            }
        }
    }

    @Test
    void aBurstOf600CommitsCoalescesWithoutCopyingTheCorpus() throws IOException {
        SnapshotLayout layout = new SnapshotLayout(temp.resolve("idx"));
        IndexSpec spec = new IndexSpec("idx", "/src/idx", null);
        WarmBoot.Restored fresh = assertInstanceOf(WarmBoot.Restored.class, WarmBoot.restore(spec, layout, 16, DurableWrites.disk()));
        int files = 600;
        int chunks = 10;
        int chunkChars = 2000;
        long corpusChars = (long) files * chunks * chunkChars;
        try (Corpus corpus = fresh.corpus()) {
            for (int n = 0; n < files; n++) {
                var update = SyntheticFiles.file(n, chunks, chunkChars, "a");
                corpus.write(update);
                corpus.record(update);
            }
            // The initial load is flushed by its own first snapshot; the burst measures what follows it.
            fresh.writer().snapshot(1);
            Measured measured = new Measured(fresh.writer());
            TestProbe<Persister.Event> events = KIT.createTestProbe();
            ActorRef<Persister.Command> persister =
                    KIT.spawn(Persister.create(measured, events.getRef(), 1, Duration.ofMillis(50)));

            // One small commit per message (an edited file), while snapshots of earlier ones run.
            for (int g = 2; g <= 601; g++) {
                var update = SyntheticFiles.file(g % 100, 1, 200, "v" + g);
                corpus.write(update);
                corpus.record(update);
                persister.tell(new Persister.Dirty(g));
            }
            TestProbe<Persister.Flushed> flushed = KIT.createTestProbe();
            persister.tell(new Persister.Flush(601, flushed.getRef()));
            assertEquals(601, flushed.receiveMessage(Duration.ofSeconds(60)).durableGeneration());

            assertEquals(1, measured.maxInFlight.get(), "at most one write in flight");
            assertTrue(measured.writes.get() <= 60, "writes coalesce: " + measured.writes.get() + " for 600 commits");
            // Any copy of the corpus allocates at least a byte per character of its text; a snapshot only
            // flushes what changed (Lucene's per-flush buffers are a few MB whatever the corpus size).
            assertTrue(measured.maxAllocated.get() < corpusChars,
                    "a snapshot allocated " + measured.maxAllocated.get() + " bytes for a corpus of " + corpusChars + " chars");
            System.out.printf("burst: %d writes for 600 commits, max %d KB allocated per write, corpus %d MB text%n",
                    measured.writes.get(), measured.maxAllocated.get() / 1024, corpusChars >> 20);
        }
        WarmBoot.Restored restored = assertInstanceOf(WarmBoot.Restored.class,
                WarmBoot.restore(spec, layout, 16, DurableWrites.disk()));
        try (Corpus corpus = restored.corpus()) {
            assertEquals(601, restored.generation());
            assertEquals(files, corpus.fileCount());
            assertEquals(SyntheticFiles.file(0, 1, 200, "v600").sha256(), corpus.fingerprints().get("src/f0.java"));
            assertEquals(SyntheticFiles.file(1, 1, 200, "v601").sha256(), corpus.fingerprints().get("src/f1.java"));
        }
    }
}
