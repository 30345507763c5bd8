package dev.quarry.ingest.symbols;

/** Which way {@link SymbolGraph#callChain} walks. */
public enum Direction {
    /** Towards callers. */
    UP,
    /** Towards callees. */
    DOWN
}
