package dev.quarry.ingest.chunk;

import static dev.quarry.ingest.chunk.ChunkChecks.assertSpan;
import static dev.quarry.ingest.chunk.ChunkChecks.chunk;
import static dev.quarry.ingest.chunk.ChunkChecks.lineOf;
import static dev.quarry.ingest.chunk.ChunkChecks.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.quarry.ingest.Chunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoChunkingTest {
    static final String SOURCE = """
            // Package demo — ünïcödé 😀.
            package demo

            import (
            \t"fmt"
            )

            // Reader reads.
            type Reader interface {
            \tRead(p []byte) (int, error)
            }

            // List is generic.
            type List[T any] struct {
            \titems []T
            }

            type (
            \tID    int
            \tNames []string
            )

            // Len counts — 🙂.
            func (l *List[T]) Len() int {
            \treturn len(l.items)
            }

            func (r plain) Len() int { return 0 }

            func New() *List[int] {
            \tfmt.Println("😀")
            \treturn &List[int]{}
            }
            """;
    private final List<Chunk> chunks = chunk("demo/list.go", SOURCE);

    @Test
    void typesAreChunksWithTheirComments() {
        Chunk reader = only(chunks, ChunkKind.INTERFACE, "Reader");
        assertSpan(reader, lineOf(SOURCE, "// Reader"), lineOf(SOURCE, "Read(p") + 1);
        assertEquals("type Reader interface", reader.signature());
        assertEquals("type List[T any] struct", only(chunks, ChunkKind.STRUCT, "List").signature());
    }

    @Test
    void groupedTypeDeclarationsYieldOneChunkPerType() {
        assertSpan(only(chunks, ChunkKind.TYPE, "ID"), lineOf(SOURCE, "ID "), lineOf(SOURCE, "ID "));
        assertEquals("Names []string", only(chunks, ChunkKind.TYPE, "Names").signature());
    }

    @Test
    void methodsAreNamedForTheirReceiverTypeWithoutPointerOrTypeParameters() {
        Chunk len = only(chunks, ChunkKind.METHOD, "List.Len");
        assertSpan(len, lineOf(SOURCE, "// Len counts"), lineOf(SOURCE, "return len") + 1);
        assertEquals("func (l *List[T]) Len() int", len.signature());
        assertNotEquals(len.id(), only(chunks, ChunkKind.METHOD, "plain.Len").id());
        assertEquals("func New() *List[int]", only(chunks, ChunkKind.FUNCTION, "New").signature());
    }

    @Test
    void packageAndImportsAreModuleCode() {
        Chunk module = ChunkChecks.all(chunks, ChunkKind.MODULE, "").getFirst();
        assertSpan(module, 1, lineOf(SOURCE, "\"fmt\""));
    }
}
