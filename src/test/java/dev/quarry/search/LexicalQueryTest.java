package dev.quarry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LexicalQueryTest {
    @Test
    void topKMustBeWithinRange() {
        assertEquals("topK must be between 1 and 1000, was 0",
                assertThrows(IllegalArgumentException.class, () -> LexicalQuery.of("x", 0)).getMessage());
        assertEquals("topK must be between 1 and 1000, was 1001",
                assertThrows(IllegalArgumentException.class, () -> LexicalQuery.of("x", 1001)).getMessage());
        assertEquals(1, LexicalQuery.of("x", 1).topK());
        assertEquals(1000, LexicalQuery.of("x", 1000).topK());
    }

    @Test
    void textMustNotBeBlank() {
        for (String text : new String[] {null, "", "  \n\t"}) {
            assertEquals("query text must not be blank",
                    assertThrows(IllegalArgumentException.class, () -> LexicalQuery.of(text, 10)).getMessage());
        }
    }

    @Test
    void blankFiltersMeanNoFilter() {
        LexicalQuery query = new LexicalQuery("x", 10, " ", "");
        assertNull(query.pathPrefix());
        assertNull(query.language());
    }
}
