package dev.quarry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.index.lucene.CodeAnalyzer;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnippetExtractorTest {
    private final SnippetExtractor snippets = new SnippetExtractor(CodeAnalyzer.stemmed());

    private static final String TEXT = """
            public static String abbreviate(final String str, final int maxWidth) {
                if (isEmpty(str)) {
                    return str;
                }
                final int strLen = str.length();
                final StringBuilder builder = new StringBuilder(maxWidth);
                return builder.append(ELLIPSIS3).toString();
            }""";

    @Test
    void picksTheLinesWithMostDistinctQueryStemsInSourceOrder() {
        // "widths" and "builders" meet maxWidth and StringBuilder through their stems.
        String snippet = snippets.snippet(TEXT, "", Set.of("width", "builder", "ellipsis3"));
        assertEquals("""
                public static String abbreviate(final String str, final int maxWidth) {
                final StringBuilder builder = new StringBuilder(maxWidth);
                return builder.append(ELLIPSIS3).toString();""", snippet);
    }

    @Test
    void fallsBackToTheSignatureThenToTheFirstLines() {
        assertEquals("String abbreviate(String, int)", snippets.snippet(TEXT, "String abbreviate(String, int)", Set.of("zebra")));
        assertEquals("a\nb\nc", snippets.snippet("\n  a\r\n\nb\rc\nd", "", Set.of()));
    }

    @Test
    void staysWithinTheCharacterBudget() {
        String longLine = "value = compute(" + "argument, ".repeat(40) + ")";
        String snippet = snippets.snippet(longLine + "\n" + longLine + "\n" + longLine, "", Set.of("valu"));
        assertEquals(SnippetExtractor.MAX_CHARS, snippet.length());
        assertTrue(snippet.startsWith("value = compute("), snippet);
    }

    @Test
    void findsLinesAfterCarriageReturnBreaks() {
        assertEquals("gamma()", snippets.snippet("alpha()\r\nbeta()\rgamma()\n", "", Set.of("gamma")));
    }
}
