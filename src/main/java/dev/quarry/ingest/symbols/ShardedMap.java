package dev.quarry.ingest.symbols;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Immutable map split into fixed hash shards. An update copies only the shards it touches plus the
 * shard table, so successive versions share almost all structure: cheap copy-on-write for an index of
 * ~10^5–10^6 keys without a persistent-collections dependency.
 */
final class ShardedMap<K, V> {
    private static final int SHARDS = 1024;
    private static final Map<Object, Object> EMPTY_SHARD = Map.of();
    private static final ShardedMap<Object, Object> EMPTY = new ShardedMap<>(emptyShards(), 0);

    // Shards are never mutated after construction; they are reachable only through this final field.
    private final Map<K, V>[] shards;
    private final int size;

    private ShardedMap(Map<K, V>[] shards, int size) {
        this.shards = shards;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <K, V> ShardedMap<K, V> empty() {
        return (ShardedMap<K, V>) EMPTY;
    }

    /** Builds a map from scratch, each shard once. */
    static <K, V> ShardedMap<K, V> of(Map<K, V> entries) {
        return ShardedMap.<K, V>empty().with(entries);
    }

    V get(K key) {
        return shards[shard(key)].get(key);
    }

    V getOrDefault(K key, V fallback) {
        V value = get(key);
        return value == null ? fallback : value;
    }

    int size() {
        return size;
    }

    /** A new map with {@code changes} applied; a null value removes its key. */
    ShardedMap<K, V> with(Map<K, V> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        Map<K, V>[] copy = Arrays.copyOf(shards, SHARDS);
        Map<Integer, Map<K, V>> touched = new HashMap<>();
        int newSize = size;
        for (Map.Entry<K, V> change : changes.entrySet()) {
            int index = shard(change.getKey());
            Map<K, V> shard = touched.computeIfAbsent(index, i -> new HashMap<>(shards[i]));
            V previous = change.getValue() == null
                    ? shard.remove(change.getKey())
                    : shard.put(change.getKey(), change.getValue());
            if (previous == null && change.getValue() != null) {
                newSize++;
            } else if (previous != null && change.getValue() == null) {
                newSize--;
            }
        }
        for (Map.Entry<Integer, Map<K, V>> shard : touched.entrySet()) {
            copy[shard.getKey()] = shard.getValue().isEmpty() ? emptyShard() : shard.getValue();
        }
        return new ShardedMap<>(copy, newSize);
    }

    void forEach(BiConsumer<? super K, ? super V> action) {
        for (Map<K, V> shard : shards) {
            shard.forEach(action);
        }
    }

    private static int shard(Object key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (SHARDS - 1);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> emptyShard() {
        return (Map<K, V>) EMPTY_SHARD;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <K, V> Map<K, V>[] emptyShards() {
        Map<K, V>[] shards = new Map[SHARDS];
        Arrays.fill(shards, EMPTY_SHARD);
        return shards;
    }
}
