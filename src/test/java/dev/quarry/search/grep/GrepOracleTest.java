package dev.quarry.search.grep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.TestRepos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quarry's grep must select exactly the lines ripgrep selects on the same files: ripgrep runs on the
 * fixture tree with ignore files off, Quarry on an index of the same tree.
 */
class GrepOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path root;
    private static GrepIndexFixture index;

    @BeforeAll
    static void indexFixture() throws IOException {
        TestRepos.write(root, "src/lock.c", """
                #include <linux/mutex.h>
                static DEFINE_MUTEX(big_lock);

                void take(void) {
                \tmutex_lock(&big_lock);
                \tdo_work(); /* mutex_lock_nested is elsewhere */
                \tmutex_unlock(&big_lock);
                }
                int mutex_lockdep = 0;
                int MUTEX_LOCK = 1;
                """);
        TestRepos.write(root, "src/util/strings.py", """
                def straße(name):
                    return name.upper()  # STRASSE, Straße, STRAẞE

                class ÄÖÜ:
                    größe = 3
                    über_alles = "äöü"
                \tKelvin = "K and k and K"
                Σίσυφος σίσυφος ΣΊΣΥΦΟΣ
                foo-bar foo_bar foobar -foo- éfoo fooé
                """);
        TestRepos.write(root, "docs/readme.md", "# Quarry\n\nFind code. Find CODE fast.\nfind\n\n\nlast line without newline");
        TestRepos.write(root, "win/crlf.txt", "first line\r\nsecond line\r\n\r\nfoo\r\n");
        TestRepos.write(root, "win/empty.txt", "");
        TestRepos.write(root, "deep/a/b/c/notes.txt", "alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\nfoo\n");
        TestRepos.write(root, "vendor/lib.rs", "fn mutex_lock() {}\nlet x = 42;\nlet y = 0x2A;\n");
        index = new GrepIndexFixture(root);
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    @Test
    void literalsAndRegexesMatchRipgrep() throws Exception {
        for (String pattern : List.of("mutex_lock", "mutex", "lock\\(", "big_lock\\);$", "^\\s+mutex_", "^$", "^",
                "x", "fo+", "f(oo|ind)", "[Ff]ind", "(?i)find", "\\d+", "0x[0-9A-F]+", "\\w+\\(", "[^a-z]oo",
                "a.c", "line$", "\\bfoo\\b", "\\bfoo", "foo\\b", "\\Bfoo", "mutex_(un)?lock\\(",
                "(mutex|MUTEX)_(lock|LOCK)", "é", "\\w*é\\w*", "[[:upper:]]{3,}", "\\p{Greek}+", "über|größe",
                "Straße", "ÄÖÜ", "k", "\\x{212A}", ".", "zeta|eta", "e[a-z]{2}a", "(?x) mutex _ lock # comment",
                "\\Aint", "foo\\z", "(a|b)*c", "[\\w&&[^\\d]]{7}", "\\S+ \\S+", "\\.")) {
            assertSame(List.of(), pattern);
            assertSame(List.of("-i"), pattern);
        }
    }

    @Test
    void optionsMatchRipgrep() throws Exception {
        for (String pattern : List.of("foo", "mutex_lock", "straße", "k", "é", "-foo", "foo-", "äöü", "ÄÖÜ", "line")) {
            assertSame(List.of("-w"), pattern);
            assertSame(List.of("-w", "-i"), pattern);
            assertSame(List.of("-F"), pattern);
            assertSame(List.of("-F", "-i"), pattern);
            assertSame(List.of("-v"), pattern);
            assertSame(List.of("-v", "-i", "-w"), pattern);
        }
        assertSame(List.of("-F"), "lock(&big");
        assertSame(List.of("-F"), "a.c");
        assertSame(List.of("-F", "-w"), "(&big_lock)");
        assertSame(List.of("-C", "1"), "mutex_lock");
        assertSame(List.of("-A", "2"), "a$");
        assertSame(List.of("-B", "3", "-A", "1"), "e");
        assertSame(List.of("-C", "2", "-v"), "e");
        assertSame(List.of("-m", "1"), "e");
        assertSame(List.of("-m", "2", "-v"), "e");
        assertSame(List.of("-g", "*.c"), "lock");
        assertSame(List.of("-g", "!src"), "lock");
        assertSame(List.of("-g", "src/**"), "o");
        assertSame(List.of("-g", "*.{rs,md}"), "o");
        assertSame(List.of("-g", "**/b/**", "-g", "!*.md"), "e");
        assertSame(List.of("-g", "*.txt", "-g", "!win/"), "e");
        assertSame(List.of("-g", "[a-d]*/**"), "a");
        assertCountsSame(List.of("-c"), "e");
        assertCountsSame(List.of("-c", "-v"), "e");
        assertCountsSame(List.of("-c", "-m", "2"), "e");
        assertFilesSame(List.of("-l"), "mutex");
        assertFilesSame(List.of("-l", "-i"), "straße");
    }

    private static void assertSame(List<String> flags, String pattern) throws Exception {
        List<String> args = new ArrayList<>(List.of("--json"));
        args.addAll(flags);
        TreeSet<String> expected = new TreeSet<>();
        for (String line : rg(args, pattern)) {
            JsonNode event = JSON.readTree(line);
            String type = event.get("type").asText();
            if (type.equals("match") || type.equals("context")) {
                JsonNode data = event.get("data");
                String text = data.get("lines").get("text").asText();
                expected.add(entry(data.get("path").get("text").asText(), data.get("line_number").asInt(),
                        text.endsWith("\n") ? text.substring(0, text.length() - 1) : text, type.equals("context")));
            }
        }
        GrepReply.Results results = index.grep(request(flags, pattern));
        TreeSet<String> actual = new TreeSet<>();
        results.matches().forEach(m -> actual.add(entry(m.path(), m.line(), m.text(), m.context())));
        assertEquals(String.join("\n", expected), String.join("\n", actual), "rg " + flags + " '" + pattern + "'");
        assertFalse(results.truncated());
    }

    private static void assertCountsSame(List<String> flags, String pattern) throws Exception {
        TreeSet<String> actual = new TreeSet<>();
        index.grep(request(flags, pattern)).counts().forEach(c -> actual.add(c.path() + ":" + c.count()));
        assertEquals(new TreeSet<>(rg(flags, pattern)), actual, "rg " + flags + " '" + pattern + "'");
    }

    private static void assertFilesSame(List<String> flags, String pattern) throws Exception {
        TreeSet<String> actual = new TreeSet<>(index.grep(request(flags, pattern)).files());
        assertEquals(new TreeSet<>(rg(flags, pattern)), actual, "rg " + flags + " '" + pattern + "'");
    }

    private static String entry(String path, int line, String text, boolean context) {
        return path + (context ? "-" : ":") + line + ":" + text;
    }

    /** The same flags as a request; the flag spelling is ripgrep's. */
    private static GrepRequest request(List<String> flags, String pattern) {
        boolean fixed = false, ignoreCase = false, word = false, invert = false, files = false, count = false;
        int before = 0, after = 0, maxCount = 0;
        List<String> globs = new ArrayList<>();
        for (int i = 0; i < flags.size(); i++) {
            switch (flags.get(i)) {
                case "-F" -> fixed = true;
                case "-i" -> ignoreCase = true;
                case "-w" -> word = true;
                case "-v" -> invert = true;
                case "-l" -> files = true;
                case "-c" -> count = true;
                case "-A" -> after = Integer.parseInt(flags.get(++i));
                case "-B" -> before = Integer.parseInt(flags.get(++i));
                case "-C" -> before = after = Integer.parseInt(flags.get(++i));
                case "-m" -> maxCount = Integer.parseInt(flags.get(++i));
                case "-g" -> globs.add(flags.get(++i));
                default -> throw new IllegalArgumentException(flags.get(i));
            }
        }
        return new GrepRequest(pattern, fixed, ignoreCase, word, invert, files, count, before, after, globs,
                maxCount, GrepRequest.MAX_RESULTS);
    }

    private static List<String> rg(List<String> flags, String pattern) throws Exception {
        List<String> command = new ArrayList<>(List.of("rg", "--no-config", "--no-ignore", "--hidden",
                "--no-messages", "-n", "--no-heading", "--color", "never"));
        command.addAll(flags);
        command.add("-e");
        command.add(pattern);
        command.add("."); // with no path ripgrep would read stdin
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit > 1) {
            throw new AssertionError("rg failed (" + exit + "): " + out);
        }
        // Paths come out as ./src/lock.c; Quarry's are relative to the root.
        return out.lines()
                .map(line -> line.startsWith("./") ? line.substring(2) : line.replace("\"path\":{\"text\":\"./", "\"path\":{\"text\":\""))
                .toList();
    }
}
