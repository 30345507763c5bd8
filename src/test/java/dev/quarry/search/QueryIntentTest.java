package dev.quarry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QueryIntentTest {

    @ParameterizedTest
    @ValueSource(strings = {"StringUtils.abbreviate", "parse_date", "HTTPClient", "appendIfMissing", "retry",
            "getresponse", "client.getresponse", "Foo::bar", "Foo#bar", "abbreviate()", "  isEmpty  ", "$el"})
    void namesAndQualifiedNamesAreIdentifierLookups(String query) {
        assertEquals(QueryIntent.IDENTIFIER, QueryIntent.classify(query));
    }

    @ParameterizedTest
    @ValueSource(strings = {"where do we retry failed uploads", "How are failed uploads retried?",
            "why does the parser reject empty headers", "Appends the suffix to the end of the string.",
            "Get the response from the server.", "retry upload", "CFWS = (1*([FWS] comment) [FWS]) / FWS"})
    void naturalLanguageWithoutCodeIsProse(String query) {
        assertEquals(QueryIntent.PROSE, QueryIntent.classify(query));
    }

    @ParameterizedTest
    @ValueSource(strings = {"where is parseDate called", "Checks if the CharSequence is empty",
            "Create a Header as returned by decode_header()", "what calls StringUtils.abbreviate",
            "which HTTPClient methods retry", "Don't use this method, use critical() instead."})
    void naturalLanguageNamingCodeIsMixed(String query) {
        assertEquals(QueryIntent.MIXED, QueryIntent.classify(query));
    }

    @Test
    void theLaneThatSpeaksTheQuerysLanguageLeads() {
        assertTrue(QueryIntent.IDENTIFIER.lexicalWeight() > QueryIntent.IDENTIFIER.semanticWeight());
        assertTrue(QueryIntent.PROSE.semanticWeight() > QueryIntent.PROSE.lexicalWeight());
        assertEquals(QueryIntent.MIXED.lexicalWeight(), QueryIntent.MIXED.semanticWeight());
    }

    @Test
    void identifierDropsACallSuffix() {
        assertEquals("StringUtils.abbreviate", QueryIntent.identifierOf(" StringUtils.abbreviate() "));
        assertEquals("parse_date", QueryIntent.identifierOf("parse_date"));
    }
}
