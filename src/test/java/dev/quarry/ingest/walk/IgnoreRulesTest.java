package dev.quarry.ingest.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.ingest.walk.IgnoreRules.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gitignore pattern semantics, checked against the cases in gitignore(5). */
class IgnoreRulesTest {

    private static Verdict verdict(List<String> lines, String path, boolean isDirectory) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return IgnoreRules.parse("", lines).verdict(path, name, isDirectory);
    }

    private static boolean ignoresFile(String pattern, String path) {
        return verdict(List.of(pattern), path, false) == Verdict.IGNORE;
    }

    @Test
    void commentsAndBlankLinesMatchNothing() {
        IgnoreRules rules = IgnoreRules.parse("", "# comment\n\n   \n");
        assertTrue(rules.isEmpty());
        assertFalse(ignoresFile("#foo", "#foo"));
        assertTrue(ignoresFile("\\#foo", "#foo"));
    }

    @Test
    void trailingSpacesAreTrimmedUnlessEscaped() {
        assertTrue(ignoresFile("foo   ", "foo"));
        assertTrue(ignoresFile("foo\\ ", "foo "));
        assertFalse(ignoresFile("foo\\ ", "foo"));
    }

    @Test
    void crlfLineEndingsAreTolerated() {
        IgnoreRules rules = IgnoreRules.parse("", "*.log\r\n!keep.log\r\n");
        assertEquals(Verdict.IGNORE, rules.verdict("a.log", "a.log", false));
        assertEquals(Verdict.INCLUDE, rules.verdict("keep.log", "keep.log", false));
    }

    @Test
    void lastMatchingPatternWins() {
        assertEquals(Verdict.INCLUDE, verdict(List.of("*.log", "!keep.log"), "keep.log", false));
        assertEquals(Verdict.IGNORE, verdict(List.of("*.log", "!keep.log"), "other.log", false));
        assertEquals(Verdict.IGNORE, verdict(List.of("!keep.log", "*.log"), "keep.log", false));
        assertEquals(Verdict.NONE, verdict(List.of("*.log"), "main.c", false));
    }

    @Test
    void escapedBangIsALiteralName() {
        assertTrue(ignoresFile("\\!important", "!important"));
        assertEquals(Verdict.NONE, verdict(List.of("\\!important"), "important", false));
    }

    @Test
    void directoryOnlyPatternsSkipFiles() {
        assertEquals(Verdict.IGNORE, verdict(List.of("out/"), "out", true));
        assertEquals(Verdict.IGNORE, verdict(List.of("out/"), "a/b/out", true));
        assertEquals(Verdict.NONE, verdict(List.of("out/"), "out", false));
    }

    @Test
    void leadingOrInnerSlashAnchorsToTheIgnoreFile() {
        assertTrue(ignoresFile("/root.txt", "root.txt"));
        assertFalse(ignoresFile("/root.txt", "sub/root.txt"));
        assertTrue(ignoresFile("doc/frotz", "doc/frotz"));
        assertFalse(ignoresFile("doc/frotz", "a/doc/frotz"));
        assertTrue(ignoresFile("frotz", "a/b/frotz"));
    }

    @Test
    void nestedRulesMatchRelativeToTheirDirectory() {
        IgnoreRules rules = IgnoreRules.parse("sub/dir", List.of("/gen", "*.tmp"));
        assertEquals(Verdict.IGNORE, rules.verdict("sub/dir/gen", "gen", false));
        assertEquals(Verdict.NONE, rules.verdict("sub/dir/x/gen", "gen", false));
        assertEquals(Verdict.IGNORE, rules.verdict("sub/dir/x/a.tmp", "a.tmp", false));
    }

    @Test
    void starAndQuestionMarkStayWithinOneSegment() {
        assertTrue(ignoresFile("*.c", "x.c"));
        assertTrue(ignoresFile("*.c", "deep/er/x.c"));
        assertTrue(ignoresFile("src/*.c", "src/a.c"));
        assertFalse(ignoresFile("src/*.c", "src/sub/a.c"));
        assertTrue(ignoresFile("src/a*", "src/abc"));
        assertFalse(ignoresFile("src/a*", "src/a/b"));
        assertTrue(ignoresFile("a?c", "abc"));
        assertFalse(ignoresFile("a?c", "ac"));
        assertFalse(ignoresFile("x/a?c", "x/a/c"));
        assertTrue(ignoresFile("foo**bar", "fooxbar"));
        assertFalse(ignoresFile("x/foo**bar", "x/foo/bar"));
    }

    @Test
    void bracketExpressions() {
        assertTrue(ignoresFile("[a-c]x", "bx"));
        assertFalse(ignoresFile("[a-c]x", "dx"));
        assertTrue(ignoresFile("[!a-c]x", "dx"));
        assertFalse(ignoresFile("[!a-c]x", "bx"));
        assertTrue(ignoresFile("[^a-c]x", "dx"));
        assertTrue(ignoresFile("[]]", "]"));
        assertTrue(ignoresFile("v[[:digit:]].txt", "v7.txt"));
        assertFalse(ignoresFile("v[[:digit:]].txt", "vx.txt"));
        assertFalse(ignoresFile("a[!x]b", "a/b"));
        assertTrue(ignoresFile("[", "["), "an unclosed bracket is literal");
    }

    @Test
    void unmatchablePatternsAreDroppedNotFatal() {
        assertTrue(IgnoreRules.parse("", List.of("[z-a]", "[[:nope:]]")).isEmpty());
    }

    @Test
    void backslashEscapesWildcards() {
        assertTrue(ignoresFile("\\*", "*"));
        assertFalse(ignoresFile("\\*", "a"));
        assertTrue(ignoresFile("what\\?", "what?"));
        assertFalse(ignoresFile("what\\?", "whatx"));
    }

    @Test
    void leadingDoubleStarMatchesInAllDirectories() {
        assertTrue(ignoresFile("**/foo", "foo"));
        assertTrue(ignoresFile("**/foo", "a/b/foo"));
        assertTrue(ignoresFile("**/foo/bar", "foo/bar"));
        assertTrue(ignoresFile("**/foo/bar", "x/y/foo/bar"));
        assertFalse(ignoresFile("**/foo/bar", "x/foo/baz"));
    }

    @Test
    void trailingDoubleStarMatchesEverythingInside() {
        assertTrue(ignoresFile("abc/**", "abc/x"));
        assertTrue(ignoresFile("abc/**", "abc/x/y"));
        assertEquals(Verdict.NONE, verdict(List.of("abc/**"), "abc", true));
        assertFalse(ignoresFile("abc/**", "x/abc/y"));
    }

    @Test
    void innerDoubleStarMatchesZeroOrMoreDirectories() {
        assertTrue(ignoresFile("a/**/b", "a/b"));
        assertTrue(ignoresFile("a/**/b", "a/x/b"));
        assertTrue(ignoresFile("a/**/b", "a/x/y/b"));
        assertFalse(ignoresFile("a/**/b", "a/xb"));
        assertTrue(ignoresFile("a/**/**/b", "a/b"));
    }
}
