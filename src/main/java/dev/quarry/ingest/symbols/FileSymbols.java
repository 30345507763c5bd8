package dev.quarry.ingest.symbols;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@link SymbolExtractor} found in one file; plain data, safe to serialise.
 *
 * @param packageName Java package; Go package name; for Python, Rust, JavaScript and TypeScript the
 *                    module path derived from the file path ("Lib.collections", "net.http", "src.util.parse");
 *                    "" when there is none
 */
public record FileSymbols(
        String path,
        String packageName,
        List<Definition> definitions,
        List<CallSite> calls,
        List<Import> imports,
        List<Inheritance> inheritance) {

    public FileSymbols {
        Objects.requireNonNull(path, "path");
        packageName = packageName == null ? "" : packageName;
        definitions = List.copyOf(definitions);
        calls = List.copyOf(calls);
        imports = List.copyOf(imports);
        inheritance = List.copyOf(inheritance);
    }

    /** Symbols of a file Quarry cannot analyse (text, unsupported language, unparsable input). */
    public static FileSymbols empty(String path) {
        return new FileSymbols(path, "", List.of(), List.of(), List.of(), List.of());
    }
}
