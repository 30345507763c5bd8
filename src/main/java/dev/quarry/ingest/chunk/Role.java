package dev.quarry.ingest.chunk;

import org.treesitter.TSNode;

/** What a child node of a file, class body or namespace is to the chunker; decided by {@link SyntaxRules}. */
sealed interface Role permits Role.Code, Role.Leading, Role.Transparent, Declaration {

    /** Anything else: statements, fields, imports. Covered by header, module or gap chunks. */
    record Code() implements Role {}

    /** A comment, attribute or decorator that joins the declaration directly below it. */
    record Leading() implements Role {}

    /** A wrapper whose children are read as if they stood in its place (enum body part, mod, namespace, ERROR). */
    record Transparent(TSNode children) implements Role {}

    Role CODE = new Code();
    Role LEADING = new Leading();
}
