package dev.quarry.ingest.symbols;

import dev.quarry.ingest.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Ties a call site to the definitions it may reach, nearest scope first: the caller's own type (and its
 * supertypes), the caller's file, its imports, its package, then the whole index by name. The first
 * scope with any candidate wins; several different candidates there make the call AMBIGUOUS.
 *
 * <p>Receivers: {@code this}/{@code self}/{@code cls}/{@code Self} mean the caller's own type,
 * {@code super} its supertypes, an imported name its import, a type name that type's members (a
 * capitalised name outside the index is taken for a library type: unresolved); any other receiver has
 * an unknown type, so every method of that name is a candidate. Go is exempt from the capital rule:
 * there a capital marks an exported variable.
 */
final class CallResolver {
    record Resolved(List<Definition> candidates, Resolution resolution) {
        static final Resolved NONE = new Resolved(List.of(), Resolution.UNRESOLVED);
    }

    private record TypeRef(String qualifiedName, String path) {}

    private record TypeHits(List<Definition> types, Resolution scope) {}

    private static final Set<String> SELF = Set.of("this", "self", "cls", "Self");
    private static final Set<String> SUPER = Set.of("super", "super()");
    private static final Set<String> METHOD_KINDS = Set.of("method", "constructor");
    private static final int MAX_SUPERTYPE_DEPTH = 8;
    private static final int MAX_CACHED_TYPES = 65_536;
    private static final Comparator<Definition> ORDER =
            Comparator.comparing(Definition::path).thenComparingInt(Definition::startLine);

    private final SymbolGraph graph;
    // a graph version never changes, so a type's resolved supertypes can be kept for its lifetime
    private final Map<TypeRef, List<TypeRef>> supertypeCache = new ConcurrentHashMap<>();

    CallResolver(SymbolGraph graph) {
        this.graph = graph;
    }

    Resolved resolve(CallSite site) {
        FileIndex file = graph.fileIndex(site.path());
        if (file == null) {
            return Resolved.NONE;
        }
        Definition caller = file.callerOf(site);
        String qualifier = site.qualifier() == null ? null : NameMatch.dotted(site.qualifier());
        return qualifier == null || qualifier.isEmpty()
                ? bare(file, caller, site.callee())
                : qualified(file, caller, qualifier, site.callee());
    }

    /** Type definitions a type name as written in a file refers to. */
    List<Definition> types(String path, String written) {
        FileIndex file = graph.fileIndex(path);
        return file == null ? List.of() : visibleTypes(file, written).types();
    }

    private Resolved bare(FileIndex file, Definition caller, String name) {
        if (file.family() == Language.JAVA) {
            // a bare Java call is a member of the caller's class, its supertypes or an enclosing class
            for (TypeRef type = ownType(file, caller); type != null; type = enclosingType(file, type)) {
                List<Definition> found = inheritedMembers(type, name);
                if (!found.isEmpty()) {
                    return label(found, Resolution.EXACT);
                }
            }
        }
        List<Definition> visible = file.named(name).stream()
                .filter(d -> d.container() == null || encloses(d.container(), caller))
                .toList();
        if (!visible.isEmpty()) {
            return label(visible, Resolution.SAME_FILE);
        }
        List<Definition> imported = importedTargets(file, name, "", name);
        if (!imported.isEmpty()) {
            return label(imported, Resolution.IMPORTED);
        }
        NameGroups groups = graph.names(name);
        List<Definition> samePackage = filter(groups.inPackage(file.packageKey()),
                d -> d.container() == null && inFamily(d, file));
        if (!samePackage.isEmpty()) {
            return label(samePackage, Resolution.SAME_PACKAGE);
        }
        return groups.memo("top:" + file.family(), () -> label(groups.topLevel(file.family()), Resolution.GLOBAL));
    }

    private Resolved qualified(FileIndex file, Definition caller, String qualifier, String name) {
        if (SELF.contains(qualifier)) {
            TypeRef own = ownType(file, caller);
            return own == null ? Resolved.NONE : label(inheritedMembers(own, name), Resolution.EXACT);
        }
        if (qualifier.endsWith(".this")) {
            TypeRef outer = enclosingNamed(file, ownType(file, caller), NameMatch.lastSegment(
                    qualifier.substring(0, qualifier.length() - ".this".length())));
            return outer == null ? Resolved.NONE : label(inheritedMembers(outer, name), Resolution.EXACT);
        }
        if (SUPER.contains(qualifier)) {
            TypeRef own = ownType(file, caller);
            if (own == null) {
                return Resolved.NONE;
            }
            List<Definition> found = new ArrayList<>();
            for (TypeRef parent : supertypes(own)) {
                found.addAll(inheritedMembers(parent, name));
            }
            return label(found, Resolution.EXACT);
        }
        if (!NameMatch.isNameChain(qualifier)) {
            return unknownReceiver(file, name);
        }
        String head = NameMatch.firstSegment(qualifier);
        if (!file.bindings().targets(head).isEmpty()) {
            // an imported receiver that matches nothing is library code: do not guess
            return label(importedTargets(file, head, qualifier.substring(head.length()) + "." + name, name),
                    Resolution.IMPORTED);
        }
        TypeHits types = visibleTypes(file, qualifier);
        if (!types.types().isEmpty()) {
            List<Definition> found = new ArrayList<>();
            for (Definition type : types.types()) {
                found.addAll(inheritedMembers(new TypeRef(type.qualifiedName(), type.path()), name));
            }
            return label(found, types.scope());
        }
        List<Definition> viaWildcard = new ArrayList<>();
        for (String prefix : file.bindings().wildcards()) {
            viaWildcard.addAll(matching(file, List.of(prefix + "." + qualifier + "." + name)));
        }
        if (!viaWildcard.isEmpty()) {
            return label(viaWildcard, Resolution.IMPORTED);
        }
        if (file.family() != Language.GO && looksLikeType(NameMatch.lastSegment(qualifier))) {
            // Character.isWhitespace(), Math.max(): a static call into a type outside the index
            return Resolved.NONE;
        }
        return unknownReceiver(file, name);
    }

