package dev.quarry.ingest.chunk;

import static dev.quarry.ingest.chunk.ChunkChecks.CHUNKER;
import static dev.quarry.ingest.chunk.ChunkChecks.all;
import static dev.quarry.ingest.chunk.ChunkChecks.assertInvariants;
import static dev.quarry.ingest.chunk.ChunkChecks.assertSpan;
import static dev.quarry.ingest.chunk.ChunkChecks.chunk;
import static dev.quarry.ingest.chunk.ChunkChecks.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceChunkerTest {
    private static final Map<String, String> SAMPLES = Map.of(
            "Sample.java", JavaChunkingTest.SOURCE,
            "sample.py", PythonChunkingTest.SOURCE,
            "sample.go", GoChunkingTest.SOURCE,
            "sample.rs", RustChunkingTest.SOURCE,
            "sample.js", JavaScriptChunkingTest.JAVASCRIPT,
            "sample.ts", JavaScriptChunkingTest.TYPESCRIPT);

    @Test
    void emptyAndBlankTextGiveNoChunks() {
        for (Language language : Language.values()) {
            assertEquals(List.of(), CHUNKER.chunk("empty", language, ""), language.id());
            assertEquals(List.of(), CHUNKER.chunk("blank", language, "\n  \n\t\r\n"), language.id());
        }
    }

    @Test
    void textFilesAreCutInOverlappingWindows() {
        String text = IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        List<Chunk> chunks = chunk("notes/README", text);
        assertEquals(List.of("1-40", "31-70", "61-100"),
                chunks.stream().map(c -> c.startLine() + "-" + c.endLine()).toList());
        for (Chunk chunk : chunks) {
            assertEquals(ChunkKind.WINDOW.id(), chunk.kind());
            assertEquals("", chunk.symbol());
            assertEquals("", chunk.signature());
            assertEquals(Language.TEXT, chunk.language());
        }
    }

    @Test
    void codeWithoutDeclarationsFallsBackToWindows() {
        String script = IntStream.range(0, 50).mapToObj(i -> "print(" + i + ")").collect(Collectors.joining("\n"));
        List<Chunk> chunks = chunk("scripts/run.py", script);
        assertEquals(2, chunks.size(), ChunkChecks.summary(chunks));
        assertTrue(chunks.stream().allMatch(c -> c.kind().equals(ChunkKind.WINDOW.id())));
    }

    @Test
    void longDeclarationsBecomeOverlappingWindowsOfTheSameSymbol() {
        String body = IntStream.range(0, 400).mapToObj(i -> "        total += " + i + ";")
                .collect(Collectors.joining("\n"));
        String source = "class Big {\n    int sum(int total) {\n" + body + "\n        return total;\n    }\n}\n";
        List<Chunk> windows = all(chunk("Big.java", source), ChunkKind.METHOD, "Big.sum");

        assertEquals(14, windows.size(), "lines 2-404 in windows of 40 every 30");
        assertEquals(2, windows.getFirst().startLine());
        assertEquals(404, windows.getLast().endLine());
        for (int i = 0; i < windows.size(); i++) {
            Chunk window = windows.get(i);
            assertTrue(window.endLine() - window.startLine() + 1 <= 40);
            assertEquals("int sum(int total)", window.signature());
            if (i > 0) {
                assertEquals(windows.get(i - 1).startLine() + 30, window.startLine(), "10 lines of overlap");
            }
        }
        assertEquals(windows.size(), windows.stream().map(Chunk::id).distinct().count());
    }

    @Test
    void optionsDecideWhatIsLongAndHowItIsCut() {
        SourceChunker small = SourceChunker.create(new ChunkerOptions(20, 10, 2));
        String body = IntStream.range(0, 25).mapToObj(i -> "    x = " + i).collect(Collectors.joining("\n"));
        List<Chunk> chunks = small.chunk("f.py", Language.PYTHON, "def f():\n" + body + "\n");
        assertEquals(List.of("1-10", "9-18", "17-26"),
                chunks.stream().map(c -> c.startLine() + "-" + c.endLine()).toList());
    }

    @Test
    void syntaxErrorsKeepTheDeclarationsThatParsedAndLoseNoLine() {
        String source = """
                class A {
                    void ok() { int a = 1; }
                    void broken() { int x = ; if (( }
                    void after() { return; }
                }
                """;
        List<Chunk> chunks = chunk("A.java", source);
        only(chunks, ChunkKind.METHOD, "A.ok");
        only(chunks, ChunkKind.METHOD, "A.after");
    }

    @Test
    void garbageNeverThrows() {
        String garbage = "}{)(][ \u0000 \"unterminated 'x \\ /* \n def class fn func impl { ( [ <<< 😀 \uFFFF\n"
                .repeat(50);
        for (Language language : Language.values()) {
            assertInvariants(garbage, CHUNKER.chunk("garbage", language, garbage));
        }
    }

    @Test
    void minifiedLinesFallBackToWindowsInsteadOfRepeatingTheLine() {
        String minified = IntStream.range(0, 5_000).mapToObj(i -> "function f" + i + "(){return " + i + "}")
                .collect(Collectors.joining(";"));
        List<Chunk> chunks = chunk("dist/app.min.js", "'use strict';\n" + minified + "\n");
        assertEquals(1, chunks.size());
        assertEquals(ChunkKind.WINDOW.id(), chunks.getFirst().kind());
    }

    @Test
    void deepNestingIsBoundedAndFast() {
        String classes = "class C {\n".repeat(3_000) + "void m() {}\n" + "}\n".repeat(3_000);
        String blocks = "class B {\nvoid m() {\n" + "{\n".repeat(20_000) + "}\n".repeat(20_000) + "}\n}\n";
        assertTimeout(Duration.ofSeconds(10), () -> {
            List<Chunk> nested = chunk("Nested.java", classes);
            assertEquals(ChunkKind.CLASS.id(), nested.getFirst().kind());
            assertFalse(all(chunk("Blocks.java", blocks), ChunkKind.METHOD, "B.m").isEmpty());
        });
    }

    @Test
    void manyTopLevelStatementsStayLinear() {
        String source = IntStream.range(0, 10_000).mapToObj(i -> "x" + i + " = " + i)
                .collect(Collectors.joining("\n", "def first():\n    pass\n", "\n"));
        List<Chunk> chunks = assertTimeout(Duration.ofSeconds(10), () -> chunk("big.py", source));
        only(chunks, ChunkKind.FUNCTION, "first");
        assertEquals(250, all(chunks, ChunkKind.MODULE, "").size(), "10,000 lines of module code in 40-line pieces");
    }

    @Test
    void crlfFilesKeepLinesAndSignaturesClean() {
        String source = JavaChunkingTest.SOURCE.replace("\n", "\r\n");
        List<Chunk> chunks = chunk("Crlf.java", source);
        Chunk abbreviate = all(chunks, ChunkKind.METHOD, "StringUtils.abbreviate").getLast();
        assertEquals("public static String abbreviate(final String str, final String marker, int offset, "
                + "final int maxWidth)", abbreviate.signature());
        assertFalse(abbreviate.text().endsWith("\r"));
    }

    @Test
    void idsDoNotMoveWhenUnrelatedCodeAboveChanges() {
        String before = JavaChunkingTest.SOURCE;
        String after = before.replace("public class StringUtils {\n", """
                public class StringUtils {
                    // a new helper, and a new overload of nothing else
                    private static int added() { return 1; }
                    private static int alsoAdded() { return 2; }
                """);
        Map<String, String> idsBefore = idsByText(chunk("S.java", before));
        Map<String, String> idsAfter = idsByText(chunk("S.java", after));
        List<String> methods = chunk("S.java", before).stream()
                .filter(c -> c.kind().equals("method") || c.kind().equals("constructor"))
                .map(Chunk::text).toList();
        assertEquals(9, methods.size());
        for (String text : methods) {
            assertEquals(idsBefore.get(text), idsAfter.get(text), text);
        }
    }

    @Test
    void theSameSymbolInAnotherFileGetsAnotherId() {
        Chunk here = only(chunk("a/Sample.java", JavaChunkingTest.SOURCE), ChunkKind.METHOD, "StringUtils.Pair.both");
        Chunk there = only(chunk("b/Sample.java", JavaChunkingTest.SOURCE), ChunkKind.METHOD, "StringUtils.Pair.both");
        assertNotEquals(here.id(), there.id());
        assertEquals("b/Sample.java", there.path());
        assertEquals(Language.JAVA, there.language());
    }

    @Test
    void concurrentChunkingMatchesSequential(@TempDir Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (Map.Entry<String, String> sample : SAMPLES.entrySet()) {
                Path file = dir.resolve(i + "-" + sample.getKey());
                Files.writeString(file, sample.getValue().repeat(1 + i % 3));
                files.add(file);
            }
        }
        Map<Path, List<Chunk>> sequential = new HashMap<>();
        for (Path file : files) {
            sequential.put(file, chunkFile(dir, file));
        }
        List<Path> work = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            work.addAll(files);
        }
        Collections.shuffle(work, new java.util.Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Map.Entry<Path, List<Chunk>>>> results = new ArrayList<>();
            for (Path file : work) {
                results.add(pool.submit(() -> Map.entry(file, chunkFile(dir, file))));
            }
            for (Future<Map.Entry<Path, List<Chunk>>> result : results) {
                Map.Entry<Path, List<Chunk>> entry = result.get();
                assertEquals(sequential.get(entry.getKey()), entry.getValue(), entry.getKey().toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void realLibraryFile() throws IOException {
        Path file = dev.quarry.SharedData.eval().resolve("java-commons-lang3/corpus/org/apache/commons/lang3/StringUtils.java");
        assumeTrue(Files.isRegularFile(file), "commons-lang3 evaluation corpus not present");
        String text = Files.readString(file);
        List<Chunk> chunks = chunk("org/apache/commons/lang3/StringUtils.java", text);
        assertEquals(4, all(chunks, ChunkKind.METHOD, "StringUtils.abbreviate").size());
        assertSpan(all(chunks, ChunkKind.METHOD, "StringUtils.abbreviate").getFirst(), 221, 223);
        assertTrue(chunks.stream().allMatch(c -> c.endLine() - c.startLine() < 150));
    }

    private static List<Chunk> chunkFile(Path root, Path file) throws IOException {
        String path = root.relativize(file).toString();
        return CHUNKER.chunk(path, Language.forPath(path), Files.readString(file));
    }

    private static Map<String, String> idsByText(List<Chunk> chunks) {
        return chunks.stream().collect(Collectors.toMap(Chunk::text, Chunk::id, (a, b) -> a));
    }
}
