package dev.quarry.ingest.symbols;

/** How a call site was tied to its candidate definitions, strongest first. */
public enum Resolution {
    /** The caller's own type (or its supertypes): {@code this.m()}, {@code self.m()}, a bare Java call. */
    EXACT,
    /** Found by name among the declarations visible in the caller's file. */
    SAME_FILE,
    /** Found through an import of the caller's file. */
    IMPORTED,
    /** Found by name in the caller's package or directory. */
    SAME_PACKAGE,
    /** Exactly one declaration of that name anywhere in the index, found by name alone. */
    GLOBAL,
    /** Several different declarations fit equally well; all are listed. */
    AMBIGUOUS,
    /** Nothing in the index fits (library or built-in code, or an untyped receiver). */
    UNRESOLVED
}
