package dev.quarry.ingest.chunk;

/** A run of rows that becomes one chunk, or several windows when it is too long. */
record Segment(ChunkKind kind, String symbol, String signature, LineRange lines) {}
