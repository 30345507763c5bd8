package dev.quarry.ingest.chunk;

import java.util.Locale;

/**
 * What a chunk is; {@link #id()} is the value stored in {@code Chunk.kind}, so the index can filter
 * on it ("kind:method"). Every kind the chunker can emit is listed here and nowhere else.
 */
public enum ChunkKind {
    METHOD,
    CONSTRUCTOR,
    FUNCTION,
    CLASS,
    INTERFACE,
    ENUM,
    RECORD,
    STRUCT,
    TRAIT,
    IMPL,
    TYPE,
    /** Top-level code between declarations: package, imports, module statements. */
    MODULE,
    /** A plain line window: files without a grammar, or where parsing found no declarations. */
    WINDOW;

    private final String id = name().toLowerCase(Locale.ROOT);

    /** Lower-case name used in {@code Chunk.kind}, queries and the index ("method", "class", ...). */
    public String id() {
        return id;
    }

    /** The kind whose {@link #id()} is {@code id}; throws for unknown ids. */
    public static ChunkKind fromId(String id) {
        for (ChunkKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown chunk kind '" + id + "'");
    }
}
