package dev.quarry.ingest.chunk;

import static dev.quarry.ingest.chunk.ChunkChecks.all;
import static dev.quarry.ingest.chunk.ChunkChecks.assertSpan;
import static dev.quarry.ingest.chunk.ChunkChecks.chunk;
import static dev.quarry.ingest.chunk.ChunkChecks.lineOf;
import static dev.quarry.ingest.chunk.ChunkChecks.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.ingest.Chunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaScriptChunkingTest {
    static final String JAVASCRIPT = """
            // ünïcödé 😀
            import { x } from './x.js';

            /** Adds — 🙂. */
            export function add(a, b) {
              return a + b;
            }

            export const mul = (a, b) => a * b;

            const twice = function (f) { return f(f); }, other = 2;

            class Animal extends Base {
              static count = 0;
              constructor(name) {
                super();
                this.name = name;
              }
              speak() { return this.name; }
              handle = () => { this.speak(); };
              get label() { return this.name; }
            }

            module.exports.helper = function helper() {};
            Animal.prototype.run = function () {};

            describe('suite', () => { it('works', () => {}); });
            """;
    static final String TYPESCRIPT = """
            import { Injectable } from '@angular/core';

            export interface Shape {
              area(): number;
            }

            export type Id = string | number;

            export enum Color { Red, Green }

            @Injectable()
            export class Service<T> implements Shape {
              private items: T[] = [];

              constructor(private readonly http: Http) {}

              area(): number;
              area(scale?: number): number {
                return 0;
              }

              @Log()
              async load(id: Id): Promise<T> {
                return this.items[0];
              }
            }

            export abstract class Base {
              abstract area(): number;
            }

            namespace Geometry {
              export function distance(a: number, b: number): number {
                return Math.abs(a - b);
              }
            }

            declare function external(x: string): void;
            """;

    @Test
    void javaScriptFunctionsIncludingThoseAssignedToNames() {
        List<Chunk> chunks = chunk("web/animal.js", JAVASCRIPT);
        Chunk add = only(chunks, ChunkKind.FUNCTION, "add");
        assertSpan(add, lineOf(JAVASCRIPT, "/** Adds"), lineOf(JAVASCRIPT, "return a + b;") + 1);
        assertEquals("export function add(a, b)", add.signature());
        assertEquals("export const mul = (a, b) =>", only(chunks, ChunkKind.FUNCTION, "mul").signature());
        assertEquals("twice = function (f)", only(chunks, ChunkKind.FUNCTION, "twice").signature());
        only(chunks, ChunkKind.FUNCTION, "helper");
        only(chunks, ChunkKind.FUNCTION, "Animal.run");
    }

    @Test
    void javaScriptClassMembers() {
        List<Chunk> chunks = chunk("web/animal.js", JAVASCRIPT);
        Chunk header = only(chunks, ChunkKind.CLASS, "Animal");
        assertSpan(header, lineOf(JAVASCRIPT, "class Animal"), lineOf(JAVASCRIPT, "static count"));
        assertEquals("constructor(name)", only(chunks, ChunkKind.CONSTRUCTOR, "Animal.constructor").signature());
        only(chunks, ChunkKind.METHOD, "Animal.speak");
        assertEquals("handle = () =>", only(chunks, ChunkKind.METHOD, "Animal.handle").signature());
        assertEquals("get label()", only(chunks, ChunkKind.METHOD, "Animal.label").signature());
        Chunk tail = all(chunks, ChunkKind.MODULE, "").getLast();
        assertTrue(tail.text().startsWith("describe('suite'"), tail.text());
    }

    @Test
    void typeScriptDeclarations() {
        List<Chunk> chunks = chunk("src/service.ts", TYPESCRIPT);
        assertEquals("export interface Shape", only(chunks, ChunkKind.INTERFACE, "Shape").signature());
        assertEquals("export type Id = string | number", only(chunks, ChunkKind.TYPE, "Id").signature());
        assertEquals("export enum Color", only(chunks, ChunkKind.ENUM, "Color").signature());
        Chunk service = only(chunks, ChunkKind.CLASS, "Service");
        assertSpan(service, lineOf(TYPESCRIPT, "@Injectable"), lineOf(TYPESCRIPT, "private items"));
        assertEquals("export class Service<T> implements Shape", service.signature());
        only(chunks, ChunkKind.CLASS, "Base");
        assertEquals("abstract area(): number", only(chunks, ChunkKind.METHOD, "Base.area").signature());
        assertEquals("export function distance(a: number, b: number): number",
                only(chunks, ChunkKind.FUNCTION, "distance").signature(), "namespaces add no qualifier");
        assertEquals("declare function external(x: string): void",
                only(chunks, ChunkKind.FUNCTION, "external").signature());
    }

    @Test
    void typeScriptOverloadsAndDecoratedMethods() {
        List<Chunk> chunks = chunk("src/service.ts", TYPESCRIPT);
        List<Chunk> area = all(chunks, ChunkKind.METHOD, "Service.area");
        assertEquals(2, area.size(), ChunkChecks.summary(chunks));
        assertNotEquals(area.get(0).id(), area.get(1).id());
        assertEquals("constructor(private readonly http: Http)",
                only(chunks, ChunkKind.CONSTRUCTOR, "Service.constructor").signature());
        Chunk load = only(chunks, ChunkKind.METHOD, "Service.load");
        assertSpan(load, lineOf(TYPESCRIPT, "@Log()"), lineOf(TYPESCRIPT, "return this.items") + 1);
        assertEquals("async load(id: Id): Promise<T>", load.signature());
    }
}
