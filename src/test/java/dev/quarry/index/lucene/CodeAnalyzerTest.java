package dev.quarry.index.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

class CodeAnalyzerTest {
    private final Analyzer code = CodeAnalyzer.create();
    private final Analyzer stemmed = CodeAnalyzer.stemmed();

    @Test
    void camelCaseKeepsWholeAndParts() throws IOException {
        assertEquals(List.of("abbreviatemiddle", "abbreviate", "middle"), tokens(code, "abbreviateMiddle"));
    }

    @Test
    void pascalCaseAndAcronyms() throws IOException {
        assertEquals(List.of("httpclient", "http", "client"), tokens(code, "HTTPClient"));
        assertEquals(List.of("xmlhttprequest", "xml", "http", "request"), tokens(code, "XMLHttpRequest"));
        assertEquals(List.of("getid", "get", "id"), tokens(code, "getID"));
        assertEquals(List.of("url"), tokens(code, "URL"));
    }

    @Test
    void digitBoundaries() throws IOException {
        assertEquals(List.of("parsehtml5doc", "parse", "html", "5", "doc"), tokens(code, "parseHTML5Doc"));
        assertEquals(List.of("sha256", "sha", "256"), tokens(code, "sha256"));
    }

    @Test
    void numericLiteralsStayWhole() throws IOException {
        assertEquals(List.of("0x1f3a", "42", "1e9"), tokens(code, "0x1F3A + 42 * 1e9"));
    }

    @Test
    void snakeAndScreamingCase() throws IOException {
        assertEquals(List.of("parse_date", "parse", "date"), tokens(code, "parse_date"));
        assertEquals(List.of("max_value", "max", "value"), tokens(code, "MAX_VALUE"));
        assertEquals(List.of("__init__", "init"), tokens(code, "__init__"));
    }

    @Test
    void kebabCaseButNotSubtractionOrArrows() throws IOException {
        assertEquals(List.of("dry-run", "dry", "run"), tokens(code, "--dry-run"));
        assertEquals(List.of("a", "b", "x", "1", "p", "q"), tokens(code, "a - b; x-1; p->q"));
    }

    @Test
    void qualifiedNamesSplitOnDots() throws IOException {
        assertEquals(List.of("stringutils", "string", "utils", "abbreviate"),
                tokens(code, "StringUtils.abbreviate"));
        assertEquals(List.of("os", "path", "join", "a"), tokens(code, "os.path.join(a)"));
    }

    @Test
    void nonAsciiIdentifiers() throws IOException {
        assertEquals(List.of("größe", "übergröße", "über", "größe"), tokens(code, "größe überGröße"));
        assertEquals(List.of("名前", "日本name", "日本", "name"), tokens(code, "名前 日本Name"));
        assertEquals(List.of("𝒳value", "𝒳", "value"), tokens(code, "𝒳Value"));
    }

    @Test
    void punctuationOnlyYieldsNothing() throws IOException {
        assertEquals(List.of(), tokens(code, "(){}[];:,.<>!=+-*/\\\"'`"));
    }

    @Test
    void longRunsAreCut() throws IOException {
        List<String> tokens = tokens(code, "x".repeat(600));
        assertEquals(List.of(IdentifierTokenizer.MAX_TOKEN_LENGTH, IdentifierTokenizer.MAX_TOKEN_LENGTH, 90),
                tokens.stream().map(String::length).toList());
    }

    @Test
    void stemmedStemsWordsButKeepsWholeIdentifiersAndLiterals() throws IOException {
        assertEquals(List.of("abbrevi", "string"), tokens(stemmed, "abbreviates Strings"));
        assertEquals(List.of("abbreviatemiddle", "abbrevi", "middl"), tokens(stemmed, "abbreviateMiddle"));
        assertEquals(List.of("parse_dates", "pars", "date"), tokens(stemmed, "parse_dates"));
        assertEquals(List.of("100s"), tokens(stemmed, "100s"));
        assertEquals(tokens(stemmed, "abbreviate"), tokens(stemmed, "abbreviation"));
        assertEquals(tokens(stemmed, "abbreviate"), tokens(stemmed, "Abbreviates"));
    }

    @Test
    void positionsAreFlatAndOffsetsPointAtParts() throws IOException {
        String text = "new HTTPClient()";
        List<String> seen = new ArrayList<>();
        try (TokenStream stream = code.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                seen.add(term + "@" + increment.getPositionIncrement() + ":"
                        + text.substring(offset.startOffset(), offset.endOffset()));
            }
            stream.end();
            assertEquals(text.length(), offset.endOffset());
        }
        assertEquals(List.of("new@1:new", "httpclient@1:HTTPClient", "http@0:HTTP", "client@1:Client"), seen);
    }

    @Test
    void tokenizesAcrossBufferBoundaries() throws IOException {
        String prefix = " ".repeat(4095);
        assertEquals(List.of("dry-run", "dry", "run"), tokens(code, prefix + "dry-run"));
        assertEquals(List.of("camelcase", "camel", "case"), tokens(code, " ".repeat(4090) + "camelCase"));
    }

    @Test
    void aReaderThatTricklesOneCharAtATimeGivesTheSameTokens() throws IOException {
        String text = ("  parseHTML5Doc(--dry-run, x-1, 𝒳Value) // größe_Über\r\n").repeat(300);
        Reader trickle = new Reader() {
            private int next;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (next == text.length()) {
                    return -1;
                }
                buffer[offset] = text.charAt(next++);
                return 1;
            }

            @Override
            public void close() {}
        };
        assertEquals(tokens(code, text), tokens(code.tokenStream("body", trickle)));
    }

    static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        return tokens(analyzer.tokenStream("body", text));
    }

    private static List<String> tokens(TokenStream tokenStream) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = tokenStream) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        }
        return tokens;
    }
}
