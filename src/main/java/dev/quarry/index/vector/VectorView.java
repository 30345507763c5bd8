package dev.quarry.index.vector;

import io.github.jbellis.jvector.graph.ImmutableGraphIndex.NodeAtLevel;
import io.github.jbellis.jvector.graph.SearchResult.NodeScore;
import io.github.jbellis.jvector.vector.VectorUtil;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * The vectors of one index as they were when {@link VectorStore#view()} published them. Immutable
 * and thread-safe: any number of threads may search it, and persist it, while the store's writer
 * goes on changing the store. Later upserts and removals never show in it: it only accepts the
 * ordinals that existed at publication, by its own copy of their liveness bits.
 */
public final class VectorView {

    /**
     * The graph search keeps this many candidates at least, {@value #FETCH_FACTOR} per requested
     * hit beyond that, before the exact re-rank: a wider beam is what buys recall.
     */
    static final int MIN_FETCH = 50;
    static final int FETCH_FACTOR = 5;

    private static final Comparator<NodeScore> BEST_FIRST =
            Comparator.comparingDouble((NodeScore hit) -> hit.score).reversed().thenComparingInt(hit -> hit.node);

    private final int dims;
    private final VectorValues vectors;
    private final AppendOnlyArray<String> ids;
    private final VectorGraph graph;
    private final BitSet live;
    private final int ordinals;
    private final int size;
    private final NodeAtLevel entry;

    VectorView(int dims, VectorValues vectors, AppendOnlyArray<String> ids, VectorGraph graph, BitSet live,
            int ordinals, int size, NodeAtLevel entry) {
        this.dims = dims;
        this.vectors = vectors;
        this.ids = ids;
        this.graph = graph;
        this.live = live;
        this.ordinals = ordinals;
        this.size = size;
        this.entry = entry;
    }

    /**
     * The {@code k} chunks most similar to {@code query} (cosine; the query is scaled to unit
     * length), best first; fewer if the view holds fewer.
     *
     * @throws IllegalArgumentException if {@code k} is not positive or the query has the wrong
     *     dimension count, a NaN or infinite component or is all zeros
     */
    public List<VectorHit> search(float[] query, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        VectorFloat<?> unit = UnitVectors.of(query, dims, "Query vector");
        if (size == 0) {
            return List.of();
        }
        int fetch = (int) Math.min(size, Math.max(MIN_FETCH, (long) FETCH_FACTOR * k));
        NodeScore[] candidates = graph.search(unit, fetch, live::get);
        // jvector scores dot products as (1 + dot) / 2 in float; re-scoring gives callers the exact cosine.
        NodeScore[] exact = new NodeScore[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            int node = candidates[i].node;
            exact[i] = new NodeScore(node, VectorUtil.dotProduct(unit, vectors.getVector(node)));
        }
        Arrays.sort(exact, BEST_FIRST);
        List<VectorHit> hits = new ArrayList<>(Math.min(k, exact.length));
        for (int i = 0; i < exact.length && i < k; i++) {
            hits.add(new VectorHit(ids.get(exact[i].node), exact[i].score));
        }
        return hits;
    }

    /** Number of chunks with a vector in this view. */
    public int size() {
        return size;
    }

    public int dimensions() {
        return dims;
    }

    /**
     * Writes this view as a snapshot into {@code dir}, which must be new or empty: vectors, chunk
     * ids, graph, then a checksummed manifest, each fsynced, then the directory. Publishing the
     * directory (generations, the CURRENT switch) is the caller's job.
     */
    public void writeTo(Path dir) throws IOException {
        SnapshotWriter.write(this, dir);
    }

    VectorValues vectors() {
        return vectors;
    }

    AppendOnlyArray<String> ids() {
        return ids;
    }

    VectorGraph graph() {
        return graph;
    }

    boolean isLive(int ordinal) {
        return live.get(ordinal);
    }

    /** Ordinals this view covers, dead ones included. */
    int ordinals() {
        return ordinals;
    }

    NodeAtLevel entry() {
        return entry;
    }
}
