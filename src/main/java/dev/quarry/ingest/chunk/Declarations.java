package dev.quarry.ingest.chunk;

import org.treesitter.TSNode;

/** Builds {@link Declaration}s for the common shape: a node with a name and an optional body field. */
final class Declarations {
    private Declarations() {}

    /** A declaration that is one chunk (function, method, struct, ...), named by its "name" field. */
    static Role leaf(ChunkKind kind, TSNode node, SourceText source) {
        return leaf(kind, Nodes.fieldText(node, "name", source), node);
    }

    static Role leaf(ChunkKind kind, String name, TSNode node) {
        return of(kind, name, node, false);
    }

    /** A type whose body members get chunks of their own (class, trait, impl), named by its "name" field. */
    static Role type(ChunkKind kind, TSNode node, SourceText source) {
        return type(kind, Nodes.fieldText(node, "name", source), node);
    }

    static Role type(ChunkKind kind, String name, TSNode node) {
        return of(kind, name, node, true);
    }

    private static Role of(ChunkKind kind, String name, TSNode node, boolean recurse) {
        if (name == null || name.isBlank()) {
            return Role.CODE; // unnamed (anonymous or broken by a syntax error): left to module/gap chunks
        }
        TSNode body = Nodes.field(node, "body");
        int signatureEnd = body == null ? node.getEndByte() : body.getStartByte();
        return new Declaration(kind, name, node, node, signatureEnd, recurse ? body : null);
    }
}
