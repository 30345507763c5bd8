package dev.quarry.index.vector;

import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;

/**
 * Every vector the store has held since its last compaction, by ordinal: jvector's view of the
 * vectors, shared by the graph builder, every published view and every search. Append-only, so a
 * vector never changes once a reader can see its ordinal; removed chunks keep their vectors (the
 * graph still routes through them) until compaction starts a fresh instance.
 */
final class VectorValues implements RandomAccessVectorValues {

    static final VectorTypeSupport TYPES = VectorizationProvider.getInstance().getVectorTypeSupport();

    private final int dims;
    private final AppendOnlyArray<VectorFloat<?>> vectors = new AppendOnlyArray<>();

    VectorValues(int dims) {
        this.dims = dims;
    }

    /** Writer thread only. The vector must not be modified afterwards. Returns its ordinal. */
    int append(VectorFloat<?> vector) {
        return vectors.append(vector);
    }

    @Override
    public int size() {
        return vectors.size();
    }

    @Override
    public int dimension() {
        return dims;
    }

    @Override
    public VectorFloat<?> getVector(int ordinal) {
        return vectors.get(ordinal);
    }

    /** Vectors are immutable and never reused between calls, so callers may keep them. */
    @Override
    public boolean isValueShared() {
        return false;
    }

    @Override
    public RandomAccessVectorValues copy() {
        return this;
    }
}
