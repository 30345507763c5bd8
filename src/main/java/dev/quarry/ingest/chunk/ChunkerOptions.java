package dev.quarry.ingest.chunk;

/**
 * Chunk size limits, all in lines.
 *
 * @param maxDeclarationLines a declaration longer than this is split into overlapping windows
 * @param windowLines         length of a line window (text files, long declarations, module code)
 * @param windowOverlap       lines shared by consecutive windows, so a match near a cut is still whole in one
 */
public record ChunkerOptions(int maxDeclarationLines, int windowLines, int windowOverlap) {

    public ChunkerOptions {
        if (windowLines < 1) {
            throw new IllegalArgumentException("windowLines must be at least 1, got " + windowLines);
        }
        if (windowOverlap < 0 || windowOverlap >= windowLines) {
            throw new IllegalArgumentException(
                    "windowOverlap must be in [0, windowLines=" + windowLines + "), got " + windowOverlap);
        }
        if (maxDeclarationLines < windowLines) {
            throw new IllegalArgumentException("maxDeclarationLines (" + maxDeclarationLines
                    + ") must be at least windowLines (" + windowLines + ")");
        }
    }

    public static ChunkerOptions defaults() {
        return new ChunkerOptions(150, 40, 10);
    }
}
