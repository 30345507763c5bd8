package dev.quarry.ingest.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.Language;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Shared lookups and invariants for the chunker tests. */
final class ChunkChecks {
    static final SourceChunker CHUNKER = SourceChunker.create(ChunkerOptions.defaults());

    private ChunkChecks() {}

    /** Chunks {@code text} as the file {@code path}, checking the invariants every result must hold. */
    static List<Chunk> chunk(String path, String text) {
        List<Chunk> chunks = CHUNKER.chunk(path, Language.forPath(path), text);
        assertInvariants(text, chunks);
        return chunks;
    }

    /** Text is exactly the source rows, ids are unique, every significant row is in some chunk. */
    static void assertInvariants(String text, List<Chunk> chunks) {
        Set<String> ids = new HashSet<>();
        String[] rows = text.split("\n", -1);
        boolean[] covered = new boolean[rows.length];
        for (Chunk chunk : chunks) {
            assertTrue(ids.add(chunk.id()), () -> "duplicate id for " + describe(chunk));
            assertTrue(chunk.startLine() >= 1 && chunk.endLine() >= chunk.startLine(), () -> describe(chunk));
            assertEquals(lines(rows, chunk.startLine(), chunk.endLine()), chunk.text(), () -> describe(chunk));
            for (int line = chunk.startLine(); line <= chunk.endLine(); line++) {
                covered[line - 1] = true;
            }
        }
        for (int row = 0; row < rows.length; row++) {
            if (!covered[row] && isSignificant(rows[row])) {
                fail("line " + (row + 1) + " is in no chunk: " + rows[row]);
            }
        }
    }

    /** The one chunk with this kind and symbol. */
    static Chunk only(List<Chunk> chunks, ChunkKind kind, String symbol) {
        List<Chunk> found = all(chunks, kind, symbol);
        assertEquals(1, found.size(), () -> "chunks " + kind.id() + " " + symbol + " in " + summary(chunks));
        return found.getFirst();
    }

    static List<Chunk> all(List<Chunk> chunks, ChunkKind kind, String symbol) {
        return chunks.stream().filter(c -> c.kind().equals(kind.id()) && c.symbol().equals(symbol)).toList();
    }

    /** 1-based line of the first occurrence of {@code marker}. */
    static int lineOf(String text, String marker) {
        int at = text.indexOf(marker);
        assertTrue(at >= 0, () -> "marker not found: " + marker);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /** Lines {@code start..end} (1-based, inclusive) of the file split at '\n', as they read in an editor. */
    private static String lines(String[] rows, int start, int end) {
        String joined = String.join("\n", List.of(rows).subList(start - 1, end));
        return joined.endsWith("\r") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** More than whitespace and brackets: a line that must be searchable. */
    private static boolean isSignificant(String line) {
        return line.chars().anyMatch(c -> !Character.isWhitespace(c) && "{}()[];,".indexOf(c) < 0);
    }

    static void assertSpan(Chunk chunk, int startLine, int endLine) {
        assertEquals(startLine + "-" + endLine, chunk.startLine() + "-" + chunk.endLine(), () -> describe(chunk));
    }

    static String summary(List<Chunk> chunks) {
        return chunks.stream().map(ChunkChecks::describe).collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    private static String describe(Chunk chunk) {
        return chunk.kind() + " " + chunk.symbol() + " " + chunk.startLine() + "-" + chunk.endLine()
                + " [" + chunk.signature() + "]";
    }
}
