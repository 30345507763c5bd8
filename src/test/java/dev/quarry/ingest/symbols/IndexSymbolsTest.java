package dev.quarry.ingest.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.quarry.ingest.Language;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexSymbolsTest {
    private static final SymbolExtractor EXTRACTOR = SymbolExtractor.create();
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    private static IndexSymbols.Source source(String path, String text, String sha) {
        return new IndexSymbols.Source(EXTRACTOR.extract(path, Language.forPath(path), text), sha);
    }

    private static IndexSymbols sample() {
        return IndexSymbols.empty().with(List.of(
                source("app/Main.java", "class Main { void run() { Util.help(); } }", A),
                source("app/Util.java", "class Util { static void help() {} }", B),
                source("README.md", "# readme", C)), List.of());
    }

    @Test
    void batchesTrackTheSourceOfEveryFile() {
        IndexSymbols symbols = sample();
        assertEquals(3, symbols.fileCount());
        assertEquals(A, symbols.source("app/Main.java"));
        assertEquals("Main.run", symbols.graph().callers("Util.help").get(0).caller().qualifiedName());

        IndexSymbols without = symbols.with(List.of(), List.of("app/Util.java"));
        assertEquals(2, without.fileCount());
        assertNull(without.source("app/Util.java"));
        assertEquals(List.of(), without.graph().callers("Util.help"));
        assertEquals(3, symbols.fileCount(), "the old version is unchanged");
        assertSame(symbols, symbols.with(List.of(), List.of()));
    }

    @Test
    void restoreKeepsOnlyFilesWhoseContentTheIndexStillHolds() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sample().writeTo(bytes);
        IndexSymbols loaded = IndexSymbols.readFrom(new ByteArrayInputStream(bytes.toByteArray()));

        // Lucene holds Main unchanged, Util at newer content, a file the snapshot never saw, and no README.
        IndexSymbols.Restored restored = loaded.restore(Map.of(
                "app/Main.java", A,
                "app/Util.java", "d".repeat(64),
                "app/New.java", "e".repeat(64)));

        assertEquals(Set.of("app/Util.java", "app/New.java"), restored.missing());
        assertEquals(1, restored.symbols().fileCount());
        assertEquals(List.of(), restored.symbols().graph().definitions("help", MatchMode.EXACT, null),
                "symbols of content the index no longer holds are dropped");
        assertEquals(1, restored.symbols().graph().definitions("run", MatchMode.EXACT, null).size());

        IndexSymbols.Restored intact = loaded.restore(Map.of("app/Main.java", A, "app/Util.java", B, "README.md", C));
        assertEquals(Set.of(), intact.missing());
        assertSame(loaded, intact.symbols(), "nothing to drop, nothing copied");
    }
}
