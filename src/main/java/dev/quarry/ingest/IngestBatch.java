package dev.quarry.ingest;

import java.util.List;
import java.util.Map;

/**
 * One back-pressured unit of ingest work handed to the index: files to (re)write, files whose
 * fingerprint matched (so the index knows they still exist), and how many files were skipped why.
 */
public record IngestBatch(List<FileUpdate> updates, List<String> unchanged, Map<String, Long> skipped, long walked) {
    public IngestBatch {
        updates = List.copyOf(updates);
        unchanged = List.copyOf(unchanged);
        skipped = Map.copyOf(skipped);
    }

    public long chunkCount() {
        return updates.stream().mapToLong(u -> u.chunks().size()).sum();
    }
}
