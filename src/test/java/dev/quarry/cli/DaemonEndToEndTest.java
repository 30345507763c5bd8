package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.quarry.TestRepos;
import dev.quarry.api.http.WireJson;
import dev.quarry.daemon.DaemonInfo;
import dev.quarry.daemon.DaemonLock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's flow against a real daemon process: the CLI (run in this JVM) starts the daemon as a
 * detached child on an ephemeral port, indexes and searches through HTTP, stops it, and a restarted
 * daemon answers from the persisted index without walking again.
 */
class DaemonEndToEndTest {
    @TempDir
    Path temp;

    private Path data;

    record Run(int code, String out, String err) {}

    @BeforeEach
    void ephemeralPort() {
        System.setProperty("quarry.http.port", "0");
        ConfigFactory.invalidateCaches();
        data = temp.resolve("data");
    }

    @AfterEach
    void stopDaemon() {
        Optional<DaemonInfo> left = DaemonLock.read(data);
        Run stop = cli("daemon", "stop");
        // Never leave a process behind, even when the graceful stop failed.
        left.flatMap(info -> ProcessHandle.of(info.pid())).ifPresent(ProcessHandle::destroy);
        System.clearProperty("quarry.http.port");
        ConfigFactory.invalidateCaches();
        assertEquals(0, stop.code(), stop.err());
    }

    private Run cli(String... args) {
        String[] withData = Arrays.copyOf(args, args.length + 2);
        withData[args.length] = "--data-dir";
        withData[args.length + 1] = data.toString();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            int code = QuarryMain.run(withData);
            return new Run(code, capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void cliStartsTheDaemonIndexesSearchesAndAnswersAgainAfterARestart() throws Exception {
        Path repo = TestRepos.sample(temp.resolve("repo"));

        Run index = cli("index", repo.toString(), "--name", "sample");
        assertEquals(0, index.code(), index.err());
        assertTrue(index.err().contains("quarry: started a daemon for " + data), index.err());
        assertTrue(index.out().startsWith("indexed sample (" + repo.toRealPath() + "): 5 files walked, 5 changed"), index.out());
        DaemonInfo first = DaemonLock.read(data).orElseThrow();
        assertTrue(first.port() > 0);

        Run search = cli("search", "shouldRetryUpload", "--json");
        assertEquals(0, search.code(), search.err());
        JsonNode hits = WireJson.lenient().readTree(search.out());
        assertEquals("src/main/java/org/example/RetryPolicy.java", hits.path(0).path("hit").path("path").asText(), search.out());
        assertFalse(search.err().contains("started a daemon"), "the running daemon is reused");

        Run second = cli("daemon", "start", "--foreground");
        assertEquals(1, second.code());
        assertTrue(second.err().contains("already running for data directory " + data), second.err());

        Run stop = cli("daemon", "stop");
        assertEquals(0, stop.code(), stop.err());
        assertFalse(ProcessHandle.of(first.pid()).map(ProcessHandle::isAlive).orElse(false), "stop waits for the exit");
        assertFalse(Files.exists(data.resolve("daemon.json")));

        Run again = cli("search", "parse_date", "--index", "sample");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("started a daemon"), again.err());
        assertTrue(again.out().startsWith("tools/parse_dates.py:"), again.out());

        Run status = cli("status", "--json");
        JsonNode sample = WireJson.lenient().readTree(status.out()).path(0);
        assertEquals("ready", sample.path("state").asText(), status.out());
        assertEquals(5, sample.path("files").asInt());
        assertEquals(sample.path("generation").asLong(), sample.path("durable_generation").asLong());
        assertEquals(0, cli("daemon", "status").code());
    }
}
