package dev.quarry.ingest.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.ingest.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SymbolGraphTest {
    private static final SymbolExtractor EXTRACTOR = SymbolExtractor.create();

    private static final String STRING_UTILS = """
            package org.ex.util;

            public class StringUtils {
                public static String abbreviate(String s, int n) {
                    return abbreviate(s, 0, n);
                }

                public static String abbreviate(String s, int offset, int n) {
                    return s;
                }
            }
            """;
    private static final String APP = """
            package org.ex.app;

            import org.ex.util.StringUtils;

            class App {
                void run(java.util.List<Integer> list) {
                    StringUtils.abbreviate("x", 3);
                    this.helper();
                    helper();
                    list.add(1);
                    System.out.println("done");
                    new Widget();
                }

                void helper() {}
            }
            """;
    private static final String WIDGET = """
            package org.ex.app;

            class Widget extends Base {
                Widget() {
                    render();
                }

                void render() {
                    draw();
                }

                void add(int x) {}
            }
            """;
    private static final String BASE = """
            package org.ex.app;

            abstract class Base {
                void draw() {}
            }
            """;
    private static final String GADGET = """
            package org.ex.other;

            class Gadget {
                void render() {}

                void add(int x) {}
            }
            """;

    @Test
    void javaCallsResolveByOwnClassImportsPackageAndSupertypes() {
        SymbolGraph graph = javaGraph();

        CallEdge toAbbreviate = only(callees(graph, "App.run"), "abbreviate");
        assertEquals(Resolution.IMPORTED, toAbbreviate.resolution());
        assertEquals(2, toAbbreviate.candidates().size(), "both overloads");
        assertEquals(List.of(Resolution.EXACT, Resolution.EXACT),
                callees(graph, "App.run").stream().filter(e -> e.site().callee().equals("helper"))
                        .map(CallEdge::resolution).toList(), "this.helper() and helper()");

        CallEdge toAdd = only(callees(graph, "App.run"), "add");
        assertEquals(Resolution.AMBIGUOUS, toAdd.resolution(), "an untyped receiver fits every add");
        assertEquals(List.of("Widget.add", "Gadget.add"), qualifiedNames(toAdd.candidates()));

        CallEdge toPrintln = only(callees(graph, "App.run"), "println");
        assertEquals(Resolution.UNRESOLVED, toPrintln.resolution());
        assertEquals(List.of(), toPrintln.candidates());
        assertEquals("System.out", toPrintln.site().qualifier());

        CallEdge toWidget = only(callees(graph, "App.run"), "Widget");
        assertEquals(Resolution.SAME_PACKAGE, toWidget.resolution());
        assertEquals(List.of("Widget"), qualifiedNames(toWidget.candidates()));

        CallEdge toRender = only(callees(graph, "Widget.Widget"), "render");
        assertEquals(Resolution.EXACT, toRender.resolution());
        assertEquals(List.of("src/org/ex/app/Widget.java"), paths(toRender.candidates()), "not Gadget.render");

        CallEdge toDraw = only(callees(graph, "Widget.render"), "draw");
        assertEquals(Resolution.EXACT, toDraw.resolution(), "inherited from Base");
        assertEquals(List.of("Base.draw"), qualifiedNames(toDraw.candidates()));
    }

    @Test
    void callersFindEveryResolvedCallSite() {
        SymbolGraph graph = javaGraph();
        List<CallEdge> callers = graph.callers("StringUtils.abbreviate");
        assertEquals(List.of("StringUtils.abbreviate@5 EXACT", "App.run@7 IMPORTED"), callers.stream()
                .map(e -> e.caller().qualifiedName() + "@" + e.site().line() + " " + e.resolution()).toList(),
                "strongest first; overloads of the own class are one symbol");

        assertEquals(List.of("App.run"), callerNames(graph.callers("Widget.Widget")), "new Widget() calls it");
        assertEquals(List.of("App.run"), callerNames(graph.callers("org.ex.app.Widget")));
        assertEquals(List.of("Widget.render"), callerNames(graph.callers("Base.draw")));
        assertEquals(List.of("Widget.Widget"), callerNames(graph.callers("Widget.render")));
        assertEquals(List.of(), graph.callers("Gadget.render"), "no call reaches the other render");
        assertEquals(List.of("App.run"), callerNames(graph.callers("Gadget.add")), "ambiguous calls are listed");
    }

    @Test
    void definitionQueriesByExactPrefixAndQualifiedName() {
        SymbolGraph graph = javaGraph();
        assertEquals(2, graph.definitions("abbreviate", MatchMode.EXACT, null).size());
        assertEquals(2, graph.definitions("StringUtils.abbreviate", MatchMode.QUALIFIED, null).size());
        assertEquals(2, graph.definitions("util.StringUtils.abbreviate", MatchMode.QUALIFIED, null).size());
        assertEquals(2, graph.definitions("org.ex.util.StringUtils#abbreviate", MatchMode.QUALIFIED, null).size());
        assertEquals(0, graph.definitions("other.StringUtils.abbreviate", MatchMode.QUALIFIED, null).size());
        assertEquals(0, graph.definitions("Utils.abbreviate", MatchMode.QUALIFIED, null).size(),
                "whole segments only");
        assertEquals(List.of("Widget.render", "Gadget.render"),
                qualifiedNames(graph.definitions("render", MatchMode.EXACT, "method")));
        assertEquals(List.of("StringUtils.abbreviate", "StringUtils.abbreviate"),
                qualifiedNames(graph.definitions("abb", MatchMode.PREFIX, null)));
        assertEquals(List.of("Widget"), qualifiedNames(graph.definitions("Widget", MatchMode.EXACT, "class")));
        assertEquals(List.of("Widget.Widget"),
                qualifiedNames(graph.definitions("Widget", MatchMode.EXACT, "constructor")));
        Definition first = graph.definitions("abbreviate", MatchMode.EXACT, null).get(0);
        assertEquals(List.of(4, 6), List.of(first.startLine(), first.endLine()));
    }

    @Test
    void inheritanceAndImportsAreQueryable() {
        SymbolGraph graph = javaGraph();
        assertEquals(List.of("Widget extends Base"), describe(graph.subtypes("Base")));
        assertEquals(List.of("Widget extends Base"), describe(graph.subtypes("org.ex.app.Base")),
                "the written name Base resolves to org.ex.app.Base");
        assertEquals(List.of(), graph.subtypes("org.ex.other.Base"));
        assertEquals(List.of("Widget extends Base"), describe(graph.supertypes("Widget")));
        assertEquals(List.of("Widget extends Base"), describe(graph.supertypes("app.Widget")));
        assertEquals(List.of("src/org/ex/app/App.java"),
                graph.importers("StringUtils").stream().map(Import::path).toList());
        assertEquals(List.of("org.ex.util.StringUtils"),
                graph.imports("src/org/ex/app/App.java").stream().map(Import::imported).toList());
    }

    @Test
    void pythonResolvesSelfImportsAndUntypedReceivers() {
        SymbolGraph graph = graph(Map.of(
                "proj/pkg/shapes.py", """
                        class Circle:
                            def area(self):
                                return self.radius() ** 2

                            def radius(self):
                                return 1

                        class Square:
                            def area(self):
                                return 4

                        def helper():
                            pass
                        """,
                "proj/pkg/main.py", """
                        import os
                        from pkg.shapes import Circle
                        from . import shapes

                        def main():
                            c = Circle()
                            c.area()
                            shapes.helper()
                            os.getcwd()
                            Circle.area(c)
                            unknown()
                        """));
        assertEquals(Resolution.EXACT, only(callees(graph, "Circle.area"), "radius").resolution());
        List<CallEdge> main = callees(graph, "main");
        assertEquals("IMPORTED [Circle]", summary(only(main, "Circle")));
        assertEquals("AMBIGUOUS [Circle.area, Square.area]", summary(only(main, "area", "c")));
        assertEquals("IMPORTED [Circle.area]", summary(only(main, "area", "Circle")));
        assertEquals("IMPORTED [helper]", summary(only(main, "helper")));
        assertEquals("UNRESOLVED []", summary(only(main, "getcwd")), "os is imported, not indexed: no guess");
        assertEquals("UNRESOLVED []", summary(only(main, "unknown")));
    }

    @Test
    void goResolvesReceiverPackageAndImportedDirectory() {
        SymbolGraph graph = graph(Map.of(
                "cmd/server/server.go", """
                        package server

                        import "example.com/proj/internal/log"

                        type Server struct{}

                        func (s *Server) Start() {
                        	s.listen()
                        	log.Info("up")
                        	helper()
                        }

                        func (s *Server) listen() {}
                        """,
                "cmd/server/client.go", """
                        package server

                        type Client struct{}

                        func (c *Client) listen() {}

                        func helper() {}
                        """,
                "internal/log/log.go", """
                        package log

                        func Info(msg string) {}
                        """));
        List<CallEdge> start = callees(graph, "Server.Start");
        assertEquals("EXACT [Server.listen]", summary(only(start, "listen")));
        assertEquals("IMPORTED [Info]", summary(only(start, "Info")));
        assertEquals("SAME_PACKAGE [helper]", summary(only(start, "helper")));
        assertEquals(List.of("cmd/server/client.go"), paths(only(start, "helper").candidates()));
    }

    @Test
    void rustAndTypescriptResolveThroughImports() {
        SymbolGraph graph = graph(Map.of(
                "geo/src/shapes.rs", """
                        use crate::point::Point;

                        pub struct Circle;

                        impl Circle {
                            pub fn new() -> Self {
                                Self::check();
                                Point::origin();
                                Circle
                            }
                            fn check() {}
                        }
                        """,
                "geo/src/point.rs", """
                        pub struct Point;
                        impl Point {
                            pub fn origin() -> Point { Point }
                        }
                        """,
                "web/src/app.ts", """
                        import { parse as p } from './lib/util';
                        export function main() { p("x"); }
                        """,
                "web/src/lib/util.ts", """
                        export function parse(s: string) {}
                        """));
        List<CallEdge> circleNew = callees(graph, "Circle.new");
        assertEquals("EXACT [Circle.check]", summary(only(circleNew, "check")));
        assertEquals("IMPORTED [Point.origin]", summary(only(circleNew, "origin")));
        assertEquals("IMPORTED [parse]", summary(only(callees(graph, "main"), "p")));
        assertEquals(List.of("web/src/lib/util.ts"), paths(only(callees(graph, "main"), "p").candidates()));
    }

    @Test
    void javaQualifiedThisAndSuperPickTheRightType() {
        SymbolGraph graph = graph(Map.of("p/Outer.java", """
                package p;
                class Outer extends Base {
                    void ping() {}
                    void pong() {}
                    class Inner {
                        void ping() {}
                        void run() { Outer.this.ping(); this.ping(); ping(); pong(); }
                    }
                    @Override void draw() { super.draw(); }
                }
                class Base { void draw() {} }
                """));
        List<CallEdge> run = callees(graph, "Outer.Inner.run");
        assertEquals("EXACT [Outer.ping]", summary(only(run, "ping", "Outer.this")));
        assertEquals("EXACT [Outer.Inner.ping]", summary(only(run, "ping", "this")));
        assertEquals(List.of("EXACT [Outer.Inner.ping]"), run.stream()
                .filter(e -> e.site().callee().equals("ping") && e.site().qualifier() == null)
                .map(SymbolGraphTest::summary).toList(), "own class before the enclosing one");
        assertEquals("EXACT [Outer.pong]", summary(only(run, "pong")), "enclosing class members are in scope");
        assertEquals("EXACT [Base.draw]", summary(only(callees(graph, "Outer.draw"), "draw")));
    }

    @Test
    void staticCallsIntoLibraryTypesStayUnresolved() {
        SymbolGraph graph = graph(Map.of(
                "p/Text.java", """
                        package p;
                        class Text {
                            static boolean isWhitespace(char c) { return Character.isWhitespace(c); }
                            void scan(String s) { EMPTY.isWhitespace(); s.isWhitespace(); }
                        }
                        """,
                "web/max.js", "function max(a) { return Math.max(a); }\nfunction top() { max(1); }\n"));
        assertEquals("UNRESOLVED []", summary(only(callees(graph, "Text.isWhitespace"), "isWhitespace")),
                "Character is a library type, not an unknown variable");
        List<CallEdge> scan = callees(graph, "Text.scan");
        assertEquals("GLOBAL [Text.isWhitespace]", summary(only(scan, "isWhitespace", "EMPTY")), "a constant");
        assertEquals("GLOBAL [Text.isWhitespace]", summary(only(scan, "isWhitespace", "s")), "a variable");
        assertEquals("UNRESOLVED []", summary(only(callees(graph, "max"), "max")));
        assertEquals("SAME_FILE [max]", summary(only(callees(graph, "top"), "max")));
    }

    @Test
    void callsNeverResolveAcrossLanguages() {
        SymbolGraph graph = graph(Map.of(
                "a/util.py", "def helper():\n    pass\n",
                "a/Main.java", "class Main { void m() { helper(); } }"));
        assertEquals("UNRESOLVED []", summary(only(callees(graph, "Main.m"), "helper")));
    }

    @Test
    void callChainsWalkBothWaysAndStopAtCycles() {
        SymbolGraph graph = graph(Map.of("loop.py", """
                def a():
                    b()

                def b():
                    c()
                    print("x")

                def c():
                    a()

                def entry():
                    a()
                """));
        assertEquals(List.of("a>b b>c c>a", "a>b b>print"), chains(graph.callChain("a", 10, Direction.DOWN)));
        assertEquals(List.of("a>b"), chains(graph.callChain("a", 1, Direction.DOWN)).subList(0, 1));
        assertEquals(List.of("c>a b>c a>b", "entry>a"), chains(graph.callChain("a", 10, Direction.UP)));
        assertEquals(List.of("c>a b>c", "entry>a"), chains(graph.callChain("a", 2, Direction.UP)));
        assertEquals(List.of(), graph.callChain("entry", 5, Direction.UP));
        assertEquals(List.of(), graph.callChain("nothing", 5, Direction.DOWN));
    }

    @Test
    void callChainsAreCappedOnWideGraphs() {
        StringBuilder source = new StringBuilder("def root():\n");
        for (int i = 0; i < 40; i++) {
            source.append("    f").append(i).append("()\n");
        }
        for (int i = 0; i < 40; i++) {
            source.append("def f").append(i).append("():\n");
            for (int j = 0; j < 40; j++) {
                source.append("    g").append(j).append("()\n");
            }
        }
        for (int j = 0; j < 40; j++) {
            source.append("def g").append(j).append("():\n    pass\n");
        }
        SymbolGraph graph = graph(Map.of("wide.py", source.toString()));
        List<List<CallEdge>> paths = graph.callChain("root", 50, Direction.DOWN);
        assertEquals(SymbolGraph.MAX_CHAIN_PATHS, paths.size(), "1600 paths exist");
        assertTrue(paths.stream().allMatch(p -> p.size() <= 2));
    }

    @Test
    void updatesReplaceOneFileAndShareTheRest() {
        SymbolGraph before = javaGraph();
        int definitions = before.definitionCount();
        int calls = before.callCount();
        FileSymbols app = before.file("src/org/ex/app/App.java").orElseThrow();

        SymbolGraph after = before.withFile(EXTRACTOR.extract("src/org/ex/util/StringUtils.java", Language.JAVA, """
                package org.ex.util;

                public class StringUtils {
                    public static String shorten(String s) { return s; }
                }
                """));
        assertEquals(List.of(), after.definitions("abbreviate", MatchMode.EXACT, null), "stale definitions vanish");
        assertEquals(1, after.definitions("shorten", MatchMode.EXACT, null).size());
        assertEquals(definitions - 1, after.definitionCount());
        assertEquals(calls - 1, after.callCount());
        assertEquals(Resolution.UNRESOLVED, only(callees(after, "App.run"), "abbreviate").resolution(),
                "App's call now reaches nothing, without App being re-added");
        assertSame(app, after.file("src/org/ex/app/App.java").orElseThrow(), "other files untouched");
        assertEquals(2, before.definitions("abbreviate", MatchMode.EXACT, null).size(), "old graph unchanged");

        SymbolGraph without = after.withoutFile("src/org/ex/app/Widget.java");
        assertEquals(List.of(), without.definitions("Widget", MatchMode.EXACT, null));
        assertEquals(List.of(), without.subtypes("Base"));
        assertEquals("UNRESOLVED []", summary(only(callees(without, "App.run"), "Widget")));
        assertEquals("GLOBAL [Gadget.add]", summary(only(callees(without, "App.run"), "add")));
        assertEquals(4, without.fileCount());
        assertSame(without, without.withoutFile("no/such/File.java"));

        SymbolGraph restored = without.withFile(EXTRACTOR.extract("src/org/ex/app/Widget.java", Language.JAVA, WIDGET));
        assertEquals(summary(only(callees(after, "App.run"), "add")),
                summary(only(callees(restored, "App.run"), "add")));
        assertEquals(after.definitionCount(), restored.definitionCount());
    }

    @Test
    void incrementalAndBulkBuildsAgree() {
        List<FileSymbols> files = javaFiles();
        SymbolGraph incremental = SymbolGraph.empty();
        for (FileSymbols file : files) {
            incremental = incremental.withFile(file);
        }
        SymbolGraph bulk = SymbolGraph.of(files);
        assertEquals(bulk.definitionCount(), incremental.definitionCount());
        assertEquals(bulk.callCount(), incremental.callCount());
        for (String symbol : List.of("abbreviate", "render", "add", "Widget", "draw", "helper")) {
            assertEquals(bulk.callers(symbol), incremental.callers(symbol), symbol);
            assertEquals(bulk.definitions(symbol, MatchMode.PREFIX, null),
                    incremental.definitions(symbol, MatchMode.PREFIX, null), symbol);
        }
        assertEquals(incremental.withFile(files.get(0)).callers("add"), incremental.callers("add"),
                "re-adding a file changes nothing");
    }

    @Test
    void aBatchUpdateEqualsOneFileAtATime() {
        List<FileSymbols> files = javaFiles();
        SymbolGraph before = SymbolGraph.of(files.subList(0, 3));
        FileSymbols changedWidget = EXTRACTOR.extract("src/org/ex/app/Widget.java", Language.JAVA,
                "package org.ex.app;\nclass Widget { void paint() { helper(); } }\n");
        List<FileSymbols> updated = List.of(files.get(3), files.get(4), changedWidget);
        String removed = files.stream().map(FileSymbols::path)
                .filter(p -> !p.endsWith("Widget.java") && before.file(p).isPresent()).findFirst().orElseThrow();

        SymbolGraph batched = before.withFiles(updated, List.of(removed, "no/such/File.java"));
        SymbolGraph stepwise = before;
        for (FileSymbols file : updated) {
            stepwise = stepwise.withFile(file);
        }
        stepwise = stepwise.withoutFile(removed);

        assertEquals(stepwise.fileCount(), batched.fileCount());
        assertEquals(stepwise.definitionCount(), batched.definitionCount());
        assertEquals(stepwise.callCount(), batched.callCount());
        assertTrue(batched.file(removed).isEmpty());
        for (String symbol : List.of("abbreviate", "render", "paint", "add", "Widget", "draw", "helper", "run")) {
            assertEquals(stepwise.callers(symbol), batched.callers(symbol), symbol);
            assertEquals(stepwise.callees(symbol), batched.callees(symbol), symbol);
            assertEquals(stepwise.definitions(symbol, MatchMode.PREFIX, null),
                    batched.definitions(symbol, MatchMode.PREFIX, null), symbol);
        }
        assertTrue(batched.definitions("render", MatchMode.EXACT, null).stream()
                .noneMatch(d -> d.path().endsWith("Widget.java")), "the replaced file's old symbols are gone");
        assertEquals(1, batched.definitions("paint", MatchMode.EXACT, null).size());
        assertSame(batched, batched.withFiles(List.of(), List.of("no/such/File.java")));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static SymbolGraph javaGraph() {
        return SymbolGraph.of(javaFiles());
    }

    private static List<FileSymbols> javaFiles() {
        List<FileSymbols> files = new ArrayList<>();
        Map<String, String> sources = Map.of(
                "src/org/ex/util/StringUtils.java", STRING_UTILS,
                "src/org/ex/app/App.java", APP,
                "src/org/ex/app/Widget.java", WIDGET,
                "src/org/ex/app/Base.java", BASE,
                "src/org/ex/other/Gadget.java", GADGET);
        sources.forEach((path, source) -> files.add(EXTRACTOR.extract(path, Language.JAVA, source)));
        return files;
    }

    private static SymbolGraph graph(Map<String, String> sources) {
        List<FileSymbols> files = new ArrayList<>();
        sources.forEach((path, source) -> files.add(EXTRACTOR.extract(path, Language.forPath(path), source)));
        return SymbolGraph.of(files);
    }

    private static List<CallEdge> callees(SymbolGraph graph, String symbol) {
        return graph.callees(symbol);
    }

    private static CallEdge only(List<CallEdge> edges, String callee) {
        List<CallEdge> found = edges.stream().filter(e -> e.site().callee().equals(callee)).toList();
        assertEquals(1, found.size(), () -> callee + " in " + edges);
        return found.get(0);
    }

    private static CallEdge only(List<CallEdge> edges, String callee, String qualifier) {
        List<CallEdge> found = edges.stream()
                .filter(e -> e.site().callee().equals(callee) && qualifier.equals(e.site().qualifier())).toList();
        assertEquals(1, found.size(), () -> qualifier + "." + callee + " in " + edges);
        return found.get(0);
    }

    private static String summary(CallEdge edge) {
        return edge.resolution() + " " + qualifiedNames(edge.candidates());
    }

    private static List<String> qualifiedNames(List<Definition> definitions) {
        return definitions.stream().map(Definition::qualifiedName).toList();
    }

    private static List<String> paths(List<Definition> definitions) {
        return definitions.stream().map(Definition::path).toList();
    }

    private static List<String> callerNames(List<CallEdge> edges) {
        return edges.stream().map(e -> e.caller().qualifiedName()).toList();
    }

    private static List<String> describe(List<Inheritance> edges) {
        return edges.stream().map(e -> e.child() + " " + e.relation() + " " + e.parent()).toList();
    }

    /** Each path as "caller>callee" hops, sorted. */
    private static List<String> chains(List<List<CallEdge>> paths) {
        return paths.stream()
                .map(path -> path.stream()
                        .map(e -> (e.caller() == null ? "-" : e.caller().name()) + ">" + e.site().callee())
                        .collect(Collectors.joining(" ")))
                .sorted()
                .toList();
    }
}
