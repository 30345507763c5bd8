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
    private static final Comparator<FileSymbols> BY_PATH = Comparator.comparing(FileSymbols::path);

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryRecord() throws IOException {
        SymbolExtractor extractor = SymbolExtractor.create();
        List<FileSymbols> files = List.of(
                extractor.extract("src/A.java", Language.JAVA, """
                        package p;
                        import java.util.List;
                        class A extends B implements C { void m() { this.n(); List.of(); } void n() {} }
                        """),
                extractor.extract("lib/ünï.py", Language.PYTHON, "import os as o\ndef 関数():\n    o.getcwd()\n"),
                FileSymbols.empty("README.md"));
        Path snapshot = dir.resolve("symbols.bin");
        try (OutputStream out = Files.newOutputStream(snapshot)) {
            SymbolStore.write(files, out);
        }
        List<FileSymbols> read;
        try (InputStream in = Files.newInputStream(snapshot)) {
            read = SymbolStore.read(in);
        }
        assertEquals(sorted(files), sorted(read));
        assertTrue(new String(Files.readAllBytes(snapshot), 0, 17, java.nio.charset.StandardCharsets.US_ASCII)
                .equals(SymbolStore.HEADER));

        SymbolGraph graph = SymbolGraph.of(files);
        try (OutputStream out = Files.newOutputStream(snapshot)) {
            graph.writeTo(out);
        }
        try (InputStream in = Files.newInputStream(snapshot)) {
            SymbolGraph loaded = SymbolGraph.readFrom(in);
            assertEquals(graph.definitionCount(), loaded.definitionCount());
            assertEquals(graph.callers("A.n"), loaded.callers("A.n"));
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
            SymbolStore.write(List.of(extractor.extract("A.java", Language.JAVA, "class A { void m() { f(); } }")),
                    out);
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
        otherVersion[SymbolStore.HEADER.length() - 2] = '2';
        IOException version = assertThrows(IOException.class, () -> read(otherVersion));
        assertTrue(version.getMessage().contains("quarry-symbols-2"), version.getMessage());
        assertThrows(IOException.class, () -> read(new byte[0]));
    }

    private List<FileSymbols> read(byte[] bytes) throws IOException {
        Path file = dir.resolve("damaged.bin");
        Files.write(file, bytes);
        try (InputStream in = Files.newInputStream(file)) {
            return SymbolStore.read(in);
        }
    }

    private static List<FileSymbols> sorted(List<FileSymbols> files) {
        return files.stream().sorted(BY_PATH).toList();
    }
}
