package dev.quarry.ingest.symbols;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The symbol graph of one index: definitions, calls, imports and supertypes of every file, with name
 * indexes for lookups. Immutable; {@link #withFile} and {@link #withoutFile} return a new graph that
 * shares every index entry the changed file does not touch. Calls are resolved when queried, so a
 * change in one file is seen at once by the calls of every other file.
 */
public final class SymbolGraph {
    /** Deepest {@link #callChain} walk. */
    public static final int MAX_CHAIN_DEPTH = 10;
    /** Most paths one {@link #callChain} returns. */
    public static final int MAX_CHAIN_PATHS = 500;

    private static final int MAX_CACHED_NAMES = 8192;
    private static final SymbolGraph EMPTY = new SymbolGraph(ShardedMap.empty(), ShardedMap.empty(),
            ShardedMap.empty(), ShardedMap.empty(), ShardedMap.empty(), ShardedMap.empty(), 0, 0);
    private static final Comparator<Definition> DEFINITION_ORDER = Comparator.comparing(Definition::path)
            .thenComparingInt(Definition::startLine).thenComparing(Definition::qualifiedName);
    private static final Comparator<CallEdge> EDGE_ORDER =
            Comparator.comparing((CallEdge e) -> e.site().path()).thenComparingInt(e -> e.site().line())
                    .thenComparing(e -> e.site().callee());
    private static final Comparator<CallEdge> STRONGEST_FIRST =
            Comparator.comparing(CallEdge::resolution).thenComparing(EDGE_ORDER);

    private final ShardedMap<String, FileIndex> files;
    private final ShardedMap<String, List<Definition>> definitionsByName;
    private final ShardedMap<String, List<CallSite>> callsByCallee;
    private final ShardedMap<String, List<Inheritance>> inheritanceByParent;
    private final ShardedMap<String, List<Inheritance>> inheritanceByChild;
    private final ShardedMap<String, List<Import>> importsByName;
    private final int definitionCount;
    private final int callCount;
    private final Map<String, NameGroups> nameCache = new ConcurrentHashMap<>();
    private final CallResolver resolver = new CallResolver(this);

    private SymbolGraph(
            ShardedMap<String, FileIndex> files,
            ShardedMap<String, List<Definition>> definitionsByName,
            ShardedMap<String, List<CallSite>> callsByCallee,
            ShardedMap<String, List<Inheritance>> inheritanceByParent,
            ShardedMap<String, List<Inheritance>> inheritanceByChild,
            ShardedMap<String, List<Import>> importsByName,
            int definitionCount,
            int callCount) {
        this.files = files;
        this.definitionsByName = definitionsByName;
        this.callsByCallee = callsByCallee;
        this.inheritanceByParent = inheritanceByParent;
        this.inheritanceByChild = inheritanceByChild;
        this.importsByName = importsByName;
        this.definitionCount = definitionCount;
        this.callCount = callCount;
    }

    public static SymbolGraph empty() {
        return EMPTY;
    }

    /** Builds a graph in one pass; a later file with the same path replaces an earlier one. */
    public static SymbolGraph of(Collection<FileSymbols> allFiles) {
        Map<String, FileSymbols> byPath = new HashMap<>();
        for (FileSymbols file : allFiles) {
            byPath.put(file.path(), file);
        }
        Map<String, FileIndex> indexes = new HashMap<>();
        Map<String, List<Definition>> definitions = new HashMap<>();
        Map<String, List<CallSite>> calls = new HashMap<>();
        Map<String, List<Inheritance>> byParent = new HashMap<>();
        Map<String, List<Inheritance>> byChild = new HashMap<>();
        Map<String, List<Import>> imports = new HashMap<>();
        int definitionCount = 0;
        int callCount = 0;
        for (FileSymbols file : byPath.values()) {
            indexes.put(file.path(), FileIndex.of(file));
            addAll(definitions, file.definitions(), Definition::name);
            addAll(calls, file.calls(), CallSite::callee);
            addAll(byParent, file.inheritance(), SymbolGraph::parentKey);
            addAll(byChild, file.inheritance(), SymbolGraph::childKey);
            addAll(imports, file.imports(), SymbolGraph::importKey);
            definitionCount += file.definitions().size();
            callCount += file.calls().size();
        }
        return new SymbolGraph(ShardedMap.of(indexes), ShardedMap.of(frozen(definitions)),
                ShardedMap.of(frozen(calls)), ShardedMap.of(frozen(byParent)), ShardedMap.of(frozen(byChild)),
                ShardedMap.of(frozen(imports)), definitionCount, callCount);
    }

    /** This graph with {@code file} replacing whatever its path contributed before. */
    public SymbolGraph withFile(FileSymbols file) {
        Objects.requireNonNull(file, "file");
        return withFiles(List.of(file), List.of());
    }

    /** This graph without anything {@code path} contributed. */
    public SymbolGraph withoutFile(String path) {
        Objects.requireNonNull(path, "path");
        return withFiles(List.of(), List.of(path));
    }

    /**
     * This graph with a whole batch applied: each of {@code updated} replaces whatever its path contributed,
     * each of {@code removed} drops it (a path in both is removed). Each index is copied once per batch
     * rather than once per file, which is what makes applying an ingest batch cheap.
     */
    public SymbolGraph withFiles(Collection<FileSymbols> updated, Collection<String> removed) {
        Map<String, FileSymbols> changes = new HashMap<>();
        for (FileSymbols file : updated) {
            changes.put(Objects.requireNonNull(file, "file").path(), file);
        }
        for (String path : removed) {
            changes.put(Objects.requireNonNull(path, "path"), null);
        }
        changes.entrySet().removeIf(change -> change.getValue() == null && files.get(change.getKey()) == null);
        if (changes.isEmpty()) {
            return this;
        }
        List<FileSymbols> olds = new ArrayList<>(changes.size());
        List<FileSymbols> nows = new ArrayList<>(changes.size());
        Map<String, FileIndex> fileChanges = new HashMap<>();
        changes.forEach((path, next) -> {
            FileIndex previous = files.get(path);
            olds.add(previous == null ? FileSymbols.empty(path) : previous.symbols());
            nows.add(next == null ? FileSymbols.empty(path) : next);
            fileChanges.put(path, next == null ? null : FileIndex.of(next));
        });
        Set<String> paths = changes.keySet();
        return new SymbolGraph(
                files.with(fileChanges),
                updated(definitionsByName, paths, flat(olds, FileSymbols::definitions), flat(nows, FileSymbols::definitions),
                        Definition::name, Definition::path),
                updated(callsByCallee, paths, flat(olds, FileSymbols::calls), flat(nows, FileSymbols::calls),
                        CallSite::callee, CallSite::path),
                updated(inheritanceByParent, paths, flat(olds, FileSymbols::inheritance),
                        flat(nows, FileSymbols::inheritance), SymbolGraph::parentKey, Inheritance::path),
                updated(inheritanceByChild, paths, flat(olds, FileSymbols::inheritance),
                        flat(nows, FileSymbols::inheritance), SymbolGraph::childKey, Inheritance::path),
                updated(importsByName, paths, flat(olds, FileSymbols::imports), flat(nows, FileSymbols::imports),
                        SymbolGraph::importKey, Import::path),
                definitionCount - count(olds, FileSymbols::definitions) + count(nows, FileSymbols::definitions),
                callCount - count(olds, FileSymbols::calls) + count(nows, FileSymbols::calls));
    }

    /** For every key either version of the changed files uses: the other files' entries plus the new ones. */
    private static <T> ShardedMap<String, List<T>> updated(ShardedMap<String, List<T>> index, Set<String> paths,
            List<T> oldItems, List<T> newItems, Function<T, String> key, Function<T, String> pathOf) {
        Map<String, List<T>> added = new HashMap<>();
        addAll(added, newItems, key);
        Set<String> keys = new LinkedHashSet<>(added.keySet());
        for (T item : oldItems) {
            keys.add(key.apply(item));
        }
        Map<String, List<T>> changes = new HashMap<>();
        for (String k : keys) {
            List<T> current = index.get(k);
            List<T> merged = new ArrayList<>();
            if (current != null) {
                for (T item : current) {
                    if (!paths.contains(pathOf.apply(item))) {
                        merged.add(item);
                    }
                }
            }
            merged.addAll(added.getOrDefault(k, List.of()));
            changes.put(k, merged.isEmpty() ? null : List.copyOf(merged));
        }
        return index.with(changes);
    }

    private static int count(List<FileSymbols> files, Function<FileSymbols, List<?>> part) {
        return files.stream().mapToInt(file -> part.apply(file).size()).sum();
    }

    private static <T> List<T> flat(List<FileSymbols> files, Function<FileSymbols, List<T>> part) {
        if (files.size() == 1) {
            return part.apply(files.get(0));
        }
        List<T> all = new ArrayList<>();
        for (FileSymbols file : files) {
            all.addAll(part.apply(file));
        }
        return all;
    }

    // ---- queries -------------------------------------------------------------------------------

    /**
     * Definitions matching a name.
     *
     * @param kind only this kind ("method", "class", ...), or null for any
     */
    public List<Definition> definitions(String name, MatchMode mode, String kind) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        List<Definition> found = new ArrayList<>();
        switch (mode) {
            case EXACT -> found.addAll(definitionsByName.getOrDefault(name, List.of()));
            case PREFIX -> definitionsByName.forEach((simple, definitions) -> {
                if (simple.startsWith(name)) {
                    found.addAll(definitions);
                }
            });
            case QUALIFIED -> {
                String query = NameMatch.dotted(name);
                for (Definition definition : definitionsByName.getOrDefault(NameMatch.lastSegment(query), List.of())) {
                    FileIndex file = files.get(definition.path());
                    if (NameMatch.endsWithSegments(file.fullName(definition), query)) {
                        found.add(definition);
                    }
                }
            }
        }
        if (kind != null) {
            found.removeIf(d -> !d.kind().equals(kind));
        }
        found.sort(DEFINITION_ORDER);
        return found;
    }

    /**
     * Calls that may reach a symbol ("abbreviate", "StringUtils.abbreviate"): the most certain
     * resolutions first (see {@link Resolution}), then in path and line order.
     */
    public List<CallEdge> callers(String symbol) {
        List<CallEdge> edges = callersOf(targets(symbol));
        edges.sort(STRONGEST_FIRST);
        return edges;
    }

    /** Calls made inside a symbol's definitions, resolved, in path and line order. */
    public List<CallEdge> callees(String symbol) {
        List<CallEdge> edges = new ArrayList<>();
        for (Definition target : targets(symbol)) {
            edges.addAll(calleesOf(target));
        }
        edges.sort(EDGE_ORDER);
        return edges;
    }

    /**
     * Call paths from a symbol, breadth first: each path lists its edges walking away from the symbol
     * (UP: its callers, their callers, ...; DOWN: its callees, theirs, ...). A path ends at {@code depth}
     * edges (clamped to 1..{@value #MAX_CHAIN_DEPTH}), where nothing further is known, at an ambiguous or
     * unresolved call, or when it would revisit a definition already on it (the closing edge is kept).
     * At most {@value #MAX_CHAIN_PATHS} paths are returned.
     */
    public List<List<CallEdge>> callChain(String symbol, int depth, Direction direction) {
        Objects.requireNonNull(direction, "direction");
        int limit = Math.max(1, Math.min(MAX_CHAIN_DEPTH, depth));
        return CallChains.walk(targets(symbol), limit, MAX_CHAIN_PATHS,
                direction == Direction.UP ? target -> callersOf(List.of(target)) : this::calleesOf,
                direction == Direction.UP ? CallChains.callerSide() : CallChains.calleeSide());
    }

    /** Types declaring {@code name} ("Base", "pkg.Base") as a supertype. */
    public List<Inheritance> subtypes(String name) {
        String query = NameMatch.dotted(name);
        List<Inheritance> found = new ArrayList<>();
        boolean simple = !query.contains(".");
        for (Inheritance edge : inheritanceByParent.getOrDefault(NameMatch.lastSegment(query), List.of())) {
            String parent = NameMatch.dotted(edge.parent());
            if (simple || NameMatch.endsWithSegments(parent, query) || resolvesTo(edge, query)) {
                found.add(edge);
            }
        }
        return sortedEdges(found);
    }

    /** Whether a supertype as written ("Base") denotes the type a qualified query names ("pkg.Base"). */
    private boolean resolvesTo(Inheritance edge, String query) {
        for (Definition type : resolver.types(edge.path(), NameMatch.dotted(edge.parent()))) {
            if (NameMatch.endsWithSegments(files.get(type.path()).fullName(type), query)) {
                return true;
            }
        }
        return false;
    }

    /** Supertypes declared by the types matching {@code name} ("Inner", "Outer.Inner", "pkg.Outer.Inner"). */
    public List<Inheritance> supertypes(String name) {
        String query = NameMatch.dotted(name);
        List<Inheritance> found = new ArrayList<>();
        for (Inheritance edge : inheritanceByChild.getOrDefault(NameMatch.lastSegment(query), List.of())) {
            String fullChild = files.get(edge.path()).fullName(edge.child());
            if (NameMatch.endsWithSegments(edge.child(), query) || NameMatch.endsWithSegments(fullChild, query)) {
                found.add(edge);
            }
        }
        return sortedEdges(found);
    }

    /** Imports of one file, in source order; empty for unknown paths. */
    public List<Import> imports(String path) {
        FileIndex file = files.get(path);
        return file == null ? List.of() : file.symbols().imports();
    }

    /** Imports naming {@code name} as their last part ("StringUtils", "lang3.StringUtils", "os.path"). */
    public List<Import> importers(String name) {
        String query = NameMatch.dotted(name);
        List<Import> found = new ArrayList<>();
        for (Import anImport : importsByName.getOrDefault(NameMatch.lastSegment(query), List.of())) {
            if (NameMatch.endsWithSegments(normalisedImport(anImport.imported()), query)) {
                found.add(anImport);
            }
        }
        found.sort(Comparator.comparing(Import::path).thenComparingInt(Import::line));
        return found;
    }

    public Optional<FileSymbols> file(String path) {
        FileIndex file = files.get(path);
        return file == null ? Optional.empty() : Optional.of(file.symbols());
    }

    /** Every file's symbols, in no particular order. */
    public List<FileSymbols> files() {
        List<FileSymbols> all = new ArrayList<>(files.size());
        files.forEach((path, file) -> all.add(file.symbols()));
        return all;
    }

    public int fileCount() {
        return files.size();
    }

    public int definitionCount() {
        return definitionCount;
    }

    public int callCount() {
        return callCount;
    }

    // ---- package-private lookups for resolution ------------------------------------------------

    FileIndex fileIndex(String path) {
        return files.get(path);
    }

    NameGroups names(String name) {
        NameGroups groups = nameCache.get(name);
        if (groups == null) {
            if (nameCache.size() > MAX_CACHED_NAMES) {
                nameCache.clear();
            }
            groups = new NameGroups(definitionsByName.getOrDefault(name, List.of()), files::get);
            nameCache.putIfAbsent(name, groups);
        }
        return groups;
    }

    List<Inheritance> inheritanceOfChild(String simpleName) {
        return inheritanceByChild.getOrDefault(simpleName, List.of());
    }

    private List<Definition> targets(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        String query = NameMatch.dotted(symbol);
        return definitions(query, query.contains(".") ? MatchMode.QUALIFIED : MatchMode.EXACT, null);
    }

    /** Call sites whose candidates include any target; each site is resolved once. */
    private List<CallEdge> callersOf(List<Definition> targets) {
        Set<Definition> wanted = new HashSet<>(targets);
        // new Foo() names the class, so a constructor is reached through a call resolved to its class
        Set<String> constructedClasses = new HashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (Definition target : targets) {
            names.add(target.name());
            if (target.kind().equals("constructor") && target.container() != null) {
                names.add(NameMatch.lastSegment(target.container()));
                constructedClasses.add(target.path() + '\u0000' + target.container());
            }
        }
        List<CallEdge> edges = new ArrayList<>();
        for (String name : names) {
            for (CallSite site : callsByCallee.getOrDefault(name, List.of())) {
                CallResolver.Resolved resolved = resolver.resolve(site);
                if (reachesAny(resolved.candidates(), wanted, constructedClasses)) {
                    edges.add(new CallEdge(files.get(site.path()).callerOf(site), site, resolved.candidates(),
                            resolved.resolution()));
                }
            }
        }
        return edges;
    }

    private static boolean reachesAny(List<Definition> candidates, Set<Definition> wanted,
            Set<String> constructedClasses) {
        for (Definition candidate : candidates) {
            if (wanted.contains(candidate) || (!constructedClasses.isEmpty()
                    && constructedClasses.contains(candidate.path() + '\u0000' + candidate.qualifiedName()))) {
                return true;
            }
        }
        return false;
    }

    private List<CallEdge> calleesOf(Definition target) {
        FileIndex file = files.get(target.path());
        if (file == null) {
            return List.of();
        }
        List<CallEdge> edges = new ArrayList<>();
        for (CallSite site : file.callsIn(target)) {
            CallResolver.Resolved resolved = resolver.resolve(site);
            edges.add(new CallEdge(target, site, resolved.candidates(), resolved.resolution()));
        }
        return edges;
    }

    private static List<Inheritance> sortedEdges(List<Inheritance> edges) {
        edges.sort(Comparator.comparing(Inheritance::path).thenComparingInt(Inheritance::line)
                .thenComparing(Inheritance::parent));
        return edges;
    }

    private static String parentKey(Inheritance edge) {
        return NameMatch.lastSegment(NameMatch.dotted(edge.parent()));
    }

    private static String childKey(Inheritance edge) {
        return NameMatch.lastSegment(edge.child());
    }

    /** Imports are indexed by the last named part: "a.b.*" under "b", "./x#parse" under "parse". */
    private static String importKey(Import anImport) {
        return NameMatch.lastSegment(normalisedImport(anImport.imported()));
    }

    private static String normalisedImport(String imported) {
        String dotted = NameMatch.dotted(imported);
        return dotted.endsWith(".*") ? dotted.substring(0, dotted.length() - 2) : dotted;
    }

    private static <T> void addAll(Map<String, List<T>> index, List<T> items, Function<T, String> key) {
        for (T item : items) {
            index.computeIfAbsent(key.apply(item), k -> new ArrayList<>(1)).add(item);
        }
    }

    private static <T> Map<String, List<T>> frozen(Map<String, List<T>> index) {
        index.replaceAll((k, v) -> List.copyOf(v));
        return index;
    }
}
