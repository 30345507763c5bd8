package dev.quarry.ingest.chunk;

import static dev.quarry.ingest.chunk.ChunkChecks.all;
import static dev.quarry.ingest.chunk.ChunkChecks.assertSpan;
import static dev.quarry.ingest.chunk.ChunkChecks.chunk;
import static dev.quarry.ingest.chunk.ChunkChecks.lineOf;
import static dev.quarry.ingest.chunk.ChunkChecks.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.quarry.ingest.Chunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class RustChunkingTest {
    static final String SOURCE = """
            //! Crate doc — ünïcödé 😀.
            use std::fmt;

            /// A wrapper — 🙂.
            #[derive(Debug, Clone)]
            pub struct Wrapper<T> {
                value: T,
            }

            impl<T> Wrapper<T> {
                pub const SIZE: usize = 1;

                /// Makes one.
                pub fn new(value: T) -> Self {
                    Wrapper { value }
                }
            }

            impl<T: fmt::Display> fmt::Display for Wrapper<T> {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    write!(f, "{}", self.value)
                }
            }

            pub trait Shape {
                fn area(&self) -> f64;
                fn name(&self) -> String { String::from("shape") }
            }

            pub enum Kind { A, B }

            type Alias = Wrapper<i32>;

            fn helper() -> i32 { 1 }

            #[cfg(test)]
            mod tests {
                #[test]
                fn it_works() { assert_eq!(super::helper(), 1); }
            }
            """;
    private final List<Chunk> chunks = chunk("src/wrapper.rs", SOURCE);

    @Test
    void structIncludesDocCommentAndAttributes() {
        Chunk wrapper = only(chunks, ChunkKind.STRUCT, "Wrapper");
        assertSpan(wrapper, lineOf(SOURCE, "/// A wrapper"), lineOf(SOURCE, "value: T,") + 1);
        assertEquals("pub struct Wrapper<T>", wrapper.signature());
    }

    @Test
    void bothImplBlocksAreNamedForTheTypeWithDistinctIds() {
        List<Chunk> impls = all(chunks, ChunkKind.IMPL, "Wrapper");
        assertEquals(2, impls.size(), ChunkChecks.summary(chunks));
        assertNotEquals(impls.get(0).id(), impls.get(1).id());
        assertSpan(impls.get(0), lineOf(SOURCE, "impl<T> Wrapper<T>"), lineOf(SOURCE, "pub const SIZE"));
        assertEquals("impl<T: fmt::Display> fmt::Display for Wrapper<T>", impls.get(1).signature());
    }

    @Test
    void methodsInImplsAndTraitsAreQualifiedByTheType() {
        Chunk constructor = only(chunks, ChunkKind.METHOD, "Wrapper.new");
        assertSpan(constructor, lineOf(SOURCE, "/// Makes one."), lineOf(SOURCE, "Wrapper { value }") + 1);
        assertEquals("pub fn new(value: T) -> Self", constructor.signature());
        only(chunks, ChunkKind.METHOD, "Wrapper.fmt");
        only(chunks, ChunkKind.TRAIT, "Shape");
        assertEquals("fn area(&self) -> f64", only(chunks, ChunkKind.METHOD, "Shape.area").signature());
        only(chunks, ChunkKind.METHOD, "Shape.name");
    }

    @Test
    void itemsAndFunctionsInInlineModules() {
        only(chunks, ChunkKind.ENUM, "Kind");
        assertEquals("type Alias = Wrapper<i32>", only(chunks, ChunkKind.TYPE, "Alias").signature());
        only(chunks, ChunkKind.FUNCTION, "helper");
        Chunk test = only(chunks, ChunkKind.FUNCTION, "it_works");
        assertSpan(test, lineOf(SOURCE, "#[test]"), lineOf(SOURCE, "fn it_works"));
    }
}
