package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.TestRepos;
import dev.quarry.api.QuarryConfig;
import dev.quarry.api.QuarryNode;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexSpec;
import dev.quarry.search.grep.GrepReply;
import dev.quarry.search.grep.GrepRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grep end to end: real walk, actors and Lucene, through the Java API and the command line. */
class GrepCommandTest {
    @TempDir
    Path temp;

    @Test
    void grepsAnIndexThroughTheNodeAndTheCommandLine() throws Exception {
        Path repo = TestRepos.sample(temp.resolve("repo"));
        TestRepos.write(repo, "notes/todo.txt", "first\nRetry later\nlast\n");
        Path data = temp.resolve("data");
        try (QuarryNode node = QuarryNode.start(QuarryConfig.withDataDir(data))) {
            node.register(new IndexSpec("sample", repo.toString(), IndexOptions.defaults())).toCompletableFuture().join();
            node.awaitLoaded("sample", Duration.ofSeconds(30)).toCompletableFuture().join();
            node.reindex("sample", false, p -> {}).toCompletableFuture().join();
            node.flush("sample").toCompletableFuture().join();

            GrepReply reply = node.grep("sample", GrepRequest.of("Retry later")).toCompletableFuture().join();
            GrepReply.Results results = assertInstanceOf(GrepReply.Results.class, reply);
            assertEquals(1, results.matches().size());
            assertEquals(new GrepReply.Line("notes/todo.txt", 2, "Retry later", false), results.matches().get(0));

            GrepReply rejected = node.grep("sample", GrepRequest.of("a\\")).toCompletableFuture().join();
            assertTrue(assertInstanceOf(GrepReply.Rejected.class, rejected).message().contains("incomplete escape"));
        }

        String out = run(0, "grep", "--data-dir", data.toString(), "-C", "1", "Retry later");
        assertEquals("notes/todo.txt-1-first\nnotes/todo.txt:2:Retry later\nnotes/todo.txt-3-last\n", out);
        assertEquals("notes/todo.txt:1\n", run(0, "grep", "--data-dir", data.toString(), "-c", "-i", "retry LATER"));
        assertEquals("", run(1, "grep", "--data-dir", data.toString(), "-F", "no such text"));
        assertTrue(run(0, "grep", "--data-dir", data.toString(), "--json", "-l", "Retry").contains("\"files\""));
    }

    private static String run(int expectedExit, String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String[] inProcess = java.util.Arrays.copyOf(args, args.length + 1);
            inProcess[args.length] = "--in-process";
            assertEquals(expectedExit, QuarryMain.run(inProcess), String.join(" ", args));
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
