package dev.quarry.ingest.symbols;

/**
 * One imported name as written.
 *
 * @param imported Java "org.apache.commons.lang3.StringUtils" / "java.util.*"; Python "os.path",
 *                 "collections.OrderedDict", ".sibling" (relative); Go "fmt"; Rust "std::collections::HashMap";
 *                 JavaScript/TypeScript "module#name" for a named import ("./util#parse", "./x#default"),
 *                 plain "module" for namespace, side-effect and {@code require} imports
 * @param alias    local name when renamed ("np", "str", "_"), else null
 * @param path     importing file, relative to the index root
 * @param line     1-based
 */
public record Import(String imported, String alias, String path, int line) {}
