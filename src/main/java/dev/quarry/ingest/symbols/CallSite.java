package dev.quarry.ingest.symbols;

/**
 * One call (or {@code new}) as written in the source, before any resolution.
 *
 * @param callee              simple name of what is called ("abbreviate", "Inner" for {@code new Inner()})
 * @param qualifier           receiver or path text before the callee ("this", "StringUtils", "os.path",
 *                            "Self", "a::b"), whitespace collapsed and capped at 100 characters;
 *                            null for a bare call. A Go method's own receiver variable is reported as
 *                            "self" so calls on it resolve like Python/Rust {@code self}.
 * @param callerQualifiedName qualified name of the innermost enclosing declaration, or null at top level
 * @param path                file path relative to the index root
 * @param line                1-based line of the call
 */
public record CallSite(String callee, String qualifier, String callerQualifiedName, String path, int line) {}
