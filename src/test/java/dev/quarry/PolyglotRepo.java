package dev.quarry;

import java.nio.file.Path;

/** A small repository in four languages whose calls cross files, for symbol graph tests. */
public final class PolyglotRepo {
    /** Files written by {@link #write}. */
    public static final int FILES = 8;

    private PolyglotRepo() {}

    public static Path write(Path root) {
        TestRepos.write(root, "app/src/org/ex/Greeter.java", """
                package org.ex;

                public class Greeter {
                    public String greet(String name) {
                        return format(name);
                    }

                    String format(String name) {
                        return "hello " + name;
                    }
                }
                """);
        TestRepos.write(root, "app/src/org/ex/Main.java", """
                package org.ex;

                public class Main {
                    public static void main(String[] args) {
                        new Greeter().greet("world");
                        run();
                    }

                    static void run() {
                        Greeter greeter = new Greeter();
                        System.out.println(greeter.greet("again"));
                    }
                }
                """);
        TestRepos.write(root, "tools/dates.py", """
                def parse_date(text):
                    return _clean(text)


                def _clean(text):
                    return text.strip()
                """);
        TestRepos.write(root, "tools/report.py", """
                from tools.dates import parse_date


                def build_report(rows):
                    return [parse_date(row) for row in rows]
                """);
        TestRepos.write(root, "svc/server.go", """
                package svc

                func Serve() {
                	handleRequest()
                }

                func handleRequest() {
                }
                """);
        TestRepos.write(root, "web/slug.ts", """
                export function slugify(title: string): string {
                    return lowerDashed(title);
                }

                function lowerDashed(text: string): string {
                    return text.toLowerCase().replace(/ /g, "-");
                }
                """);
        TestRepos.write(root, "README.md", "# Polyglot\n\nGreets people, parses dates, serves requests.\n");
        TestRepos.write(root, "notes.txt", "greet format parse_date\n");
        return root;
    }
}
