package dev.quarry.index;

import java.util.Map;

/** Figures from the last completed walk, kept for status. */
public record WalkSummary(
        long filesWalked,
        long filesChanged,
        long filesUnchanged,
        long filesRemoved,
        long chunksWritten,
        Map<String, Long> skipped,
        long elapsedMillis,
        String finishedAt) {
    public WalkSummary {
        skipped = Map.copyOf(skipped);
    }
}
