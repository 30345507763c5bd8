package dev.quarry.ingest.symbols;

import dev.quarry.ingest.Language;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One file's symbols plus the lookups resolution needs, computed once when the file enters a graph. */
final class FileIndex {
    private final FileSymbols symbols;
    private final Language family;
    private final String modulePath;
    private final String packageKey;
    private final Map<String, List<Definition>> byName;
    private final Map<String, List<Definition>> byQualifiedName;
    private final Map<String, List<CallSite>> callsByCaller;
    private final ImportBindings bindings;

    private FileIndex(FileSymbols symbols) {
        this.symbols = symbols;
        Language language = Language.forPath(symbols.path());
        this.family = family(language);
        String directory = ModulePaths.directory(symbols.path());
        // Go imports name directories; every other language's package name is already its module
        this.modulePath = language == Language.GO ? ModulePaths.dotted(directory) : symbols.packageName();
        this.packageKey = language == Language.JAVA ? "java:" + symbols.packageName() : directory;
        this.byName = group(symbols.definitions(), Definition::name);
        this.byQualifiedName = group(symbols.definitions(), Definition::qualifiedName);
        this.callsByCaller = group(symbols.calls(), site -> site.callerQualifiedName() == null
                ? "" : site.callerQualifiedName());
        this.bindings = ImportBindings.of(symbols.path(), modulePath, language, symbols.imports());
    }

    static FileIndex of(FileSymbols symbols) {
        return new FileIndex(symbols);
    }

    /** TypeScript calls JavaScript and back; no other languages resolve into each other. */
    static Language family(Language language) {
        return language == Language.TYPESCRIPT ? Language.JAVASCRIPT : language;
    }

    FileSymbols symbols() {
        return symbols;
    }

    String path() {
        return symbols.path();
    }

    Language family() {
        return family;
    }

    /** Java package, or directory: what "same package" means for this file. */
    String packageKey() {
        return packageKey;
    }

    ImportBindings bindings() {
        return bindings;
    }

    /** Module path + qualified name: what imports and qualified queries are matched against. */
    String fullName(Definition definition) {
        return fullName(definition.qualifiedName());
    }

    String fullName(String qualifiedName) {
        return modulePath.isEmpty() ? qualifiedName : modulePath + "." + qualifiedName;
    }

    List<Definition> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** First definition with this qualified name (overloads share one), or null. */
    Definition definition(String qualifiedName) {
        List<Definition> found = byQualifiedName.get(qualifiedName);
        return found == null ? null : found.get(0);
    }

    /** The definition a call sits in: by qualified name, overloads told apart by line. */
    Definition callerOf(CallSite site) {
        if (site.callerQualifiedName() == null) {
            return null;
        }
        List<Definition> found = byQualifiedName.get(site.callerQualifiedName());
        if (found == null) {
            return null;
        }
        for (Definition definition : found) {
            if (definition.contains(site.line())) {
                return definition;
            }
        }
        return found.get(0);
    }

    /** Calls made directly in a definition (not in definitions nested inside it). */
    List<CallSite> callsIn(Definition definition) {
        List<CallSite> sites = callsByCaller.getOrDefault(definition.qualifiedName(), List.of());
        List<CallSite> inside = new ArrayList<>(sites.size());
        for (CallSite site : sites) {
            if (definition.contains(site.line())) {
                inside.add(site);
            }
        }
        return inside;
    }

    private static <T> Map<String, List<T>> group(List<T> items, java.util.function.Function<T, String> key) {
        Map<String, List<T>> groups = new HashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>(1)).add(item);
        }
        return groups;
    }
}
