package dev.quarry.ingest.symbols;

import dev.quarry.ingest.Language;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a file's imports bind: local name → dotted targets ("StringUtils" → "org.apache.commons.lang3.
 * StringUtils", "np" → "numpy"), plus wildcard prefixes. Relative imports are resolved against the
 * file, so targets are comparable with definitions' full names.
 */
final class ImportBindings {
    private final Map<String, List<String>> targets;
    private final List<String> wildcards;

    private ImportBindings(Map<String, List<String>> targets, List<String> wildcards) {
        this.targets = targets;
        this.wildcards = wildcards;
    }

    static ImportBindings of(String path, String modulePath, Language language, List<Import> imports) {
        Map<String, List<String>> targets = new HashMap<>();
        List<String> wildcards = new ArrayList<>();
        Binder binder = new Binder(targets, wildcards);
        for (Import anImport : imports) {
            switch (language) {
                case JAVA -> java(anImport, binder);
                case PYTHON -> python(path, anImport, binder);
                case GO -> go(anImport, binder);
                case RUST -> rust(modulePath, anImport, binder);
                case JAVASCRIPT, TYPESCRIPT -> script(path, anImport, binder);
                case TEXT -> {
                    // no imports without a grammar
                }
            }
        }
        return new ImportBindings(targets, wildcards);
    }

    List<String> targets(String localName) {
        return targets.getOrDefault(localName, List.of());
    }

    List<String> wildcards() {
        return wildcards;
    }

    private record Binder(Map<String, List<String>> targets, List<String> wildcards) {
        void bind(String local, String target) {
            if (local != null && !local.isEmpty() && !local.equals("_") && !target.isEmpty()) {
                targets.computeIfAbsent(local, k -> new ArrayList<>(1)).add(target);
            }
        }

        /** Binds a dotted target to its alias, or to its last segment; "x.*" becomes a wildcard. */
        void bindDotted(String target, String alias) {
            if (target.endsWith(".*")) {
                wildcards.add(target.substring(0, target.length() - 2));
            } else if (target.equals("*")) {
                return;
            } else {
                bind(alias != null ? alias : NameMatch.lastSegment(target), target);
            }
        }
    }

    private static void java(Import anImport, Binder binder) {
        binder.bindDotted(anImport.imported(), anImport.alias());
    }

    /**
     * {@code import a.b} binds "a" while {@code from a import b} binds "b"; both arrive as "a.b", so both
     * names are bound. The extra one only matters for a name that would otherwise be unbound.
     */
    private static void python(String path, Import anImport, Binder binder) {
        String written = anImport.imported();
        String target = ModulePaths.resolvePython(path, written);
        binder.bindDotted(target, anImport.alias());
        if (anImport.alias() == null && !written.startsWith(".") && !target.endsWith(".*")) {
            String head = NameMatch.firstSegment(target);
            binder.bind(head, head);
        }
    }

    private static void go(Import anImport, Binder binder) {
        String target = NameMatch.dotted(anImport.imported());
        if (".".equals(anImport.alias())) {
            binder.wildcards().add(target);
        } else {
            binder.bind(anImport.alias() != null ? anImport.alias() : NameMatch.lastSegment(target), target);
        }
    }

    /** crate:: is the crate root, self:: this module, super:: its parent. */
    private static void rust(String modulePath, Import anImport, Binder binder) {
        String written = anImport.imported();
        String base = modulePath;
        String rest = written;
        boolean relative = false;
        while (true) {
            if (rest.startsWith("crate::") || rest.equals("crate")) {
                base = "";
                rest = rest.equals("crate") ? "" : rest.substring(7);
            } else if (rest.startsWith("self::")) {
                rest = rest.substring(6);
                relative = true;
            } else if (rest.startsWith("super::")) {
                int dot = base.lastIndexOf('.');
                base = dot < 0 ? "" : base.substring(0, dot);
                rest = rest.substring(7);
                relative = true;
            } else {
                break;
            }
        }
        String dottedRest = NameMatch.dotted(rest);
        String target = relative && !base.isEmpty() ? base + "." + dottedRest : dottedRest;
        binder.bindDotted(target, anImport.alias());
    }

    /** "module#name" binds name (or its alias) to module.name; a plain module binds its alias. */
    private static void script(String path, Import anImport, Binder binder) {
        String written = anImport.imported();
        int hash = written.lastIndexOf('#');
        String specifier = hash < 0 ? written : written.substring(0, hash);
        String module = ModulePaths.resolveScript(path, specifier);
        if (hash < 0) {
            binder.bind(anImport.alias(), module);
            return;
        }
        String member = written.substring(hash + 1);
        String local = anImport.alias() != null ? anImport.alias() : member;
        // a default export is usually declared under the name it is imported as
        String exported = member.equals("default") ? local : member;
        binder.bind(local, module + "." + exported);
    }
}
