package dev.quarry.index.vector;

import io.github.jbellis.jvector.disk.RandomAccessReader;
import io.github.jbellis.jvector.disk.ReaderSupplier;
import io.github.jbellis.jvector.disk.ReaderSupplierFactory;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex.NodeAtLevel;
import io.github.jbellis.jvector.graph.NodeArray;
import io.github.jbellis.jvector.graph.NodesIterator;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.SearchResult.NodeScore;
import io.github.jbellis.jvector.graph.diversity.VamanaDiversityProvider;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The jvector graph over a {@link VectorValues}: an HNSW-style hierarchy over a Vamana base layer,
 * grown one node per ordinal by the store's writer thread and searched concurrently by any thread.
 *
 * <p><b>Concurrency.</b> jvector's on-heap graph is built for searches that run during inserts:
 * neighbour lists are replaced atomically and each search only follows nodes completed before it
 * started. This class never calls {@code cleanup()} or marks nodes deleted: cleanup freezes the
 * graph against further concurrent inserts, and jvector's deleted marks would hide a removed chunk
 * from views published before the removal. Removed chunks stay in the graph as routing nodes and
 * each view filters results by its own liveness bits; compaction builds a fresh graph instead.
 *
 * <p><b>Persistence.</b> Written in jvector's on-heap graph stream (magic + version 4), produced here
 * from a view's ordinal range rather than by {@code OnHeapGraphIndex.save}, which requires
 * {@code cleanup()}; read back with {@code OnHeapGraphIndex.load} into a graph that accepts inserts
 * again. jvector's immutable {@code OnDiskGraphIndex} format cannot be grown after loading, and a
 * store has to keep taking upserts after a warm boot.
 */
final class VectorGraph {

    static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

    // jvector's usual settings. Measured on 2 cores: degree 32 instead of 16 doubles build CPU and
    // raised recall@10 on 4,000 real BGE line embeddings only from 0.987 to 0.995.
    private static final int MAX_DEGREE = 16;
    private static final int BEAM_WIDTH = 100;
    private static final float NEIGHBOR_OVERFLOW = 1.2f;
    private static final float ALPHA = 1.2f;
    private static final int GRAPH_STREAM_VERSION = 4;
    /** Below this many new nodes the writer inserts them itself rather than handing them to the pool. */
    private static final int PARALLEL_INSERT_MIN = 64;

    /** Shared by all stores; daemon threads, one per core, as graph inserts are pure CPU work. */
    private static final ForkJoinPool POOL = new ForkJoinPool(
            Runtime.getRuntime().availableProcessors(),
            pool -> {
                var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                thread.setName("quarry-vector-graph-" + thread.getPoolIndex());
                return thread;
            },
            null,
            false);

    private final VectorValues vectors;
    private final GraphIndexBuilder builder;
    private int inserted;

    private VectorGraph(VectorValues vectors, GraphIndexBuilder builder, int inserted) {
        this.vectors = vectors;
        this.builder = builder;
        this.inserted = inserted;
    }

    static VectorGraph empty(VectorValues vectors) {
        GraphIndexBuilder builder = GraphIndexBuilder.builder(scoreProvider(vectors), vectors.dimension(), MAX_DEGREE)
                .withBeamWidth(BEAM_WIDTH)
                .withNeighborOverflow(NEIGHBOR_OVERFLOW)
                .withAlpha(ALPHA)
                .withSimdExecutor(POOL)
                .withParallelExecutor(POOL)
                .build();
        return new VectorGraph(vectors, builder, 0);
    }

    /**
     * Reads a graph written by {@link #write} for every ordinal of {@code vectors}.
     *
     * @throws IllegalStateException if the graph does not cover exactly those ordinals
     */
    @SuppressWarnings("deprecation") // OnHeapGraphIndex.load: the only reader of a growable graph, see class doc
    static VectorGraph read(VectorValues vectors, Path file) throws IOException {
        BuildScoreProvider scores = scoreProvider(vectors);
        OnHeapGraphIndex graph;
        try (ReaderSupplier supplier = ReaderSupplierFactory.open(file); RandomAccessReader reader = supplier.get()) {
            graph = OnHeapGraphIndex.load(reader, vectors.dimension(), NEIGHBOR_OVERFLOW,
                    new VamanaDiversityProvider(scores, ALPHA));
        }
        checkCovers(graph, vectors.size());
        GraphIndexBuilder builder = GraphIndexBuilder.builder(scores, vectors.dimension(), graph)
                .withBeamWidth(BEAM_WIDTH)
                .withNeighborOverflow(NEIGHBOR_OVERFLOW)
                .withAlpha(ALPHA)
                .withSimdExecutor(POOL)
                .withParallelExecutor(POOL)
                .build();
        return new VectorGraph(vectors, builder, vectors.size());
    }

