package dev.quarry.ingest.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.ingest.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolStoreTest {
    private static final Comparator<SymbolStore.Entry> BY_PATH = Comparator.comparing(e -> e.symbols().path());
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryRecord() throws IOException {
        SymbolExtractor extractor = SymbolExtractor.create();
        List<SymbolStore.Entry> files = List.of(
                new SymbolStore.Entry(extractor.extract("src/A.java", Language.JAVA, """
                        package p;
                        import java.util.List;
                        class A extends B implements C { void m() { this.n(); List.of(); } void n() {} }
                        """), SHA),
                new SymbolStore.Entry(extractor.extract("lib/ünï.py", Language.PYTHON,
                        "import os as o\ndef 関数():\n    o.getcwd()\n"), "cd".repeat(32)),
                new SymbolStore.Entry(FileSymbols.empty("README.md"), SHA));
        Path snapshot = dir.resolve("symbols.bin");
        try (OutputStream out = Files.newOutputStream(snapshot)) {
            SymbolStore.write(files, out);
        }
        List<SymbolStore.Entry> read;
        try (InputStream in = Files.newInputStream(snapshot)) {
            read = SymbolStore.read(in);
        }
        assertEquals(sorted(files), sorted(read));
        assertTrue(new String(Files.readAllBytes(snapshot), 0, 17, java.nio.charset.StandardCharsets.US_ASCII)
                .equals(SymbolStore.HEADER));

        IndexSymbols symbols = IndexSymbols.empty().with(
                files.stream().map(e -> new IndexSymbols.Source(e.symbols(), e.source())).toList(), List.of());
        try (OutputStream out = Files.newOutputStream(snapshot)) {
            symbols.writeTo(out);
        }
        try (InputStream in = Files.newInputStream(snapshot)) {
            IndexSymbols loaded = IndexSymbols.readFrom(in);
            assertEquals(symbols.graph().definitionCount(), loaded.graph().definitionCount());
            assertEquals(symbols.graph().callers("A.n"), loaded.graph().callers("A.n"));
            assertEquals("cd".repeat(32), loaded.source("lib/ünï.py"));
            assertEquals(3, loaded.fileCount());
        }
    }

    @Test
    void recordsAreJacksonSerialisable() throws IOException {
        FileSymbols symbols = SymbolExtractor.create().extract("a/B.java", Language.JAVA,
                "package a; import x.Y; class B extends Y { void m() { n(); } void n() {} }");
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(symbols);
        assertEquals(symbols, mapper.readValue(json, FileSymbols.class));
        CallEdge edge = SymbolGraph.of(List.of(symbols)).callers("B.n").get(0);
        assertEquals(edge, mapper.readValue(mapper.writeValueAsString(edge), CallEdge.class));
    }

    @Test
    void emptyCollectionRoundTrips() throws IOException {
        Path snapshot = dir.resolve("empty.bin");
        try (OutputStream out = Files.newOutputStream(snapshot)) {
            SymbolStore.write(List.of(), out);
        }
        try (InputStream in = Files.newInputStream(snapshot)) {
            assertEquals(List.of(), SymbolStore.read(in));
        }
    }

    @Test
    void corruptionIsDetected() throws IOException {
        SymbolExtractor extractor = SymbolExtractor.create();
        Path snapshot = dir.resolve("symbols.bin");
        try (OutputStream out = Files.newOutputStream(snapshot)) {
            SymbolStore.write(List.of(new SymbolStore.Entry(
                    extractor.extract("A.java", Language.JAVA, "class A { void m() { f(); } }"), SHA)), out);
        }
        byte[] good = Files.readAllBytes(snapshot);

        for (int offset = SymbolStore.HEADER.length() + 8; offset < good.length; offset++) {
            byte[] flipped = good.clone();
            flipped[offset] ^= 0x01;
            IOException e = assertThrows(IOException.class, () -> read(flipped), "flip at " + offset);
            assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        }
        IOException truncated = assertThrows(IOException.class, () -> read(Arrays.copyOf(good, good.length - 3)));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        IOException tooShort = assertThrows(IOException.class, () -> read(Arrays.copyOf(good, 20)));
        assertTrue(tooShort.getMessage().contains("truncated"), tooShort.getMessage());

        byte[] otherVersion = good.clone();
        otherVersion[SymbolStore.HEADER.length() - 2] = '9';
        IOException version = assertThrows(IOException.class, () -> read(otherVersion));
        assertTrue(version.getMessage().contains("quarry-symbols-9") && version.getMessage().contains("quarry-symbols-2"),
                version.getMessage());
        assertThrows(IOException.class, () -> read(new byte[0]));
    }

    private List<SymbolStore.Entry> read(byte[] bytes) throws IOException {
        Path file = dir.resolve("damaged.bin");
        Files.write(file, bytes);
        try (InputStream in = Files.newInputStream(file)) {
            return SymbolStore.read(in);
        }
    }

    private static List<SymbolStore.Entry> sorted(List<SymbolStore.Entry> files) {
        return files.stream().sorted(BY_PATH).toList();
    }
}
