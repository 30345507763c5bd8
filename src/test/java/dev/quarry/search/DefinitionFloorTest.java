package dev.quarry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionFloorTest {

    private static SearchHit hit(String id, String path, String symbol, List<String> lanes) {
        return new SearchHit(id, path, 1, 5, symbol, "method", "java", 1f, "", lanes);
    }

    private static final SearchHit DEFINITION = hit("def", "lang3/StringUtils.java", "StringUtils.abbreviate", List.of("lexical"));
    private static final SearchHit OVERLOAD = hit("def2", "lang3/StringUtils.java", "StringUtils.abbreviate", List.of("lexical"));
    private static final SearchHit CALLER = hit("caller", "lang3/WordUtils.java", "WordUtils.wrap", List.of("lexical"));
    private static final SearchHit LOOKALIKE = hit("alike", "lang3/StringUtils.java", "StringUtils.abbreviateMiddle", List.of("semantic"));

    @Test
    void definitionsFoundLexicallyGoFirstInLexicalOrder() {
        List<SearchHit> lexical = List.of(CALLER, DEFINITION, OVERLOAD);
        // Fusion put the look-alike and the caller on top, the definitions further down.
        SearchHit fusedDefinition = hit("def", "lang3/StringUtils.java", "StringUtils.abbreviate", List.of("lexical", "semantic"));
        List<SearchHit> fused = List.of(LOOKALIKE, CALLER, fusedDefinition, OVERLOAD);

        List<SearchHit> floored = DefinitionFloor.apply("StringUtils.abbreviate", lexical, fused, 10);

        assertEquals(List.of("def", "def2", "alike", "caller"), floored.stream().map(SearchHit::chunkId).toList());
        assertEquals(List.of("lexical", "semantic"), floored.get(0).lanes(), "the fused version is kept");
    }

    @Test
    void cutsToTopK() {
        List<SearchHit> floored = DefinitionFloor.apply("abbreviate", List.of(DEFINITION), List.of(LOOKALIKE, DEFINITION), 1);
        assertEquals(List.of("def"), floored.stream().map(SearchHit::chunkId).toList());
    }

    @Test
    void withoutALexicalDefinitionTheFusedOrderStands() {
        List<SearchHit> fused = List.of(LOOKALIKE, CALLER);
        assertEquals(fused, DefinitionFloor.apply("abbreviate", List.of(CALLER), fused, 10));
    }

    @Test
    void recognisesBareQualifiedAndFileQualifiedNamesIgnoringCase() {
        assertTrue(DefinitionFloor.defines(DEFINITION, "abbreviate"));
        assertTrue(DefinitionFloor.defines(DEFINITION, "stringutils.abbreviate"));
        assertTrue(DefinitionFloor.defines(hit("m", "org/lang3/StringUtils.java", "org.lang3.StringUtils.abbreviate",
                List.of()), "stringutils.abbreviate"));
        SearchHit pythonMethod = hit("py", "http/client.py", "HTTPConnection.getresponse", List.of());
        assertTrue(DefinitionFloor.defines(pythonMethod, "client.getresponse"), "qualified by file name");
        assertTrue(DefinitionFloor.defines(pythonMethod, "httpconnection.getresponse"));
    }

    @Test
    void usesAndLookAlikesAreNotDefinitions() {
        assertFalse(DefinitionFloor.defines(CALLER, "abbreviate"));
        assertFalse(DefinitionFloor.defines(LOOKALIKE, "abbreviate"));
        assertFalse(DefinitionFloor.defines(DEFINITION, "wordutils.abbreviate"));
        assertFalse(DefinitionFloor.defines(hit("w", "README.md", "", List.of()), "abbreviate"));
    }
}
