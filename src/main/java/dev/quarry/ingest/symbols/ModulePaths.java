package dev.quarry.ingest.symbols;

import dev.quarry.ingest.Language;
import java.util.ArrayList;
import java.util.List;

/**
 * Dotted module names derived from file paths, for languages whose module is its file: the common
 * currency in which the graph matches imports against definitions ("Lib/os/path.py" → "Lib.os.path").
 */
final class ModulePaths {
    private ModulePaths() {}

    /** The module a file defines, for languages without a package declaration; "" for others. */
    static String derivedModule(String path, Language language) {
        return switch (language) {
            case PYTHON -> python(path);
            case RUST -> rust(path);
            case JAVASCRIPT, TYPESCRIPT -> script(path);
            default -> "";
        };
    }

    /** Directory of a path, '/'-separated, "" at the root. */
    static String directory(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String dotted(String slashPath) {
        return slashPath.replace('/', '.');
    }

    /** "a/b/__init__.py" → "a.b"; "a/b/c.py" → "a.b.c". */
    static String python(String path) {
        String module = dotted(stripExtension(path));
        return dropLastSegment(module, "__init__");
    }

    /**
     * Rust modules follow the crate's src directory: "x/src/a/b.rs" → "a.b"; lib.rs, main.rs and mod.rs
     * name their directory's module.
     */
    static String rust(String path) {
        String module = stripExtension(path);
        int src = module.lastIndexOf("src/");
        if (src == 0 || (src > 0 && module.charAt(src - 1) == '/')) {
            module = module.substring(src + 4);
        }
        module = dotted(module);
        String stem = module.substring(module.lastIndexOf('.') + 1);
        return switch (stem) {
            case "mod", "lib", "main" -> dropLastSegment(module, stem);
            default -> module;
        };
    }

    /** "src/util/index.ts" → "src.util"; "src/a.test.js" keeps its inner dot: "src.a.test". */
    static String script(String path) {
        return dropLastSegment(dotted(stripExtension(path)), "index");
    }

    /**
     * Resolves a relative JavaScript/TypeScript specifier ("./x", "../lib/y.js") against the importing
     * file; bare package specifiers are only dotted ("@scope/pkg" → "@scope.pkg").
     */
    static String resolveScript(String importingPath, String specifier) {
        if (!specifier.startsWith(".")) {
            return dotted(specifier);
        }
        List<String> parts = new ArrayList<>();
        String dir = directory(importingPath);
        if (!dir.isEmpty()) {
            parts.addAll(List.of(dir.split("/")));
        }
        for (String part : specifier.split("/")) {
            switch (part) {
                case ".", "" -> {
                    // stays in the same directory
                }
                case ".." -> {
                    if (!parts.isEmpty()) {
                        parts.remove(parts.size() - 1);
                    }
                }
                default -> parts.add(part);
            }
        }
        return script(String.join("/", parts));
    }

    /**
     * Resolves a relative Python import (".x", "..pkg.y") against the importing file; absolute
     * imports are returned as they are.
     */
    static String resolvePython(String importingPath, String imported) {
        int dots = 0;
        while (dots < imported.length() && imported.charAt(dots) == '.') {
            dots++;
        }
        if (dots == 0) {
            return imported;
        }
        // the package of a module is its directory; of an __init__.py, the package itself
        String base = dotted(directory(importingPath));
        for (int up = 1; up < dots && !base.isEmpty(); up++) {
            int dot = base.lastIndexOf('.');
            base = dot < 0 ? "" : base.substring(0, dot);
        }
        String rest = imported.substring(dots);
        return base.isEmpty() ? rest : rest.isEmpty() ? base : base + "." + rest;
    }

    private static String stripExtension(String path) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') ? path.substring(0, dot) : path;
    }

    private static String dropLastSegment(String module, String segment) {
        if (module.equals(segment)) {
            return "";
        }
        return module.endsWith("." + segment) ? module.substring(0, module.length() - segment.length() - 1) : module;
    }
}
