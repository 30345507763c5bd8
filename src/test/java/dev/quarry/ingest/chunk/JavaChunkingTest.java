package dev.quarry.ingest.chunk;

import static dev.quarry.ingest.chunk.ChunkChecks.all;
import static dev.quarry.ingest.chunk.ChunkChecks.assertSpan;
import static dev.quarry.ingest.chunk.ChunkChecks.chunk;
import static dev.quarry.ingest.chunk.ChunkChecks.lineOf;
import static dev.quarry.ingest.chunk.ChunkChecks.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.ingest.Chunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaChunkingTest {
    static final String SOURCE = """
            package org.example;

            import java.util.List;

            /**
             * Strings — ünïcödé 😀 日本語.
             */
            @SuppressWarnings("unused")
            public class StringUtils {
                private static final String SMILE = "😀😀";
                public static final int INDEX_NOT_FOUND = -1;

                /** Creates nothing — 🙂. */
                public StringUtils() {
                }

                /**
                 * Abbreviates “quoted” text: 😀.
                 */
                public static String abbreviate(final String str, final int maxWidth) {
                    return abbreviate(str, "…", 0, maxWidth);
                }

                @Deprecated
                public static String abbreviate(final String str, final String marker, int offset,
                                                final int maxWidth) {
                    return str;
                }

                static class Inner {
                    int size() { return 0; }

                    interface Deep {
                        void size();
                    }
                }

                private int count = 0; // a field after the first method

                enum Mode {
                    A, B;
                    Mode() {}
                    String label() { return name(); }
                }

                record Pair(String left, String right) {
                    Pair {
                        java.util.Objects.requireNonNull(left);
                    }
                    String both() { return left + right; }
                }
            }
            """;
    private final List<Chunk> chunks = chunk("src/org/example/StringUtils.java", SOURCE);

    @Test
    void topLevelCodeIsAModuleChunk() {
        Chunk module = only(chunks, ChunkKind.MODULE, "");
        assertSpan(module, 1, 3);
        assertEquals("", module.signature());
    }

    @Test
    void classHeaderRunsFromItsJavadocToTheLastFieldBeforeTheFirstMember() {
        Chunk header = all(chunks, ChunkKind.CLASS, "StringUtils").getFirst();
        assertSpan(header, lineOf(SOURCE, "/**"), lineOf(SOURCE, "INDEX_NOT_FOUND"));
        assertEquals("public class StringUtils", header.signature());
        assertTrue(header.text().contains("@SuppressWarnings(\"unused\")"));
    }

    @Test
    void fieldsAfterTheFirstMemberLandInAChunkOfTheirClass() {
        List<Chunk> classChunks = all(chunks, ChunkKind.CLASS, "StringUtils");
        assertEquals(2, classChunks.size(), ChunkChecks.summary(chunks));
        Chunk gap = classChunks.get(1);
        assertSpan(gap, lineOf(SOURCE, "private int count"), lineOf(SOURCE, "private int count"));
        assertEquals("public class StringUtils", gap.signature());
    }

    @Test
    void constructorIncludesItsCommentAndIsNamedForTheClass() {
        Chunk constructor = only(chunks, ChunkKind.CONSTRUCTOR, "StringUtils.StringUtils");
        assertSpan(constructor, lineOf(SOURCE, "/** Creates nothing"), lineOf(SOURCE, "public StringUtils()") + 1);
        assertEquals("public StringUtils()", constructor.signature());
    }

    @Test
    void overloadsShareTheSymbolButNotTheId() {
        List<Chunk> overloads = all(chunks, ChunkKind.METHOD, "StringUtils.abbreviate");
        assertEquals(2, overloads.size());
        assertNotEquals(overloads.get(0).id(), overloads.get(1).id());

        Chunk first = overloads.get(0);
        assertSpan(first, lineOf(SOURCE, "     * Abbreviates") - 1, lineOf(SOURCE, "return abbreviate(") + 1);
        assertEquals("public static String abbreviate(final String str, final int maxWidth)", first.signature());

        Chunk second = overloads.get(1);
        assertSpan(second, lineOf(SOURCE, "@Deprecated"), lineOf(SOURCE, "return str;") + 1);
        assertEquals("public static String abbreviate(final String str, final String marker, int offset, "
                + "final int maxWidth)", second.signature(), "annotations dropped, whitespace collapsed");
    }

    @Test
    void nestedTypesAreQualifiedByTheirEnclosingTypes() {
        assertEquals("static class Inner", only(chunks, ChunkKind.CLASS, "StringUtils.Inner").signature());
        only(chunks, ChunkKind.INTERFACE, "StringUtils.Inner.Deep");
        Chunk innerSize = only(chunks, ChunkKind.METHOD, "StringUtils.Inner.size");
        Chunk deepSize = only(chunks, ChunkKind.METHOD, "StringUtils.Inner.Deep.size");
        assertEquals("int size()", innerSize.signature());
        assertEquals("void size()", deepSize.signature(), "a body-less method's signature drops the ';'");
        assertNotEquals(innerSize.id(), deepSize.id());
    }

    @Test
    void enumMembersFollowingTheConstantsAreFound() {
        Chunk header = only(chunks, ChunkKind.ENUM, "StringUtils.Mode");
        assertSpan(header, lineOf(SOURCE, "enum Mode"), lineOf(SOURCE, "A, B;"));
        only(chunks, ChunkKind.CONSTRUCTOR, "StringUtils.Mode.Mode");
        assertEquals("String label()", only(chunks, ChunkKind.METHOD, "StringUtils.Mode.label").signature());
    }

    @Test
    void recordsAndCompactConstructors() {
        assertEquals("record Pair(String left, String right)",
                only(chunks, ChunkKind.RECORD, "StringUtils.Pair").signature());
        Chunk compact = only(chunks, ChunkKind.CONSTRUCTOR, "StringUtils.Pair.Pair");
        assertSpan(compact, lineOf(SOURCE, "Pair {"), lineOf(SOURCE, "Pair {") + 2);
        only(chunks, ChunkKind.METHOD, "StringUtils.Pair.both");
    }

    @Test
    void chunksComeInFileOrder() {
        for (int i = 1; i < chunks.size(); i++) {
            assertTrue(chunks.get(i - 1).startLine() <= chunks.get(i).startLine(), ChunkChecks.summary(chunks));
        }
    }
}