    /** "Character", "HashMap" by naming convention; "EMPTY" is a constant and "list" a variable. */
    private static boolean looksLikeType(String name) {
        return !name.isEmpty() && Character.isUpperCase(name.charAt(0))
                && name.chars().anyMatch(Character::isLowerCase);
    }

    private Resolved unknownReceiver(FileIndex file, String name) {
        NameGroups groups = graph.names(name);
        return groups.memo("members:" + file.family(), () -> label(groups.members(file.family()), Resolution.GLOBAL));
    }

    /**
     * Definitions reached through the import bound to {@code local}, extended by {@code suffix}
     * (".abbreviate" for {@code StringUtils.abbreviate()}); a bare {@code name} may also come from a
     * wildcard import.
     */
    private List<Definition> importedTargets(FileIndex file, String local, String suffix, String name) {
        List<String> targets = new ArrayList<>();
        for (String target : file.bindings().targets(local)) {
            targets.add(target + suffix);
        }
        if (suffix.isEmpty()) {
            for (String prefix : file.bindings().wildcards()) {
                targets.add(prefix + "." + name);
            }
        }
        return matching(file, targets);
    }

    /** Definitions whose full names match a target; each target names its definition last. */
    private List<Definition> matching(FileIndex file, List<String> targets) {
        List<Definition> found = new ArrayList<>();
        for (String target : new LinkedHashSet<>(targets)) {
            NameGroups groups = graph.names(NameMatch.lastSegment(target));
            // many files import the same thing: scan the name's definitions once per target
            found.addAll(groups.memo("match:" + file.family() + ":" + target,
                    () -> List.copyOf(filter(groups.all(file.family()),
                            d -> NameMatch.sameSymbol(graph.fileIndex(d.path()).fullName(d), target)))));
        }
        return found;
    }

    /**
     * Types a name refers to from a file: declared in the file, imported, in its package, else anywhere
     * (same language). A dotted name ("Outer.Inner", "pkg.Type") must match the qualified tail.
     */
    private TypeHits visibleTypes(FileIndex file, String written) {
        String simple = NameMatch.lastSegment(written);
        Predicate<Definition> fits = d -> NameGroups.TYPE_KINDS.contains(d.kind())
                && (NameMatch.endsWithSegments(d.qualifiedName(), written)
                        || NameMatch.endsWithSegments(graph.fileIndex(d.path()).fullName(d), written));
        List<Definition> local = filter(file.named(simple), fits);
        if (!local.isEmpty()) {
            return new TypeHits(local, Resolution.SAME_FILE);
        }
        String head = NameMatch.firstSegment(written);
        if (!file.bindings().targets(head).isEmpty()) {
            List<Definition> imported = filter(
                    importedTargets(file, head, written.substring(head.length()), simple), fits);
            return new TypeHits(imported, Resolution.IMPORTED);
        }
        NameGroups groups = graph.names(simple);
        List<Definition> samePackage = filter(groups.inPackage(file.packageKey()), d -> fits.test(d)
                && inFamily(d, file));
        if (!samePackage.isEmpty()) {
            return new TypeHits(samePackage, Resolution.SAME_PACKAGE);
        }
        return new TypeHits(filter(groups.types(file.family()), fits), Resolution.GLOBAL);
    }

    /** The type whose members {@code this} means inside the caller, or null outside any type. */
    private TypeRef ownType(FileIndex file, Definition caller) {
        Definition current = caller;
        for (int hops = 0; current != null && hops < 64; hops++) {
            if (NameGroups.TYPE_KINDS.contains(current.kind())) {
                return new TypeRef(current.qualifiedName(), file.path());
            }
            if (METHOD_KINDS.contains(current.kind())) {
                return current.container() == null ? null : new TypeRef(current.container(), file.path());
            }
            current = current.container() == null ? null : file.definition(current.container());
        }
        return null;
    }