    /** Writer thread only: links every appended vector not yet in the graph. */
    void insertAppended() {
        int start = inserted;
        int end = vectors.size();
        if (end - start < PARALLEL_INSERT_MIN) {
            for (int ordinal = start; ordinal < end; ordinal++) {
                builder.addGraphNode(ordinal, vectors.getVector(ordinal));
            }
        } else {
            POOL.submit(() -> IntStream.range(start, end).parallel()
                    .forEach(ordinal -> builder.addGraphNode(ordinal, vectors.getVector(ordinal)))).join();
        }
        inserted = end;
    }

    /** The node searches start from; after {@link #insertAppended()} it is one of the inserted nodes. */
    NodeAtLevel entryNode() {
        try (var view = builder.getGraph().getView()) {
            return view.entryNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Thread-safe. The best {@code topK} accepted nodes by exact similarity, best first. */
    NodeScore[] search(VectorFloat<?> query, int topK, Bits accept) {
        var scores = DefaultSearchScoreProvider.exact(query, SIMILARITY, vectors);
        try (var searcher = new GraphSearcher(builder.getGraph())) {
            return searcher.search(scores, topK, accept).getNodes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the graph as it links ordinals below {@code ordinals}, with the entry node a view
     * recorded when it was published. Thread-safe against the writer's later inserts: their nodes
     * and the edges to them are left out, and each neighbour list is re-sorted by exact score, the
     * order jvector's reader requires.
     */
    void write(DataOutput out, int ordinals, NodeAtLevel entry) throws IOException {
        ImmutableGraphIndex graph = builder.getGraph();
        int layers = entry == null ? 1 : entry.level + 1;
        out.writeInt(OnHeapGraphIndex.MAGIC);
        out.writeInt(GRAPH_STREAM_VERSION);
        out.writeInt(layers);
        for (int level = 0; level < layers; level++) {
            out.writeInt(graph.getDegree(level));
        }
        out.writeInt(entry == null ? ImmutableGraphIndex.ENTRY_NODE_ABSENT : entry.node);
        try (var view = graph.getView()) {
            for (int level = 0; level < layers; level++) {
                int[] nodes = nodesBelow(view, level, ordinals);
                out.writeInt(nodes.length);
                for (int node : nodes) {
                    NodeArray neighbors = neighborsBelow(view.getNeighborsIterator(level, node), node, ordinals);
                    out.writeInt(node);
                    out.writeInt(neighbors.size());
                    for (int i = 0; i < neighbors.size(); i++) {
                        out.writeInt(neighbors.getNode(i));
                        out.writeFloat(neighbors.getScore(i));
                    }
                }
            }
        }
    }

    private static int[] nodesBelow(ImmutableGraphIndex.View view, int level, int ordinals) {
        int[] nodes = IntStream.range(0, ordinals).filter(node -> view.contains(level, node)).toArray();
        if (level == 0 && nodes.length != ordinals) {
            throw new IllegalStateException("Graph holds " + nodes.length + " of the view's " + ordinals
                    + " ordinals; views must only be published after insertAppended()");
        }
        return nodes;
    }

    private NodeArray neighborsBelow(NodesIterator neighbors, int node, int ordinals) {
        VectorFloat<?> vector = vectors.getVector(node);
        NodeArray kept = new NodeArray(neighbors.size());
        while (neighbors.hasNext()) {
            int neighbor = neighbors.nextInt();
            if (neighbor < ordinals) {
                kept.insertSorted(neighbor, SIMILARITY.compare(vector, vectors.getVector(neighbor)));
            }
        }
        return kept;
    }

    /** A graph that misses an ordinal or links to one it does not hold would break searches. */
    private static void checkCovers(OnHeapGraphIndex graph, int ordinals) {
        if (graph.getIdUpperBound() > ordinals) {
            throw new IllegalStateException(
                    "Graph holds node " + (graph.getIdUpperBound() - 1) + " but only " + ordinals + " vectors exist");
        }
        for (int level = 0; level <= graph.getMaxLevel(); level++) {
            if (level == 0 && graph.size(0) != ordinals) {
                throw new IllegalStateException("Graph holds " + graph.size(0) + " nodes for " + ordinals + " vectors");
            }
            int layer = level;
            graph.nodeStream(layer).forEach(node -> {
                for (var it = graph.getNeighborsIterator(layer, node); it.hasNext(); ) {
                    int neighbor = it.nextInt();
                    if (neighbor < 0 || neighbor >= ordinals) {
                        throw new IllegalStateException("Node " + node + " links to missing node " + neighbor);
                    }
                }
            });
        }
    }

    private static BuildScoreProvider scoreProvider(VectorValues vectors) {
        return BuildScoreProvider.randomAccessScoreProvider(vectors, SIMILARITY);
    }
}
