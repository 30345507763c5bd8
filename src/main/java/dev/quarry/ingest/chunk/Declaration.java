package dev.quarry.ingest.chunk;

import org.treesitter.TSNode;

/**
 * A declaration found by {@link SyntaxRules}.
 *
 * @param kind          chunk kind
 * @param name          name relative to the enclosing type ("abbreviate"; Go/Rust receivers: "Type.method")
 * @param extent        node whose rows the chunk covers (may wrap the declaration: export, decorators)
 * @param signatureFrom node whose text starts the signature (its decorations are skipped)
 * @param signatureEnd  UTF-8 byte offset where the signature stops: the body's start, or the node's end
 * @param members       for types that are recursed into: the node holding their members; else null
 */
record Declaration(ChunkKind kind, String name, TSNode extent, TSNode signatureFrom, int signatureEnd, TSNode members)
        implements Role {

    /** The same declaration covering {@code wrapper}'s rows, signature still starting at the declaration. */
    Declaration decoratedBy(TSNode wrapper) {
        return new Declaration(kind, name, wrapper, signatureFrom, signatureEnd, members);
    }

    /** The same declaration covering {@code wrapper}'s rows, signature starting at the wrapper ("export ..."). */
    Declaration within(TSNode wrapper) {
        return new Declaration(kind, name, wrapper, wrapper, signatureEnd, members);
    }
}
