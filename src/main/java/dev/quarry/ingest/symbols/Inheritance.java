package dev.quarry.ingest.symbols;

/**
 * One supertype edge.
 *
 * @param child    qualified name of the declaring type within its file ("Outer.Inner")
 * @param parent   supertype as written, without type arguments ("Base", "java.util.List", "fmt.Stringer")
 * @param relation "extends" (classes, interfaces, traits, Go embedding) or "implements"
 *                 (Java/TypeScript implements, Rust {@code impl Trait for Type})
 * @param path     file path relative to the index root
 * @param line     1-based
 */
public record Inheritance(String child, String parent, String relation, String path, int line) {}
