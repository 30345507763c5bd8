package dev.quarry.search;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.index.lucene.ChunkSchema;
import dev.quarry.index.lucene.FileRecord;
import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.ChunkIds;
import dev.quarry.ingest.Language;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LexicalSearcherTest {
    private static final String SHA = "0".repeat(64);
    private static Directory directory;
    private static DirectoryReader reader;
    private static IndexSearcher searcher;
    private final LexicalSearcher lexical = LexicalSearcher.create();

    @BeforeAll
    static void buildIndex() throws IOException {
        directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(ChunkSchema.analyzer()))) {
            for (Chunk chunk : corpus()) {
                writer.addDocument(ChunkSchema.chunkDocument(chunk, SHA));
            }
            // A file document must never come back as a hit, even for its own path.
            writer.addDocument(ChunkSchema.fileDocument(new FileRecord("src/main/StringUtils.java", SHA, 1, 3)));
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    @AfterAll
    static void closeIndex() throws IOException {
        reader.close();
        directory.close();
    }

    private static List<Chunk> corpus() {
        return List.of(
                method("src/main/StringUtils.java", "StringUtils.abbreviate",
                        "public static String abbreviate(final String str, final int maxWidth)", 100,
                        """
                        public static String abbreviate(final String str, final int maxWidth) {
                            if (isEmpty(str) || maxWidth < 4) {
                                throw new IllegalArgumentException("Minimum width is 4");
                            }
                            final int strLen = str.length();
                            if (strLen <= maxWidth) {
                                return str;
                            }
                            final StringBuilder builder = new StringBuilder(maxWidth);
                            builder.append(str, 0, maxWidth - 3);
                            return builder.append(ELLIPSIS3).toString();
                        }"""),
                method("src/main/StringUtils.java", "StringUtils.capitalize",
                        "public static String capitalize(final String str)", 200,
                        """
                        public static String capitalize(final String str) {
                            final int firstCodepoint = str.codePointAt(0);
                            return new String(Character.toTitleCase(firstCodepoint)) + str.substring(1);
                        }"""),
                method("src/main/StringUtils.java", "StringUtils.join",
                        "public static String join(final Object[] array, final char delimiter)", 300,
                        """
                        public static String join(final Object[] array, final char delimiter) {
                            return join(array, delimiter, 0, array.length);
                        }"""),
                method("src/main/WordUtils.java", "WordUtils.abbreviate",
                        "public static String abbreviate(final String str, int lower, int upper)", 50,
                        """
                        public static String abbreviate(final String str, int lower, int upper, final String appendToEnd) {
                            final int index = StringUtils.indexOf(str, " ", lower);
                            return str.substring(0, index) + appendToEnd;
                        }"""),
                // Callers mention the name far more often than its definition does.
                method("src/test/StringUtilsTest.java", "StringUtilsTest.testAbbreviate",
                        "void testAbbreviate()", 10,
                        """
                        void testAbbreviate() {
                            assertEquals("a...", StringUtils.abbreviate("abcdef", 4));
                            assertEquals("ab...", StringUtils.abbreviate("abcdef", 5));
                            assertEquals("abc...", StringUtils.abbreviate("abcdefg", 6));
                            assertEquals("abcdefg", StringUtils.abbreviate("abcdefg", 7));
                            assertEquals("", StringUtils.abbreviate("", 4));
                        }"""),
                method("src/main/Validate.java", "Validate.Validate", "public Validate()", 5,
                        """
                        public Validate() {
                            // validate: Validate instances are not needed
                        }"""),
                method("src/main/Reflection.java", "Reflection.validate", "static void validate(Field field)", 80,
                        """
                        static void validate(Field field) {
                            check(field.isAccessible());
                        }"""),
                new Chunk(ChunkIds.of("http/client.py", "function", "HTTPConnection.getresponse", 0),
                        "http/client.py", Language.PYTHON, "function", "HTTPConnection.getresponse",
                        "def getresponse(self):", 1330, 1334,
                        """
                        def getresponse(self):
                            response = self.response_class(self.sock, method=self._method)
                            response.begin()
                            return response"""),
                new Chunk(ChunkIds.of("http/server.py", "function", "Handler.getresponse", 0),
                        "http/server.py", Language.PYTHON, "function", "Handler.getresponse",
                        "def getresponse(self):", 20, 22,
                        """
                        def getresponse(self):
                            client = self.client
                            return client.getresponse() if client.connected else client.reconnect().getresponse()"""),
                new Chunk(ChunkIds.of("http/client.py", "function", "parse_headers", 0), "http/client.py",
                        Language.PYTHON, "function", "client.parse_headers", "def parse_headers(fp, _class=HTTPMessage):",
                        224, 240,
                        """
                        def parse_headers(fp, _class=HTTPMessage):
                            headers = _read_headers(fp)
                            hstring = b''.join(headers).decode('iso-8859-1')
                            return email.parser.Parser(_class=_class).parsestr(hstring)"""));
    }

    private static Chunk method(String path, String symbol, String signature, int start, String text) {
        int lines = (int) text.lines().count();
        return new Chunk(ChunkIds.of(path, "method", symbol, 0), path, Language.JAVA, "method", symbol, signature,
                start, start + lines - 1, text);
    }

    private List<SearchHit> search(String text) throws IOException {
        return lexical.search(searcher, LexicalQuery.of(text, 10));
    }

    private String top(String text) throws IOException {
        List<SearchHit> hits = search(text);
        assertFalse(hits.isEmpty(), "no hits for " + text);
        return hits.get(0).path() + ":" + hits.get(0).symbol();
    }

    @Test
    void identifierQueryRanksTheDefinitionAboveItsCallers() throws IOException {
        assertEquals("src/main/StringUtils.java:StringUtils.abbreviate", top("StringUtils.abbreviate"));
        assertTrue(top("abbreviate").endsWith(".abbreviate"), top("abbreviate"));
        assertEquals("http/client.py:client.parse_headers", top("parse_headers"));
    }

    @Test
    void qualifiedNamesPickTheRightDefinition() throws IOException {
        assertEquals("src/main/WordUtils.java:WordUtils.abbreviate", top("WordUtils.abbreviate"));
        assertEquals("src/main/WordUtils.java:WordUtils.abbreviate", top("WordUtils::abbreviate()"));
        // Qualified by module (file) rather than class, as Python users write it.
        assertEquals("http/client.py:HTTPConnection.getresponse", top("client.getresponse"));
    }

    @Test
    void identifierInItsOwnCaseBeatsAClassOfTheSameName() throws IOException {
        assertEquals("src/main/Reflection.java:Reflection.validate", top("validate"));
        assertEquals("src/main/Validate.java:Validate.Validate", top("Validate"));
    }

    @Test
    void naturalLanguageFindsTheMethod() throws IOException {
        assertEquals("src/main/StringUtils.java:StringUtils.abbreviate",
                top("Abbreviates a String using ellipses."));
        assertEquals("src/main/StringUtils.java:StringUtils.capitalize",
                top("Capitalizes a String changing the first character to title case"));
        assertEquals("http/client.py:client.parse_headers", top("Parses only RFC2822 headers from a file pointer."));
    }

    @Test
    void filtersRestrictByPathPrefixAndLanguage() throws IOException {
        List<SearchHit> main = lexical.search(searcher, new LexicalQuery("abbreviate", 10, "src/main/", null));
        assertFalse(main.isEmpty());
        assertTrue(main.stream().allMatch(hit -> hit.path().startsWith("src/main/")), main.toString());

        List<SearchHit> python = lexical.search(searcher, new LexicalQuery("return", 10, null, "PYTHON"));
        assertFalse(python.isEmpty());
        assertTrue(python.stream().allMatch(hit -> hit.language().equals("python")), python.toString());

        assertEquals(List.of(), lexical.search(searcher, new LexicalQuery("abbreviate", 10, "nowhere/", null)));
    }

    @Test
    void neverReturnsFileDocuments() throws IOException {
        for (SearchHit hit : search("StringUtils java src main")) {
            assertFalse(hit.chunkId().isEmpty());
            assertTrue(hit.endLine() >= hit.startLine());
        }
    }

    @Test
    void hitsCarryLocationSnippetAndLane() throws IOException {
        SearchHit hit = search("capitalize title case").get(0);
        assertEquals("StringUtils.capitalize", hit.symbol());
        assertEquals("method", hit.kind());
        assertEquals("java", hit.language());
        assertEquals(200, hit.startLine());
        assertEquals(203, hit.endLine());
        assertEquals(List.of("lexical"), hit.lanes());
        assertTrue(hit.score() > 0);
        assertTrue(hit.snippet().contains("toTitleCase"), hit.snippet());
        assertTrue(hit.snippet().lines().count() <= 3 && hit.snippet().length() <= 240, hit.snippet());
    }

    @Test
    void topKLimitsTheHits() throws IOException {
        assertEquals(2, lexical.search(searcher, LexicalQuery.of("str", 2)).size());
    }

    @Test
    void hostileQueriesNeverThrow() {
        List<String> hostile = List.of("foo(", "\"unterminated", "AND OR", "NOT", "*", "?", "\\", "a:b", "[1 TO 2]",
                "title:\"x\"~2^3", "((((", "-", "+", "&&", "||", "/regex/", "{}", "~", "ünïcödé 日本語 🚀",
                "\u0000\u0001", "x".repeat(10_000), "aB".repeat(5_000), "the of and", "a",
                String.join(" ", Collections.nCopies(2_000, "parseHTML5Doc StringUtils.abbreviate")),
                // thousands of distinct words: far beyond Lucene's 1024-clause limit if all were searched
                IntStream.range(0, 3_000).mapToObj(i -> "w" + Integer.toString(i, 36) + "x").collect(Collectors.joining(" ")));
        for (String text : hostile) {
            List<SearchHit> hits = assertDoesNotThrow(() -> search(text), text.substring(0, Math.min(40, text.length())));
            assertTrue(hits.size() <= 10);
        }
    }

    @Test
    void queriesWithNothingSearchableReturnNothing() throws IOException {
        assertEquals(List.of(), search("*"));
        assertEquals(List.of(), search("(){}"));
    }
}
