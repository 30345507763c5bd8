package dev.quarry.index.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PersisterTest {
    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    /** A snapshotter that records what it wrote and how many writes overlapped; optionally held by a gate. */
    private static final class RecordingSnapshotter implements Snapshotter {
        final List<Long> written = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile int failuresLeft;

        @Override
        public long snapshot(long generation) throws IOException {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            firstStarted.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
                if (failuresLeft > 0) {
                    failuresLeft--;
                    throw new IOException("disk full (injected)");
                }
                written.add(generation);
                return generation;
            } catch (InterruptedException e) {
                throw new IOException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    @Test
    void burstOfDirtyMessagesCoalescesIntoAtMostTwoWrites() throws Exception {
        RecordingSnapshotter snapshotter = new RecordingSnapshotter();
        snapshotter.gate = new CountDownLatch(1);
        TestProbe<Persister.Event> parent = KIT.createTestProbe();
        ActorRef<Persister.Command> persister =
                KIT.spawn(Persister.create(snapshotter, parent.getRef(), 0, Duration.ofMillis(10)));

        persister.tell(new Persister.Dirty(1));
        assertTrue(snapshotter.firstStarted.await(5, TimeUnit.SECONDS));
        for (long g = 2; g <= 600; g++) {
            persister.tell(new Persister.Dirty(g));
        }
        TestProbe<Persister.Flushed> flushed = KIT.createTestProbe();
        persister.tell(new Persister.Flush(600, flushed.getRef()));
        snapshotter.gate.countDown();

        assertEquals(600, flushed.receiveMessage(Duration.ofSeconds(10)).durableGeneration());
        assertEquals(List.of(1L, 600L), snapshotter.written);
        assertEquals(1, snapshotter.maxInFlight.get());
        assertEquals(1, parent.expectMessageClass(Persister.Persisted.class).generation());
        assertEquals(600, parent.expectMessageClass(Persister.Persisted.class).generation());
    }

    @Test
    void flushWhenNothingIsPendingAnswersAtOnce() {
        RecordingSnapshotter snapshotter = new RecordingSnapshotter();
        TestProbe<Persister.Event> parent = KIT.createTestProbe();
        ActorRef<Persister.Command> persister =
                KIT.spawn(Persister.create(snapshotter, parent.getRef(), 7, Duration.ofMillis(10)));
        TestProbe<Persister.Flushed> flushed = KIT.createTestProbe();

        persister.tell(new Persister.Flush(7, flushed.getRef()));

        assertEquals(7, flushed.receiveMessage().durableGeneration());
        assertTrue(snapshotter.written.isEmpty());
    }

    @Test
    void failedWriteIsReportedRetriedAndFlushWaitsForSuccess() {
        RecordingSnapshotter snapshotter = new RecordingSnapshotter();
        snapshotter.failuresLeft = 2;
        TestProbe<Persister.Event> parent = KIT.createTestProbe();
        ActorRef<Persister.Command> persister =
                KIT.spawn(Persister.create(snapshotter, parent.getRef(), 0, Duration.ofMillis(20)));
        TestProbe<Persister.Flushed> flushed = KIT.createTestProbe();

        persister.tell(new Persister.Dirty(3));
        persister.tell(new Persister.Flush(3, flushed.getRef()));

        Persister.PersistFailed first = parent.expectMessageClass(Persister.PersistFailed.class);
        assertTrue(first.error().contains("disk full"), first.error());
        assertEquals(2, parent.expectMessageClass(Persister.PersistFailed.class).attempt());
        assertInstanceOf(Persister.Persisted.class, parent.receiveMessage(Duration.ofSeconds(5)));
        assertEquals(3, flushed.receiveMessage(Duration.ofSeconds(5)).durableGeneration());
        assertEquals(List.of(3L), snapshotter.written);
        assertEquals(1, snapshotter.maxInFlight.get());
    }
}
