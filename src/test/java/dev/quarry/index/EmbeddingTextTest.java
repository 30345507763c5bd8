package dev.quarry.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.Language;
import org.junit.jupiter.api.Test;

class EmbeddingTextTest {

    @Test
    void namesTheChunkInWordsAboveItsText() {
        Chunk method = new Chunk("id", "src/StringUtils.java", Language.JAVA, "method", "StringUtils.appendIfMissing",
                "public static String appendIfMissing(String str)", 10, 12, "public static String appendIfMissing(String str) {\n}");
        assertEquals("string utils append if missing\npublic static String appendIfMissing(String str) {\n}",
                EmbeddingText.of(method));
    }

    @Test
    void aChunkWithoutASymbolIsNamedByItsFile() {
        Chunk window = new Chunk("id", "docs/retry_policy.md", Language.TEXT, "window", "", "", 1, 40, "Retries back off.");
        assertEquals("retry policy\nRetries back off.", EmbeddingText.of(window));
    }

    @Test
    void splitsEveryIdentifierStyle() {
        assertEquals("http client", EmbeddingText.words("HTTPClient"));
        assertEquals("parse date", EmbeddingText.words("parse_date"));
        assertEquals("foo bar baz", EmbeddingText.words("Foo::bar#baz"));
        assertEquals("utf8 decoder get char2", EmbeddingText.words("utf8Decoder.getChar2"));
        assertEquals("getresponse", EmbeddingText.words("getresponse"));
    }
}
