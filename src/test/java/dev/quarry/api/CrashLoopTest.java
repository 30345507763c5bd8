package dev.quarry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.index.lucene.ChunkSchema;
import dev.quarry.index.persist.SnapshotLayout;
import dev.quarry.index.persist.SnapshotManifest;
import dev.quarry.index.persist.SnapshotVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes, real SIGKILLs: a child JVM ({@link CrashChild}) indexes and flushes while this test
 * kills it at random moments; after every kill the snapshot on disk must be a complete, verified
 * generation holding every write a flush acknowledged, and the next child must restore it as ready.
 * {@code -Dquarry.crashloop.iterations=200} runs the long version.
 */
class CrashLoopTest {
    private static final int ITERATIONS = Integer.getInteger("quarry.crashloop.iterations", 30);

    @TempDir
    Path temp;

    /** A running child, the lines it printed, and the thread reading them (done at the child's EOF). */
    private record Child(Process process, BlockingQueue<String> lines, Thread reader) {
        /** SIGKILL, then every line the child managed to print. */
        List<String> kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            reader.join(10_000);
            List<String> rest = new ArrayList<>();
            lines.drainTo(rest);
            return rest;
        }

        String await(String prefix, long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
                if (line == null) {
                    break;
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            return null;
        }
    }

    private Child start(Path data, Path repo, String mode, Path stderr) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The surefire argLine flags (vector module, native access, …) and nothing else of this JVM's.
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-modules") || arg.startsWith("--enable-native-access")
                    || arg.startsWith("--sun-misc-unsafe-memory-access") || arg.startsWith("-Djava.io.tmpdir")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                data.toString(), repo.toString(), mode));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The child was killed mid-line; what was read is all there is.
            }
        }, "crash-child-stdout");
        reader.setDaemon(true);
        reader.start();
        return new Child(process, lines, reader);
    }

    @Test
    void sigkillAtRandomMomentsNeverLosesAnAcknowledgedWrite() throws Exception {
        Path data = temp.resolve("data");
        Path repo = temp.resolve("repo");
        Path stderr = temp.resolve("child-stderr.log");
        java.nio.file.Files.createDirectories(repo);
        Random random = new Random(Long.getLong("quarry.crashloop.seed", System.nanoTime()));
        int maxAck = 0;
        int killedDuringBoot = 0;
        long started = System.nanoTime();
        for (int i = 0; i < ITERATIONS; i++) {
            Child child = start(data, repo, "ack", stderr);
            if (i % 4 == 3) {
                // Some kills land while the child boots, restores or removes leftovers.
                Thread.sleep(random.nextInt(2000));
                killedDuringBoot++;
            } else {
                String restored = child.await("RESTORED ", 60_000);
                assertTrue(restored != null, "child did not boot; see " + stderr);
                assertTrue(restored.startsWith("RESTORED ready "), "iteration " + i + ": " + restored);
                long files = Long.parseLong(restored.split(" ")[2]);
                assertTrue(files >= maxAck, "iteration " + i + ": restored " + files + " files, " + maxAck + " acknowledged");
                // After the first acknowledged write (slow in a fresh JVM) kills land anywhere in the ones after it.
                String first = child.await("ACK ", 30_000);
                assertTrue(first != null, "iteration " + i + ": no write was acknowledged; see " + stderr);
                maxAck = Math.max(maxAck, Integer.parseInt(first.substring(4)));
                Thread.sleep(random.nextInt(400));
            }
            for (String line : child.kill()) {
                if (line.startsWith("ACK ")) {
                    maxAck = Math.max(maxAck, Integer.parseInt(line.substring(4)));
                }
            }
            assertSnapshotHolds(data, maxAck);
        }
        System.out.printf("crash loop: %d kills (%d during boot), %d acknowledged writes, %.1f s%n",
                ITERATIONS, killedDuringBoot, maxAck, (System.nanoTime() - started) / 1e9);
        assertTrue(maxAck >= ITERATIONS, "the children made progress: " + maxAck + " acknowledged writes");
    }

    @Test
    void sigtermFlushesWhatWasAppliedBeforeExiting() throws Exception {
        Path data = temp.resolve("data");
        Path repo = temp.resolve("repo");
        Path stderr = temp.resolve("child-stderr.log");
        java.nio.file.Files.createDirectories(repo);
        Child child = start(data, repo, "sigterm", stderr);
        String applied = child.await("APPLIED ", 60_000);
        assertTrue(applied != null, "child did not apply its write; see " + stderr);
        // Every CURRENT switch takes 0.8 s in this child: the write is still in flight now.
        child.process().destroy();
        assertTrue(child.process().waitFor(30, TimeUnit.SECONDS), "the child must exit after SIGTERM");
        assertSnapshotHolds(data, Integer.parseInt(applied.substring("APPLIED ".length())));
    }

    /** Reads the snapshot as a fresh process would, without changing anything on disk. */
    private static void assertSnapshotHolds(Path data, int acknowledged) throws IOException {
        SnapshotLayout layout = new SnapshotLayout(data.resolve("indexes").resolve(CrashChild.INDEX));
        OptionalLong current = layout.readCurrent();
        if (acknowledged == 0 && current.isEmpty()) {
            return;
        }
        assertTrue(current.isPresent(), "nothing published although " + acknowledged + " writes were acknowledged");
        SnapshotManifest manifest = SnapshotVerifier.verify(layout, current.getAsLong(), CrashChild.INDEX);
        Set<String> paths = new HashSet<>();
        try (FSDirectory dir = FSDirectory.open(layout.lucene(manifest.luceneDirectory()))) {
            IndexCommit commit = DirectoryReader.listCommits(dir).stream()
                    .filter(c -> c.getSegmentsFileName().equals(manifest.segmentsFile())).findFirst().orElseThrow();
            try (DirectoryReader reader = DirectoryReader.open(commit)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                StoredFields stored = searcher.storedFields();
                for (ScoreDoc hit : searcher.search(ChunkSchema.allFiles(), Math.max(1, reader.maxDoc())).scoreDocs) {
                    paths.add(stored.document(hit.doc).get(ChunkSchema.PATH));
                }
            }
        }
        assertEquals(manifest.files(), paths.size());
        for (int n = 1; n <= acknowledged; n++) {
            assertTrue(paths.contains("w/" + n + ".txt"), "acknowledged write " + n + " is missing from "
                    + SnapshotLayout.generationName(manifest.generation()));
        }
    }
}
