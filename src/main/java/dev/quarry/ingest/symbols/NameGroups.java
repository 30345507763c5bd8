package dev.quarry.ingest.symbols;

import dev.quarry.ingest.Language;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * All definitions sharing one simple name, pre-sorted the ways resolution asks for them, so resolving
 * thousands of calls to a popular name ("get") costs one pass over its definitions, not one per call.
 */
final class NameGroups {
    static final Set<String> TYPE_KINDS =
            Set.of("class", "interface", "enum", "record", "struct", "trait", "type", "annotation");
    private static final Set<String> CALLABLE_KINDS = Set.of("method", "constructor", "function");

    private final Map<Language, List<Definition>> all = new EnumMap<>(Language.class);
    private final Map<Language, List<Definition>> topLevel = new EnumMap<>(Language.class);
    private final Map<Language, List<Definition>> members = new EnumMap<>(Language.class);
    private final Map<Language, List<Definition>> types = new EnumMap<>(Language.class);
    private final Map<String, List<Definition>> byPackage = new HashMap<>();
    private final Map<String, Object> memo = new java.util.concurrent.ConcurrentHashMap<>();

    NameGroups(List<Definition> definitions, Function<String, FileIndex> files) {
        for (Definition definition : definitions) {
            FileIndex file = files.apply(definition.path());
            if (file == null) {
                continue;
            }
            Language family = file.family();
            add(all, family, definition);
            if (definition.container() == null) {
                add(topLevel, family, definition);
            } else if (CALLABLE_KINDS.contains(definition.kind())) {
                add(members, family, definition);
            }
            if (TYPE_KINDS.contains(definition.kind())) {
                add(types, family, definition);
            }
            byPackage.computeIfAbsent(file.packageKey(), k -> new ArrayList<>()).add(definition);
        }
    }

    List<Definition> all(Language family) {
        return all.getOrDefault(family, List.of());
    }

    List<Definition> topLevel(Language family) {
        return topLevel.getOrDefault(family, List.of());
    }

    /** Methods, constructors and nested functions: what an untyped receiver might call. */
    List<Definition> members(Language family) {
        return members.getOrDefault(family, List.of());
    }

    List<Definition> types(Language family) {
        return types.getOrDefault(family, List.of());
    }

    List<Definition> inPackage(String packageKey) {
        return byPackage.getOrDefault(packageKey, List.of());
    }

    /** A value derived from this name's definitions, computed once per graph version. */
    @SuppressWarnings("unchecked")
    <T> T memo(String key, java.util.function.Supplier<T> compute) {
        Object value = memo.get(key);
        if (value == null) {
            value = compute.get();
            memo.putIfAbsent(key, value);
        }
        return (T) value;
    }

    private static <K> void add(Map<K, List<Definition>> groups, K key, Definition definition) {
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(definition);
    }
}
