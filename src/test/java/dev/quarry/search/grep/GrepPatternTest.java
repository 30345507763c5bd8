package dev.quarry.search.grep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.TestRepos;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and invalid patterns, limits, and how far the trigram index narrows the candidates. */
class GrepPatternTest {
    @TempDir
    static Path root;
    private static GrepIndexFixture index;

    @BeforeAll
    static void indexFixture() throws Exception {
        for (int i = 0; i < 40; i++) {
            TestRepos.write(root, "gen/file" + i + ".c", "int value_" + i + " = " + i + ";\nmutex_lock(&m);\n");
        }
        TestRepos.write(root, "special/needle.c", "static int quarry_needle_xyz;\n" + "a".repeat(20_000) + "\nStraße\n");
        index = new GrepIndexFixture(root);
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    @Test
    void selectiveLiteralsAndRegexesOnlyVerifyFilesHoldingTheirTrigrams() throws Exception {
        assertEquals(1, index.grep("quarry_needle_xyz").candidates());
        assertEquals(1, index.grep("needle_(xyz|abc)").candidates());
        assertEquals(1, index.grep("[Nn]eedle_x[a-z]z").candidates());
        assertEquals(1, index.grep("value_17 =").candidates());
        assertEquals(1, index.grep(new GrepRequest("STRASSE|straße", false, true, false, false, false, false, 0, 0,
                List.of(), 0, 0)).candidates(), "case-folded trigrams serve -i, non-ASCII included");
        assertEquals(41, index.grep("\\w+").candidates(), "no literal: every file is verified");
        assertEquals(0, index.grep("no_such_identifier_anywhere").candidates());
    }

    @Test
    void hostilePatternsFinishQuickly() throws Exception {
        for (String pattern : List.of("(a*)*b", "(a|aa)*c", "(a+)+$", "(.*a){20}", "(x+x+)+y", "(\\w+\\s?)*$")) {
            long started = System.nanoTime();
            index.grep(pattern); // on a 20,000-character line of 'a's
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 2_000, pattern + " took " + millis + " ms");
        }
    }

    @Test
    void invalidOrOversizedPatternsAreClearErrors() {
        assertMessage("(", "unclosed group");
        assertMessage("a)", "unopened group");
        assertMessage("[a-", "unclosed character class");
        assertMessage("*a", "repetition operator missing expression");
        assertMessage("a{2", "unclosed counted repetition");
        assertMessage("a{3,1}", "invalid repetition range");
        assertMessage("(a)\\1", "backreferences are not supported");
        assertMessage("a\\nb", "may not match a line break");
        assertMessage("\\p{NoSuchClass}", "unknown Unicode class");
        assertMessage("[z-a]", "invalid character class range");
        assertMessage("a{100000}", "repeat count");
        assertMessage("((a{100}){100}){100}", "");
    }

    private static void assertMessage(String pattern, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> index.grep(pattern), pattern);
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(pattern),
                "message for " + pattern + ": " + e.getMessage());
    }

    @Test
    void maxResultsTruncatesAndSaysSo() throws Exception {
        GrepReply.Results all = index.grep("mutex_lock");
        assertEquals(40, all.matches().size());
        assertEquals(false, all.truncated());
        GrepReply.Results some = index.grep(new GrepRequest("mutex_lock", true, false, false, false, false, false, 0, 0,
                List.of(), 0, 5));
        assertEquals(5, some.matches().size());
        assertTrue(some.truncated());
        assertEquals("gen/file0.c", some.matches().get(0).path(), "results are ordered by path");
    }

    @Test
    void theHttpBodyUsesSnakeCaseNames() throws Exception {
        GrepRequest request = new com.fasterxml.jackson.databind.ObjectMapper().readValue("""
                {"pattern": "foo", "fixed_strings": true, "case_insensitive": true, "word": true, "invert": false,
                 "files_with_matches": false, "context_before": 2, "context_after": 3, "glob": "*.c", "max_results": 7}
                """, GrepRequest.class);
        assertEquals(new GrepRequest("foo", true, true, true, false, false, false, 2, 3, List.of("*.c"), 0, 7), request);
    }

    @Test
    void requestsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new GrepRequest(null, false, false, false, false, false,
                false, 0, 0, List.of(), 0, 0).validated());
        assertThrows(IllegalArgumentException.class, () -> new GrepRequest("x", false, false, false, false, true,
                true, 0, 0, List.of(), 0, 0).validated());
        assertThrows(IllegalArgumentException.class, () -> new GrepRequest("x", false, false, false, false, false,
                false, -1, 0, List.of(), 0, 0).validated());
        assertThrows(IllegalArgumentException.class, () -> new GrepRequest("x", false, false, false, false, false,
                false, 0, 0, List.of("a{b"), 0, 0).validated().glob().stream()
                .map(g -> GlobFilter.of(List.of(g))).toList());
    }
}
