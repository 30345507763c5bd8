package dev.quarry.ingest.chunk;

import dev.quarry.ingest.Language;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterRust;
import org.treesitter.TreeSitterTypescript;

/** A tree-sitter grammar with the rules that read its trees. Loaded on first use: each grammar is a native library. */
record Grammar(TSLanguage language, SyntaxRules rules) {
    private static final Map<Language, Grammar> LOADED = new ConcurrentHashMap<>();

    /** The grammar for {@code language}, or null when it is chunked by line windows only. */
    static Grammar of(Language language) {
        return language == Language.TEXT ? null : LOADED.computeIfAbsent(language, Grammar::load);
    }

    private static Grammar load(Language language) {
        return switch (language) {
            case JAVA -> new Grammar(new TreeSitterJava(), new JavaRules());
            case PYTHON -> new Grammar(new TreeSitterPython(), new PythonRules());
            case GO -> new Grammar(new TreeSitterGo(), new GoRules());
            case RUST -> new Grammar(new TreeSitterRust(), new RustRules());
            case JAVASCRIPT -> new Grammar(new TreeSitterJavascript(), new JavaScriptRules());
            case TYPESCRIPT -> new Grammar(new TreeSitterTypescript(), new JavaScriptRules());
            case TEXT -> throw new IllegalArgumentException("TEXT has no grammar");
        };
    }
}
