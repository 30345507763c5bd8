package dev.quarry.index.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.ChunkIds;
import dev.quarry.ingest.Language;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkSchemaTest {
    private static final String SHA = "ab".repeat(32);

    private final Directory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;

    ChunkSchemaTest() throws IOException {
        writer = new IndexWriter(directory, new IndexWriterConfig(ChunkSchema.analyzer()));
    }

    @AfterEach
    void close() throws IOException {
        writer.close();
        directory.close();
    }

    @Test
    void chunksAndFilesRoundTripThroughARealIndex() throws IOException {
        Chunk method = chunk("src/StringUtils.java", "method", "StringUtils.abbreviate",
                "public static String abbreviate(String str, int maxWidth)", 10, 14,
                "public static String abbreviate(String str, int maxWidth) {\n    return abbreviate(str, \"...\", 0, maxWidth);\n}\n");
        Chunk window = chunk("notes/README.md", "window", "", "", 1, 3, "Grüße 👋\r\nsecond line\n\nlast");
        FileRecord file = new FileRecord("src/StringUtils.java", SHA, 12_345L, 1);
        writer.addDocument(ChunkSchema.chunkDocument(method, SHA));
        writer.addDocument(ChunkSchema.chunkDocument(window, SHA));
        writer.addDocument(ChunkSchema.fileDocument(file));

        assertEquals(Set.of(method, window), Set.copyOf(chunks(ChunkSchema.allChunks())));
        assertEquals(List.of(file), files());
    }

    @Test
    void pathTermDeletesAFileAndAllItsChunksOnly() throws IOException {
        Chunk a1 = chunk("a/A.java", "method", "A.one", "void one()", 1, 2, "void one() {}");
        Chunk a2 = chunk("a/A.java", "method", "A.two", "void two()", 3, 4, "void two() {}");
        Chunk b = chunk("a/AB.java", "method", "AB.one", "void one()", 1, 2, "void one() {}");
        for (Chunk chunk : List.of(a1, a2, b)) {
            writer.addDocument(ChunkSchema.chunkDocument(chunk, SHA));
        }
        writer.addDocument(ChunkSchema.fileDocument(new FileRecord("a/A.java", SHA, 10, 2)));
        writer.addDocument(ChunkSchema.fileDocument(new FileRecord("a/AB.java", SHA, 10, 1)));

        writer.deleteDocuments(ChunkSchema.pathTerm("a/A.java"));

        assertEquals(List.of(b), chunks(ChunkSchema.allChunks()));
        assertEquals(List.of("a/AB.java"), files().stream().map(FileRecord::path).toList());
    }

    @Test
    void chunkIdTermReplacesOneChunk() throws IOException {
        Chunk before = chunk("A.java", "method", "A.run", "void run()", 1, 2, "void run() {}");
        Chunk after = new Chunk(before.id(), before.path(), before.language(), before.kind(), before.symbol(),
                before.signature(), 1, 3, "void run() {\n  go();\n}");
        writer.addDocument(ChunkSchema.chunkDocument(before, SHA));
        writer.updateDocument(ChunkSchema.chunkIdTerm(before.id()), ChunkSchema.chunkDocument(after, SHA));

        assertEquals(List.of(after), chunks(ChunkSchema.allChunks()));
    }

    @Test
    void exactSymbolKeysAreIndexedLowerCased() throws IOException {
        Chunk nested = chunk("org/lang3/StringUtils.java", "method", "org.lang3.StringUtils.Inner.abbreviate",
                "", 1, 1, "x");
        writer.addDocument(ChunkSchema.chunkDocument(nested, SHA));

        for (String key : List.of("org.lang3.stringutils.inner.abbreviate", "inner.abbreviate",
                "stringutils.abbreviate")) {
            assertEquals(List.of(nested), chunks(new TermQuery(new Term(ChunkSchema.SYMBOL_EXACT, key))), key);
        }
        assertEquals(List.of(), chunks(new TermQuery(new Term(ChunkSchema.SYMBOL_EXACT, "abbreviate"))));
        assertEquals(List.of(nested), chunks(new TermQuery(new Term(ChunkSchema.SYMBOL_NAME, "abbreviate"))));
        assertEquals(List.of(nested), chunks(new TermQuery(new Term(ChunkSchema.SYMBOL_NAME_CASED, "abbreviate"))));
        assertEquals(List.of(), chunks(new TermQuery(new Term(ChunkSchema.SYMBOL_NAME_CASED, "Abbreviate"))));
    }

    @Test
    void symbolKeysCoverSuffixesAndTheFileQualifiedName() {
        assertEquals(Set.of("httpconnection.getresponse", "client.getresponse"),
                ChunkSchema.symbolKeys("HTTPConnection.getresponse", "http/client.py"));
        assertEquals(Set.of("utils.abbreviate"), ChunkSchema.symbolKeys("abbreviate", "lib/utils.rs"));
        assertEquals(Set.of(), ChunkSchema.symbolKeys("", "lib/utils.rs"));
    }

    @Test
    void symbolsNormaliseAcrossLanguagesSeparators() {
        assertEquals("foo.bar.baz", ChunkSchema.normalizeSymbol("Foo::Bar::baz"));
        assertEquals("foo.bar", ChunkSchema.normalizeSymbol("Foo#bar"));
        assertEquals("a.b", ChunkSchema.normalizeSymbol("::a..b."));
        assertEquals("baz", ChunkSchema.symbolName("Foo::Bar::baz"));
        assertEquals("bar", ChunkSchema.symbolName("Foo.bar."));
        assertEquals("main", ChunkSchema.symbolName("main"));
    }

    @Test
    void missingRequiredFieldsAreReportedByName() {
        Chunk noText = new Chunk("id", "A.java", Language.JAVA, "method", "A.a", "", 1, 1, null);
        Chunk noLanguage = new Chunk("id", "A.java", null, "method", "A.a", "", 1, 1, "x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChunkSchema.chunkDocument(noText, SHA))
                .getMessage().contains("chunk text"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChunkSchema.chunkDocument(noLanguage, SHA))
                .getMessage().contains("chunk language"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ChunkSchema.toChunk(ChunkSchema.fileDocument(new FileRecord("A.java", SHA, 1, 0))))
                .getMessage().contains("'id'"));
    }

    private static Chunk chunk(String path, String kind, String symbol, String signature, int start, int end,
                               String text) {
        return new Chunk(ChunkIds.of(path, kind, symbol, start), path, Language.forPath(path), kind, symbol,
                signature, start, end, text);
    }

    private List<Chunk> chunks(Query query) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            for (ScoreDoc hit : searcher.search(query, 100).scoreDocs) {
                chunks.add(ChunkSchema.toChunk(searcher.storedFields().document(hit.doc)));
            }
        }
        return chunks;
    }

    private List<FileRecord> files() throws IOException {
        List<FileRecord> files = new ArrayList<>();
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            for (ScoreDoc hit : searcher.search(ChunkSchema.allFiles(), 100).scoreDocs) {
                files.add(ChunkSchema.toFileRecord(searcher.storedFields().document(hit.doc)));
            }
        }
        return files;
    }
}
