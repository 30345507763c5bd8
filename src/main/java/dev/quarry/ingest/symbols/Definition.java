package dev.quarry.ingest.symbols;

import java.util.Set;

/**
 * A declaration people look up by name.
 *
 * @param name          simple name as written ("abbreviate"; a Java constructor is named after its class)
 * @param qualifiedName name within its file, '.'-joined through enclosing declarations
 *                      ("StringUtils.abbreviate", "Outer.Inner.m", Go/Rust "Type.method");
 *                      the package or module is not part of it, see {@link FileSymbols#packageName()}
 * @param kind          class, interface, enum, record, struct, trait, type, annotation, module, namespace,
 *                      macro, method, constructor or function
 * @param container     qualified name of the enclosing declaration, or null at top level
 * @param path          file path relative to the index root
 * @param startLine     1-based, inclusive (includes annotations and decorators)
 * @param endLine       1-based, inclusive
 */
public record Definition(
        String name,
        String qualifiedName,
        String kind,
        String container,
        String path,
        int startLine,
        int endLine) {

    /** Every kind the extractor gives a definition. */
    public static final Set<String> KINDS = Set.of("class", "interface", "enum", "record", "struct", "trait", "type",
            "annotation", "module", "namespace", "macro", "method", "constructor", "function");

    boolean contains(int line) {
        return line >= startLine && line <= endLine;
    }
}
