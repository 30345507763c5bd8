package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.PolyglotRepo;
import dev.quarry.search.SymbolCall;
import dev.quarry.search.SymbolDefinition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The symbol commands as a user runs them: one process-local node per command, real data directory. */
class SymbolCommandsTest {
    @TempDir
    static Path temp;
    private static String dataDir;

    /** What one command printed and returned. */
    private record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @BeforeAll
    static void indexRepo() {
        dataDir = temp.resolve("data").toString();
        Path repo = PolyglotRepo.write(temp.resolve("poly"));
        Run index = quarry("index", repo.toString());
        assertEquals(0, index.exit(), index.err());
    }

    private static Run quarry(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 3];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--data-dir";
            all[args.length + 1] = dataDir;
            all[args.length + 2] = "--in-process";
            int exit = QuarryMain.run(all);
            return new Run(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void definitionsAndCallersPrintOneLinePerResult() {
        Run definitions = quarry("definitions", "Greeter", "--match", "prefix");
        assertEquals(0, definitions.exit(), definitions.err());
        assertEquals(List.of(
                "app/src/org/ex/Greeter.java:3  Greeter  class"), definitions.lines());

        Run callers = quarry("callers", "Greeter.greet");
        assertEquals(0, callers.exit(), callers.err());
        List<String> lines = callers.lines();
        assertEquals(2, lines.size(), callers.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("app/src/org/ex/Main\\.java:5  Main\\.main  method  [a-z_]+")), callers.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("app/src/org/ex/Main\\.java:11  Main\\.run  method  [a-z_]+")), callers.out());

        Run callees = quarry("callees", "slugify");
        assertTrue(callees.lines().contains("web/slug.ts:2  lowerDashed  function  same_file"), callees.out());

        Run nothing = quarry("callers", "noSuchSymbol");
        assertEquals(0, nothing.exit());
        assertEquals("", nothing.out());
        assertTrue(nothing.err().contains("no calls found"), nothing.err());
    }

    @Test
    void overloadedAndUnresolvedCallsReadClearly() {
        SymbolDefinition caller = new SymbolDefinition("run", "Main.run", "method", "Main", "", "Main.java", 3, 9);
        List<SymbolDefinition> overloads = List.of(1, 2, 3).stream().map(line ->
                new SymbolDefinition("put", "Cache.put", "method", "Cache", "", "Cache.java", line, line)).toList();
        SymbolCall overloaded = new SymbolCall("Main.java", 5, "put", "cache", caller, overloads, "exact");
        assertEquals("Main.java:5  Cache.put (3 candidates)  method  exact", SymbolLines.call("", overloaded, "down"));
        assertEquals("x/Main.java:5  Main.run  method  exact", SymbolLines.call("x/", overloaded, "up"));
        SymbolCall unresolved = new SymbolCall("Main.java", 6, "println", "System.out", null, List.of(), "unresolved");
        assertEquals("Main.java:6  System.out.println  -  unresolved", SymbolLines.call("", unresolved, "down"));
        assertEquals("Main.java:6  (top level)  -  unresolved", SymbolLines.call("", unresolved, "up"));
    }

    @Test
    void callChainIndentsEachStepAndJsonIsSnakeCase() throws Exception {
        Run chain = quarry("call-chain", "format", "--depth", "3", "--direction", "up");
        assertEquals(0, chain.exit(), chain.err());
        String expected = """
                app/src/org/ex/Greeter.java:5  Greeter.greet  method  exact
                  app/src/org/ex/Main.java:5  Main.main  method""";
        assertTrue(chain.out().contains(expected), chain.out());
        assertTrue(chain.out().contains("\n    app/src/org/ex/Main.java:6  Main.main  method"), "third step: " + chain.out());

        Run json = quarry("callers", "parse_date", "--json");
        assertEquals(0, json.exit(), json.err());
        JsonNode replies = new ObjectMapper().readTree(json.out());
        JsonNode reply = replies.get(0);
        assertEquals("calls", reply.get("type").asText());
        assertEquals("up", reply.get("direction").asText());
        JsonNode call = reply.get("calls").get(0);
        assertEquals("tools/report.py", call.get("path").asText());
        assertEquals("build_report", call.get("caller").get("qualified_name").asText());
        assertEquals("parse_date", call.get("candidates").get(0).get("name").asText());

        Run bad = quarry("call-chain", "format", "--direction", "sideways");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("direction must be up or down"), bad.err());
    }
}
