package dev.quarry.index.vector;

import io.github.jbellis.jvector.vector.types.VectorFloat;

/**
 * Checks vectors at the store's boundary and turns them into the unit-length, immutable copies the
 * graph works with: dot product then is cosine similarity, whatever produced the vector.
 */
final class UnitVectors {

    private UnitVectors() {}

    /**
     * @param what names the vector in error messages, such as "Vector for chunk 1f3a..."
     * @throws IllegalArgumentException if it has the wrong length, a NaN or infinite component, or no direction
     */
    static VectorFloat<?> of(float[] vector, int dims, String what) {
        if (vector == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (vector.length != dims) {
            throw new IllegalArgumentException(what + " has " + vector.length + " dimensions, expected " + dims);
        }
        double sumOfSquares = 0;
        for (int i = 0; i < dims; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new IllegalArgumentException(what + " has a non-finite value (" + vector[i] + ") at index " + i);
            }
            sumOfSquares += (double) vector[i] * vector[i];
        }
        double norm = Math.sqrt(sumOfSquares);
        if (norm == 0) {
            throw new IllegalArgumentException(what + " has no usable length (norm " + norm + ")");
        }
        float[] unit = new float[dims];
        for (int i = 0; i < dims; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return VectorValues.TYPES.createFloatVector(unit);
    }
}
