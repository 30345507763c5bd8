package dev.quarry.index;

import java.util.Map;

/**
 * Progress of a walk, sent to watchers while it runs and once more with {@code done} set. Files
 * "changed" were parsed and written; "unchanged" matched their fingerprint; "skipped" are counted
 * by reason (binary, oversized, ...).
 */
public record IndexingProgress(
        String indexId,
        String phase,
        long filesWalked,
        long filesChanged,
        long filesUnchanged,
        long filesRemoved,
        long chunksWritten,
        Map<String, Long> skipped,
        long elapsedMillis,
        boolean done,
        String error) implements dev.quarry.QuarrySerializable {

    public IndexingProgress {
        skipped = Map.copyOf(skipped);
    }

    public double filesPerSecond() {
        return elapsedMillis == 0 ? 0 : filesWalked * 1000.0 / elapsedMillis;
    }

    public boolean failed() {
        return error != null;
    }
}
