package dev.quarry.index.vector;

import java.util.Arrays;

/**
 * A list that one writer thread appends to while any number of threads read it. Elements sit in
 * fixed-size chunks that are never copied or moved, so a reader that saw {@link #size()} can read
 * every element below it for as long as it likes while the writer keeps appending; growing copies
 * only the small directory of chunk references, never the elements.
 */
final class AppendOnlyArray<T> {

    private static final int CHUNK_BITS = 10;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;

    private volatile Object[][] chunks = new Object[0][];
    /** Volatile so that reading it also makes every element below it visible. */
    private volatile int size;

    /** Writer thread only. Returns the new element's index. */
    int append(T element) {
        int index = size;
        if (index == Integer.MAX_VALUE) {
            throw new IllegalStateException("AppendOnlyArray is full (" + index + " elements)");
        }
        Object[][] directory = chunks;
        int chunk = index >>> CHUNK_BITS;
        if (chunk == directory.length) {
            directory = Arrays.copyOf(directory, chunk + 1);
            directory[chunk] = new Object[CHUNK_SIZE];
            chunks = directory;
        }
        directory[chunk][index & CHUNK_MASK] = element;
        size = index + 1;
        return index;
    }

    /**
     * The element at {@code index}, which the caller must have learned of through {@link #size()}
     * or through another structure the writer published after appending it (the vector graph).
     * Unchecked against {@link #size()}: this sits on the hot path of every graph search.
     */
    @SuppressWarnings("unchecked")
    T get(int index) {
        return (T) chunks[index >>> CHUNK_BITS][index & CHUNK_MASK];
    }

    int size() {
        return size;
    }
}
