package dev.quarry.ingest.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.ingest.Language;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SymbolExtractorTest {
    private final SymbolExtractor extractor = SymbolExtractor.create();

    @Test
    void javaDefinitionsWithLinesOverloadsAndNesting() {
        FileSymbols symbols = extractor.extract("src/p/Outer.java", Language.JAVA, """
                package org.example.p;

                import java.util.List;
                import static java.util.Objects.requireNonNull;
                import java.io.*;

                /** Doc. */
                public class Outer extends Base implements Runnable, Comparable<Outer> {
                    private int count;

                    Outer() {
                        this.run();
                    }

                    @Override
                    public void run() { helper(1); }

                    void helper(int x) {}

                    void helper(String s) {
                        new Inner().m();
                    }

                    static class Inner {
                        void m() {}
                    }

                    interface Shape extends Comparable<Shape> {}

                    enum Color { RED; void paint() {} }

                    record Point(int x, int y) {}
                }
                """);
        assertEquals("org.example.p", symbols.packageName());
        assertDefinition(symbols, "Outer", "class", null, 8, 33);
        assertDefinition(symbols, "Outer.Outer", "constructor", "Outer", 11, 13);
        assertDefinition(symbols, "Outer.run", "method", "Outer", 15, 16);
        assertDefinition(symbols, "Outer.Inner", "class", "Outer", 24, 26);
        assertDefinition(symbols, "Outer.Inner.m", "method", "Outer.Inner", 25, 25);
        assertDefinition(symbols, "Outer.Shape", "interface", "Outer", 28, 28);
        assertDefinition(symbols, "Outer.Color", "enum", "Outer", 30, 30);
        assertDefinition(symbols, "Outer.Color.paint", "method", "Outer.Color", 30, 30);
        assertDefinition(symbols, "Outer.Point", "record", "Outer", 32, 32);
        List<Definition> helpers = named(symbols, "Outer.helper");
        assertEquals(2, helpers.size(), "overloads are separate definitions");
        assertEquals(List.of(18, 20), helpers.stream().map(Definition::startLine).toList());
        assertTrue(symbols.definitions().stream().noneMatch(d -> d.name().equals("count")), "fields are not listed");

        assertEquals(List.of("java.util.List", "java.util.Objects.requireNonNull", "java.io.*"),
                symbols.imports().stream().map(Import::imported).toList());
        assertEquals(List.of(
                        new Inheritance("Outer", "Base", "extends", "src/p/Outer.java", 8),
                        new Inheritance("Outer", "Runnable", "implements", "src/p/Outer.java", 8),
                        new Inheritance("Outer", "Comparable", "implements", "src/p/Outer.java", 8),
                        new Inheritance("Outer.Shape", "Comparable", "extends", "src/p/Outer.java", 28)),
                symbols.inheritance());
        assertEquals(List.of(
                        new CallSite("run", "this", "Outer.Outer", "src/p/Outer.java", 12),
                        new CallSite("helper", null, "Outer.run", "src/p/Outer.java", 16),
                        new CallSite("m", "new Inner()", "Outer.helper", "src/p/Outer.java", 21),
                        new CallSite("Inner", null, "Outer.helper", "src/p/Outer.java", 21)),
                symbols.calls());
    }

    @Test
    void pythonClassesFunctionsDecoratorsAndImports() {
        FileSymbols symbols = extractor.extract("lib/pkg/shapes.py", Language.PYTHON, """
                import os.path
                import numpy as np
                from collections import OrderedDict as OD, defaultdict
                from . import sibling
                from ..util import *

                class Shape(Base, metaclass=Meta):
                    sides = 0

                    @staticmethod
                    def area(self):
                        self.check()
                        return os.path.join("a")

                def top():
                    def inner():
                        pass
                    return inner()
                """);
        assertEquals("lib.pkg.shapes", symbols.packageName());
        assertDefinition(symbols, "Shape", "class", null, 7, 13);
        assertDefinition(symbols, "Shape.area", "method", "Shape", 10, 13);
        assertDefinition(symbols, "top", "function", null, 15, 18);
        assertDefinition(symbols, "top.inner", "function", "top", 16, 17);
        assertEquals(List.of("os.path/null", "numpy/np", "collections.OrderedDict/OD", "collections.defaultdict/null",
                        ".sibling/null", "..util.*/null"),
                symbols.imports().stream().map(i -> i.imported() + "/" + i.alias()).toList());
        assertEquals(List.of(new Inheritance("Shape", "Base", "extends", "lib/pkg/shapes.py", 7)),
                symbols.inheritance());
        assertEquals(List.of("check/self/Shape.area", "join/os.path/Shape.area", "inner/null/top"),
                symbols.calls().stream()
                        .map(c -> c.callee() + "/" + c.qualifier() + "/" + c.callerQualifiedName()).toList());
    }

    @Test
    void goTypesMethodsByReceiverAndImports() {
        FileSymbols symbols = extractor.extract("pkg/server/server.go", Language.GO, """
                package server

                import (
                	"fmt"
                	str "strings"
                )

                type Server struct {
                	*Base
                	name string
                }

                type Handler interface {
                	fmt.Stringer
                	Handle()
                }

                func (s *Server) Start() {
                	s.listen()
                	fmt.Println(str.ToUpper(s.name))
                	helper()
                }

                func (s Server) listen() {}

                func helper() {}
                """);
        assertEquals("server", symbols.packageName());
        assertDefinition(symbols, "Server", "struct", null, 8, 11);
        assertDefinition(symbols, "Handler", "interface", null, 13, 16);
        assertDefinition(symbols, "Server.Start", "method", "Server", 18, 22);
        assertDefinition(symbols, "Server.listen", "method", "Server", 24, 24);
        assertDefinition(symbols, "helper", "function", null, 26, 26);
        assertEquals(List.of("fmt/null", "strings/str"),
                symbols.imports().stream().map(i -> i.imported() + "/" + i.alias()).toList());
        assertEquals(List.of("Server extends Base", "Handler extends fmt.Stringer"),
                symbols.inheritance().stream().map(h -> h.child() + " " + h.relation() + " " + h.parent()).toList());
        assertEquals(List.of("listen/self", "Println/fmt", "ToUpper/str", "helper/null"),
                symbols.calls().stream().map(c -> c.callee() + "/" + c.qualifier()).toList(),
                "the receiver variable reads as self");
    }

    @Test
    void rustItemsImplMethodsTraitsAndUseTrees() {
        FileSymbols symbols = extractor.extract("crate/src/shapes/mod.rs", Language.RUST, """
                use std::collections::HashMap;
                use crate::geo::{Point, Line as L, self};

                pub trait Area: Shape {
                    fn area(&self) -> f64;
                }

                pub struct Circle { r: f64 }

                impl Circle {
                    pub fn new(r: f64) -> Self {
                        Self::check(r);
                        Circle { r }
                    }
                    fn check(r: f64) {}
                }

                impl Area for Circle {
                    fn area(&self) -> f64 { self.r * helper::square(self.r) }
                }
                """);
        assertEquals("shapes", symbols.packageName());
        assertDefinition(symbols, "Area", "trait", null, 4, 6);
        assertDefinition(symbols, "Area.area", "method", "Area", 5, 5);
        assertDefinition(symbols, "Circle", "struct", null, 8, 8);
        assertDefinition(symbols, "Circle.new", "method", "Circle", 11, 14);
        assertDefinition(symbols, "Circle.check", "method", "Circle", 15, 15);
        assertDefinition(symbols, "Circle.area", "method", "Circle", 19, 19);
        assertEquals(List.of("std::collections::HashMap/null", "crate::geo::Point/null", "crate::geo::Line/L",
                        "crate::geo/null"),
                symbols.imports().stream().map(i -> i.imported() + "/" + i.alias()).toList());
        assertEquals(List.of("Area extends Shape", "Circle implements Area"),
                symbols.inheritance().stream().map(h -> h.child() + " " + h.relation() + " " + h.parent()).toList());
        assertEquals(List.of("check/Self/Circle.new", "square/helper/Circle.area"),
                symbols.calls().stream()
                        .map(c -> c.callee() + "/" + c.qualifier() + "/" + c.callerQualifiedName()).toList());
    }

    @Test
    void typescriptAndJavascriptDeclarationsAndImports() {
        FileSymbols ts = extractor.extract("web/src/app/view.ts", Language.TYPESCRIPT, """
                import { parse, format as fmt } from './util';
                import * as lodash from "lodash";
                import React from 'react';

                export interface Shape extends Named { area(): number; }
                export type Id = string;
                export class View<T> extends Base<T> implements Shape {
                  constructor() { super(); this.render(); }
                  render(): void { parse(fmt(1)); lodash.map([]); new Widget(); }
                  area() { return 0; }
                }
                export const make = (x: number) => new View();
                """);
        assertEquals("web.src.app.view", ts.packageName());
        assertDefinition(ts, "Shape", "interface", null, 5, 5);
        assertDefinition(ts, "Shape.area", "method", "Shape", 5, 5);
        assertDefinition(ts, "Id", "type", null, 6, 6);
        assertDefinition(ts, "View", "class", null, 7, 11);
        assertDefinition(ts, "View.constructor", "constructor", "View", 8, 8);
        assertDefinition(ts, "View.render", "method", "View", 9, 9);
        assertDefinition(ts, "make", "function", null, 12, 12);
        assertEquals(List.of("./util#parse/null", "./util#format/fmt", "lodash/lodash", "react#default/React"),
                ts.imports().stream().map(i -> i.imported() + "/" + i.alias()).toList());
        assertEquals(List.of("Shape extends Named", "View extends Base", "View implements Shape"),
                ts.inheritance().stream().map(h -> h.child() + " " + h.relation() + " " + h.parent()).toList());
        assertEquals(List.of("render/this", "parse/null", "fmt/null", "map/lodash", "Widget/null", "View/null"),
                ts.calls().stream().map(c -> c.callee() + "/" + c.qualifier()).toList());

        FileSymbols js = extractor.extract("web/lib/index.js", Language.JAVASCRIPT, """
                const fs = require('fs');
                const { join, resolve: res } = require('path');
                class Store extends Events { save() { fs.writeFileSync(join('a')); } }
                function load() {}
                """);
        assertEquals("web.lib", js.packageName(), "index.js is its directory's module");
        assertDefinition(js, "Store", "class", null, 3, 3);
        assertDefinition(js, "Store.save", "method", "Store", 3, 3);
        assertDefinition(js, "load", "function", null, 4, 4);
        assertEquals(List.of("fs/fs", "path#join/null", "path#resolve/res"),
                js.imports().stream().map(i -> i.imported() + "/" + i.alias()).toList());
        assertEquals(List.of("Store extends Events"),
                js.inheritance().stream().map(h -> h.child() + " " + h.relation() + " " + h.parent()).toList());
    }

    @Test
    void nonAsciiTextBeforeDefinitionsKeepsLinesRight() {
        FileSymbols symbols = extractor.extract("Ünï.java", Language.JAVA, """
                // Grüße, 日本語, emoji 😀😀 and a lone \uD800 surrogate
                class Ünï {
                    String s = "héllo 😀";
                    /* ✓ */ void 方法() { 调用(); }
                }
                """);
        assertDefinition(symbols, "Ünï", "class", null, 2, 5);
        assertDefinition(symbols, "Ünï.方法", "method", "Ünï", 4, 4);
        assertEquals(List.of(new CallSite("调用", null, "Ünï.方法", "Ünï.java", 4)), symbols.calls());
    }

    @Test
    void syntaxErrorsStillYieldWhatParses() {
        FileSymbols symbols = extractor.extract("Broken.java", Language.JAVA, """
                class Broken {
                    void ok() { good(); }
                    void bad( { ]]] ;
                    void later() { fine(); }
                """);
        assertTrue(symbols.definitions().stream().anyMatch(d -> d.qualifiedName().equals("Broken.ok")));
        assertTrue(symbols.calls().stream().anyMatch(c -> c.callee().equals("good")));

        for (Language language : List.of(Language.JAVA, Language.PYTHON, Language.GO, Language.RUST,
                Language.JAVASCRIPT, Language.TYPESCRIPT)) {
            for (String garbage : List.of("", "}}}{{{", "def class fn func ((( \0 \uFFFF", "\n\n\n",
                    "é".repeat(1000))) {
                FileSymbols result = extractor.extract("x", language, garbage);
                assertEquals("x", result.path());
            }
        }
    }

    @Test
    void deepNestingAndHugeInputDoNotThrow() {
        String deep = "class A { int x = " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "; }";
        assertDefinition(extractor.extract("Deep.java", Language.JAVA, deep), "A", "class", null, 1, 1);

        StringBuilder nested = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            nested.append("class C").append(i).append(" {\n");
        }
        nested.append("void m() { f(); }\n").append("}\n".repeat(3_000));
        FileSymbols symbols = extractor.extract("Nested.java", Language.JAVA, nested.toString());
        assertEquals(3_001, symbols.definitions().size());
        assertEquals(3_001, symbols.calls().get(0).callerQualifiedName().split("\\.").length,
                "3000 nested classes and the method");

        StringBuilder huge = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            huge.append("def f").append(i).append("():\n    g").append(i).append("()\n");
        }
        FileSymbols big = extractor.extract("big.py", Language.PYTHON, huge.toString());
        assertEquals(5_000, big.definitions().size());
        assertEquals(5_000, big.calls().size());
        assertEquals(10_000, big.definitions().get(4_999).endLine());
    }

    @Test
    void unsupportedLanguagesYieldEmptySymbols() {
        assertEquals(FileSymbols.empty("README.md"), extractor.extract("README.md", Language.TEXT, "# hi"));
        assertEquals(FileSymbols.empty("x.java"), extractor.extract("x.java", Language.JAVA, null));
    }

    @Test
    void extractorIsSafeAcrossThreads() throws Exception {
        String source = "class T { void a() { b(); } void b() {} }";
        FileSymbols expected = extractor.extract("T.java", Language.JAVA, source);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<FileSymbols>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> extractor.extract("T.java", Language.JAVA, source)));
            }
            for (Future<FileSymbols> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Definition> named(FileSymbols symbols, String qualifiedName) {
        return symbols.definitions().stream().filter(d -> d.qualifiedName().equals(qualifiedName)).toList();
    }

    private static void assertDefinition(FileSymbols symbols, String qualifiedName, String kind, String container,
            int startLine, int endLine) {
        List<Definition> found = named(symbols, qualifiedName);
        assertEquals(1, found.size(), () -> qualifiedName + " in " + symbols.definitions());
        Definition definition = found.get(0);
        assertEquals(kind, definition.kind(), qualifiedName);
        if (container == null) {
            assertNull(definition.container(), qualifiedName);
        } else {
            assertEquals(container, definition.container(), qualifiedName);
        }
        assertEquals(symbols.path(), definition.path());
        assertEquals(List.of(startLine, endLine), List.of(definition.startLine(), definition.endLine()),
                qualifiedName + " lines");
    }
}
