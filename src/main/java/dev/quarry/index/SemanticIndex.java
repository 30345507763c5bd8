package dev.quarry.index;

import dev.quarry.index.EmbeddingStage.ChunkVector;
import dev.quarry.index.EmbeddingStage.Job;
import dev.quarry.index.vector.VectorStore;
import dev.quarry.index.vector.VectorView;
import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.FileUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The semantic side of one index, confined to its {@link IndexActor}: the {@link VectorStore}, which
 * chunk ids each file contributed (so a changed or deleted file drops exactly its vectors), and a
 * ticket per chunk still waiting for a vector. A vector is accepted only with the ticket of the
 * chunk's latest version, so an embedding that finishes after its file changed again is discarded.
 *
 * <p>Vectors become visible to searches only through {@link #publish()}, which the actor throttles:
 * linking new vectors into the graph costs CPU, and doing it per slice would waste it.
 */
final class SemanticIndex {

    /** What to tell the embedding stage after a change. */
    record Work(List<Job> embed, List<String> cancel) {
        boolean isEmpty() {
            return embed.isEmpty() && cancel.isEmpty();
        }
    }

    private final VectorStore store;
    private final Map<String, List<String>> idsByPath = new HashMap<>();
    private final Map<String, Long> pending = new HashMap<>();
    private final Set<String> failed = new HashSet<>();
    /** Files changed while a warm-boot listing is outstanding; the listing's view of them is stale. */
    private Set<String> touchedSinceListing;
    private long tickets;
    private boolean changed;
    private VectorView published;

    private SemanticIndex(VectorStore store) {
        this.store = store;
        this.published = store.view();
    }

    static SemanticIndex create(int dims) {
        return over(VectorStore.create(dims));
    }

    /**
     * Starts from existing vectors, such as a store read back from a snapshot. The snapshot must be
     * of the same generation as the Lucene commit: the store cannot list its ids, so vectors of
     * chunks the commit no longer has are not found by {@link #reconcile} (searches skip them, as
     * every semantic hit is looked up in Lucene).
     */
    static SemanticIndex over(VectorStore store) {
        return new SemanticIndex(store);
    }

    /** Marks the start of a listing of the committed chunks; see {@link #reconcile}. */
    void listingStarted() {
        touchedSinceListing = new HashSet<>();
    }

    /**
     * Adopts the committed chunks listed after opening: records which file holds which chunk, queues
     * every chunk without a vector. Files changed since the listing started are skipped: their newer
     * chunks were handled when they were written.
     */
    Work reconcile(List<Chunk> committed) {
        Set<String> skip = touchedSinceListing == null ? Set.of() : touchedSinceListing;
        touchedSinceListing = null;
        Map<String, List<Chunk>> byPath = new LinkedHashMap<>();
        for (Chunk chunk : committed) {
            if (!skip.contains(chunk.path())) {
                byPath.computeIfAbsent(chunk.path(), p -> new ArrayList<>()).add(chunk);
            }
        }
        List<Job> embed = new ArrayList<>();
        long ticket = ++tickets;
        byPath.forEach((path, chunks) -> {
            idsByPath.put(path, chunks.stream().map(Chunk::id).toList());
            for (Chunk chunk : chunks) {
                if (!store.contains(chunk.id())) {
                    pending.put(chunk.id(), ticket);
                    embed.add(new Job(chunk.id(), ticket, EmbeddingText.of(chunk)));
                }
            }
        });
        return new Work(embed, List.of());
    }

    /** A file was (re)written: its old vectors go at once, its chunks are queued under a new ticket. */
    Work fileWritten(FileUpdate update) {
        touch(update.path());
        List<String> cancel = forget(update.path());
        long ticket = ++tickets;
        List<Job> embed = new ArrayList<>(update.chunks().size());
        List<String> ids = new ArrayList<>(update.chunks().size());
        for (Chunk chunk : update.chunks()) {
            ids.add(chunk.id());
            pending.put(chunk.id(), ticket);
            embed.add(new Job(chunk.id(), ticket, EmbeddingText.of(chunk)));
        }
        if (!ids.isEmpty()) {
            idsByPath.put(update.path(), List.copyOf(ids));
        }
        return new Work(embed, cancel);
    }

    /** A file left the index: its vectors go and queued work for it is cancelled. */
    Work fileRemoved(String path) {
        touch(path);
        return new Work(List.of(), forget(path));
    }

    /** Takes the vectors that still match their chunk's latest ticket; returns how many chunks failed. */
    int accept(EmbeddingStage.Embedded embedded) {
        for (ChunkVector vector : embedded.vectors()) {
            if (isCurrent(vector.chunkId(), vector.ticket())) {
                pending.remove(vector.chunkId());
                store.upsert(vector.chunkId(), vector.vector());
                changed = true;
            }
        }
        int failures = 0;
        for (Job job : embedded.failed()) {
            if (isCurrent(job.chunkId(), job.ticket())) {
                pending.remove(job.chunkId());
                failed.add(job.chunkId());
                failures++;
            }
        }
        return failures;
    }

    /** Makes accepted vectors and removals visible; links new vectors into the graph (CPU work). */
    VectorView publish() {
        if (changed) {
            published = store.view();
            changed = false;
        }
        return published;
    }

    /** True when {@link #publish()} would show searches something new. */
    boolean hasUnpublished() {
        return changed;
    }

    /** Chunks queued or being embedded. */
    int pendingCount() {
        return pending.size();
    }

    /** The last published view: what searches see. */
    VectorView published() {
        return published;
    }

    SemanticCoverage coverage(long chunks) {
        return SemanticCoverage.of(chunks, published.size(), failed.size());
    }

    private boolean isCurrent(String chunkId, long ticket) {
        Long expected = pending.get(chunkId);
        return expected != null && expected == ticket;
    }

    private void touch(String path) {
        if (touchedSinceListing != null) {
            touchedSinceListing.add(path);
        }
    }

    /** Drops everything known about the file's previous chunks; returns their ids. */
    private List<String> forget(String path) {
        List<String> previous = idsByPath.remove(path);
        if (previous == null) {
            return List.of();
        }
        for (String id : previous) {
            pending.remove(id);
            failed.remove(id);
            changed |= store.remove(id);
        }
        return previous;
    }
}