    /** Java {@code Outer.this}: the type itself or the enclosing type with that simple name. */
    private TypeRef enclosingNamed(FileIndex file, TypeRef type, String simpleName) {
        for (TypeRef current = type; current != null; current = enclosingType(file, current)) {
            if (NameMatch.lastSegment(current.qualifiedName()).equals(simpleName)) {
                return current;
            }
        }
        return null;
    }

    private TypeRef enclosingType(FileIndex file, TypeRef type) {
        Definition definition = file.definition(type.qualifiedName());
        if (definition == null || definition.container() == null) {
            return null;
        }
        Definition outer = file.definition(definition.container());
        return outer != null && NameGroups.TYPE_KINDS.contains(outer.kind())
                ? new TypeRef(outer.qualifiedName(), file.path())
                : null;
    }

    /** Members named {@code name} of a type, else of its nearest supertypes that have any. */
    private List<Definition> inheritedMembers(TypeRef start, String name) {
        List<TypeRef> level = List.of(start);
        Set<TypeRef> seen = new HashSet<>(level);
        for (int depth = 0; depth <= MAX_SUPERTYPE_DEPTH && !level.isEmpty(); depth++) {
            List<Definition> found = new ArrayList<>();
            List<TypeRef> next = new ArrayList<>();
            for (TypeRef type : level) {
                found.addAll(directMembers(type, name));
                for (TypeRef parent : supertypes(type)) {
                    if (seen.add(parent)) {
                        next.add(parent);
                    }
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
            level = next;
        }
        return List.of();
    }

    /** Members declared in the type's file; Go and Rust may add methods to a type in other files. */
    private List<Definition> directMembers(TypeRef type, String name) {
        FileIndex file = graph.fileIndex(type.path());
        if (file == null) {
            return List.of();
        }
        List<Definition> found = filter(file.named(name), d -> type.qualifiedName().equals(d.container()));
        if (found.isEmpty() && (file.family() == Language.GO || file.family() == Language.RUST)) {
            found = filter(graph.names(name).inPackage(file.packageKey()),
                    d -> type.qualifiedName().equals(d.container()) && inFamily(d, file));
        }
        return found;
    }

    /** Declared supertypes of a type, resolved to type definitions as seen from the declaring file. */
    private List<TypeRef> supertypes(TypeRef type) {
        List<TypeRef> cached = supertypeCache.get(type);
        if (cached == null) {
            if (supertypeCache.size() > MAX_CACHED_TYPES) {
                supertypeCache.clear();
            }
            cached = resolveSupertypes(type);
            supertypeCache.putIfAbsent(type, cached);
        }
        return cached;
    }

    private List<TypeRef> resolveSupertypes(TypeRef type) {
        FileIndex typeFile = graph.fileIndex(type.path());
        if (typeFile == null) {
            return List.of();
        }
        Set<TypeRef> parents = new LinkedHashSet<>();
        for (Inheritance edge : graph.inheritanceOfChild(NameMatch.lastSegment(type.qualifiedName()))) {
            FileIndex edgeFile = graph.fileIndex(edge.path());
            boolean sameType = edge.child().equals(type.qualifiedName()) && edgeFile != null
                    && (edge.path().equals(type.path())
                            || (edgeFile.packageKey().equals(typeFile.packageKey()) && inFamily(edgeFile, typeFile)));
            if (sameType) {
                for (Definition parent : visibleTypes(edgeFile, NameMatch.dotted(edge.parent())).types()) {
                    parents.add(new TypeRef(parent.qualifiedName(), parent.path()));
                }
            }
        }
        return List.copyOf(parents);
    }

    private static boolean encloses(String container, Definition caller) {
        return caller != null
                && (caller.qualifiedName().equals(container) || caller.qualifiedName().startsWith(container + "."));
    }

    private boolean inFamily(Definition definition, FileIndex file) {
        FileIndex other = graph.fileIndex(definition.path());
        return other != null && other.family() == file.family();
    }

    private static boolean inFamily(FileIndex a, FileIndex b) {
        return a.family() == b.family();
    }

    private static List<Definition> filter(List<Definition> definitions, Predicate<Definition> keep) {
        List<Definition> kept = new ArrayList<>();
        for (Definition definition : definitions) {
            if (keep.test(definition)) {
                kept.add(definition);
            }
        }
        return kept;
    }

    /**
     * Sorted, de-duplicated candidates labelled with the scope they came from, or AMBIGUOUS when they
     * are different symbols. Overloads are one symbol, and so are a class and its constructors.
     */
    private static Resolved label(List<Definition> found, Resolution scope) {
        if (found.isEmpty()) {
            return Resolved.NONE;
        }
        List<Definition> candidates = new ArrayList<>(new LinkedHashSet<>(found));
        candidates.sort(ORDER);
        Set<String> symbols = new HashSet<>();
        for (Definition candidate : candidates) {
            String symbol = candidate.kind().equals("constructor") && candidate.container() != null
                    ? candidate.container() : candidate.qualifiedName();
            symbols.add(candidate.path() + '\u0000' + symbol);
        }
        return new Resolved(List.copyOf(candidates), symbols.size() > 1 ? Resolution.AMBIGUOUS : scope);
    }
}
