package dev.quarry.ingest.chunk;

import static dev.quarry.ingest.chunk.ChunkChecks.all;
import static dev.quarry.ingest.chunk.ChunkChecks.assertSpan;
import static dev.quarry.ingest.chunk.ChunkChecks.chunk;
import static dev.quarry.ingest.chunk.ChunkChecks.lineOf;
import static dev.quarry.ingest.chunk.ChunkChecks.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.ingest.Chunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonChunkingTest {
    static final String SOURCE = """
            \"""Module docstring — ünïcödé 😀.\"""
            import os
            from typing import List

            CONSTANT = "😀"


            # Helper comment directly above.
            def helper(a, b=2):
                def inner():
                    return a
                return inner()


            @dataclass
            class Point(Base):
                \"""A point — 🙂.\"""
                x: int = 0

                def __init__(self, x):
                    self.x = x

                @property
                def norm(self) -> float:
                    return abs(self.x)

                class Meta:
                    def norm(self):
                        return 0


            async def fetch(url: str) -> bytes:
                return b""

            if __name__ == "__main__":
                helper(1)
            """;
    private final List<Chunk> chunks = chunk("pkg/geometry.py", SOURCE);

    @Test
    void functionsIncludeTheCommentAboveAndKeepNestedFunctionsInside() {
        Chunk helper = only(chunks, ChunkKind.FUNCTION, "helper");
        assertSpan(helper, lineOf(SOURCE, "# Helper"), lineOf(SOURCE, "return inner()"));
        assertEquals("def helper(a, b=2)", helper.signature());
        assertTrue(all(chunks, ChunkKind.FUNCTION, "inner").isEmpty(), "nested functions stay in their parent");
        assertEquals("async def fetch(url: str) -> bytes", only(chunks, ChunkKind.FUNCTION, "fetch").signature());
    }

    @Test
    void classHeaderHasDecoratorDocstringAndAttributes() {
        Chunk header = only(chunks, ChunkKind.CLASS, "Point");
        assertSpan(header, lineOf(SOURCE, "@dataclass"), lineOf(SOURCE, "x: int = 0"));
        assertEquals("class Point(Base)", header.signature());
    }

    @Test
    void methodsAreQualifiedAndInitIsTheConstructor() {
        assertEquals("def __init__(self, x)", only(chunks, ChunkKind.CONSTRUCTOR, "Point.__init__").signature());
        Chunk norm = only(chunks, ChunkKind.METHOD, "Point.norm");
        assertSpan(norm, lineOf(SOURCE, "@property"), lineOf(SOURCE, "return abs"));
        assertEquals("def norm(self) -> float", norm.signature(), "decorators are not part of the signature");
        only(chunks, ChunkKind.CLASS, "Point.Meta");
        only(chunks, ChunkKind.METHOD, "Point.Meta.norm");
    }

    @Test
    void conditionalDefinitionsAreFound() {
        String source = """
                try:
                    from _json import scanstring
                except ImportError:
                    def scanstring(s):
                        return s

                if sys.platform == "win32":
                    class Handler:
                        def emit(self): pass
                else:
                    def emit(): pass
                """;
        List<Chunk> conditional = chunk("compat.py", source);
        assertSpan(only(conditional, ChunkKind.FUNCTION, "scanstring"), 4, 5);
        only(conditional, ChunkKind.METHOD, "Handler.emit");
        only(conditional, ChunkKind.FUNCTION, "emit");
    }

    @Test
    void moduleCodeAroundDeclarationsIsKept() {
        List<Chunk> module = all(chunks, ChunkKind.MODULE, "");
        assertEquals(2, module.size(), ChunkChecks.summary(chunks));
        assertSpan(module.get(0), 1, lineOf(SOURCE, "CONSTANT"));
        assertSpan(module.get(1), lineOf(SOURCE, "if __name__"), lineOf(SOURCE, "helper(1)"));
    }
}
