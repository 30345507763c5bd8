package dev.quarry.index.vector;

import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunk vectors of one index and the graph that searches them. Single writer: every method is
 * called from the owning index actor's thread; searches run on other threads against the immutable
 * {@link VectorView}s that {@link #view()} publishes.
 *
 * <p><b>Storage.</b> Each upsert appends its vector under a new ordinal; a replaced or removed chunk
 * only loses its liveness bit. Vectors, ordinal-to-chunk ids and the graph are append-only and
 * shared with every view, which binds itself to the ordinals that existed when it was published and
 * carries its own copy of the liveness bits (one bit per ordinal: 12.5 KB per 100k). Publishing a
 * view therefore never copies vectors.
 *
 * <p><b>Graph upkeep.</b> {@link #view()} links the vectors appended since the previous view into
 * the graph, in parallel when there are many. Removed ordinals stay in the graph as routing nodes;
 * once they are at least a quarter of all ordinals (and at least {@value #COMPACT_MIN_DEAD}) the
 * next {@code view()} compacts: it renumbers the live vectors (sharing, not copying, their arrays)
 * and builds a fresh graph, leaving the old one to the views that still use it.
 */
public final class VectorStore {

    private static final Logger log = LoggerFactory.getLogger(VectorStore.class);

    /** Compaction costs a full graph build, so small amounts of dead routing nodes are simply kept. */
    static final int COMPACT_MIN_DEAD = 1024;
    private static final int MAX_ID_BYTES = 65_535;

    private final int dims;
    private final Map<String, Integer> ordinals;
    private VectorValues vectors;
    /** Chunk id per ordinal; null for ordinals already dead when the store was read from disk. */
    private AppendOnlyArray<String> ids;
    private BitSet live;
    private VectorGraph graph;
    /** The last view, handed out again until the next change. */
    private VectorView published;

    VectorStore(int dims, VectorValues vectors, AppendOnlyArray<String> ids, BitSet live,
            Map<String, Integer> ordinals, VectorGraph graph) {
        this.dims = dims;
        this.vectors = vectors;
        this.ids = ids;
        this.live = live;
        this.ordinals = ordinals;
        this.graph = graph;
    }

    /** An empty store for vectors of {@code dims} dimensions. */
    public static VectorStore create(int dims) {
        if (dims <= 0) {
            throw new IllegalArgumentException("dims must be positive, got " + dims);
        }
        VectorValues vectors = new VectorValues(dims);
        return new VectorStore(dims, vectors, new AppendOnlyArray<>(), new BitSet(), new HashMap<>(),
                VectorGraph.empty(vectors));
    }

    /**
     * Loads a snapshot written by {@link VectorView#writeTo}, graph included, so nothing is
     * re-embedded or re-linked.
     *
     * @throws CorruptVectorsException if any file is missing, truncated, fails its checksum or has
     *     an unknown format
     */
    public static VectorStore readFrom(Path dir) throws IOException {
        return SnapshotReader.read(dir);
    }

    /**
     * Adds or replaces the vector of a chunk. The vector is copied and scaled to unit length; a
     * replacement with the same direction changes nothing.
     *
     * @throws IllegalArgumentException naming the chunk if the vector has the wrong dimension
     *     count, a NaN or infinite component or is all zeros, or if the id is empty or too long
     */
    public void upsert(String chunkId, float[] vector) {
        if (chunkId == null || chunkId.isEmpty()) {
            throw new IllegalArgumentException("Chunk id must not be empty");
        }
        if (chunkId.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            throw new IllegalArgumentException("Chunk id is longer than " + MAX_ID_BYTES + " UTF-8 bytes: "
                    + chunkId.substring(0, 64) + "...");
        }
        VectorFloat<?> unit = UnitVectors.of(vector, dims, "Vector for chunk " + chunkId);
        Integer previous = ordinals.get(chunkId);
        if (previous != null) {
            if (sameVector(vectors.getVector(previous), unit)) {
                return;
            }
            live.clear(previous);
        }
        int ordinal = vectors.append(unit);
        ids.append(chunkId);
        live.set(ordinal);
        ordinals.put(chunkId, ordinal);
        published = null;
    }

    /** Returns whether the chunk was present. */
    public boolean remove(String chunkId) {
        Integer ordinal = ordinals.remove(chunkId);
        if (ordinal == null) {
            return false;
        }
        live.clear(ordinal);
        published = null;
        return true;
    }

    public boolean contains(String chunkId) {
        return ordinals.containsKey(chunkId);
    }

    /** Number of chunks with a vector. */
    public int size() {
        return ordinals.size();
    }

    public int dimensions() {
        return dims;
    }

    /**
     * An immutable snapshot of the current vectors for searching and persisting, safe to hand to
     * other threads. Links pending vectors into the graph first, and compacts when due (see the
     * class comment), so it can take a while after large batches.
     */
    public VectorView view() {
        if (published == null) {
            if (compactionDue()) {
                compact();
            }
            graph.insertAppended();
            published = new VectorView(dims, vectors, ids, graph, (BitSet) live.clone(), vectors.size(),
                    ordinals.size(), graph.entryNode());
        }
        return published;
    }

    private boolean compactionDue() {
        int dead = vectors.size() - ordinals.size();
        return dead >= COMPACT_MIN_DEAD && dead >= vectors.size() / 4;
    }

    private void compact() {
        long start = System.nanoTime();
        int before = vectors.size();
        VectorValues liveVectors = new VectorValues(dims);
        AppendOnlyArray<String> liveIds = new AppendOnlyArray<>();
        BitSet allLive = new BitSet(ordinals.size());
        for (int old = live.nextSetBit(0); old >= 0; old = live.nextSetBit(old + 1)) {
            String id = ids.get(old);
            int ordinal = liveVectors.append(vectors.getVector(old));
            liveIds.append(id);
            allLive.set(ordinal);
            ordinals.put(id, ordinal);
        }
        vectors = liveVectors;
        ids = liveIds;
        live = allLive;
        graph = VectorGraph.empty(liveVectors);
        graph.insertAppended();
        log.info("Compacted vectors: {} live of {} ordinals, graph rebuilt in {} ms",
                liveVectors.size(), before, (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean sameVector(VectorFloat<?> a, VectorFloat<?> b) {
        for (int i = 0; i < a.length(); i++) {
            if (Float.floatToRawIntBits(a.get(i)) != Float.floatToRawIntBits(b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
