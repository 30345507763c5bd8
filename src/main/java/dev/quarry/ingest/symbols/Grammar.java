package dev.quarry.ingest.symbols;

import dev.quarry.ingest.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.treesitter.TSLanguage;
import org.treesitter.TSQuery;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterRust;
import org.treesitter.TreeSitterTypescript;

/**
 * A loaded tree-sitter grammar, its symbol rules, and a query capturing every node type the rules
 * handle. The query runs natively, so Java only touches the few nodes that matter: each node accessor
 * is a JNI round trip (about a microsecond), which made a full tree walk cost twice the parse.
 * Grammar and query are immutable and shared by all threads.
 */
final class Grammar {
    private final TSLanguage language;
    private final SymbolRules rules;
    private final TSQuery query;
    private final String[] captureTypes;

    private Grammar(TSLanguage language, SymbolRules rules) {
        this.language = language;
        this.rules = rules;
        List<String> types = new ArrayList<>();
        StringBuilder patterns = new StringBuilder();
        for (String type : rules.nodeTypes()) {
            // one rule set serves JavaScript and TypeScript; each grammar has only some of its types
            if (language.symbolForName(type, true) != 0) {
                types.add(type);
                patterns.append('(').append(type).append(") @").append(type).append('\n');
            }
        }
        this.query = new TSQuery(language, patterns.toString());
        this.captureTypes = new String[query.getCaptureCount()];
        for (int id = 0; id < captureTypes.length; id++) {
            captureTypes[id] = query.getCaptureNameForId(id);
        }
    }

    /** The grammar for a language, or null when Quarry extracts no symbols from it. */
    static Grammar of(Language language) {
        return switch (language) {
            case JAVA -> Loaded.JAVA;
            case PYTHON -> Loaded.PYTHON;
            case GO -> Loaded.GO;
            case RUST -> Loaded.RUST;
            case JAVASCRIPT -> Loaded.JAVASCRIPT;
            case TYPESCRIPT -> Loaded.TYPESCRIPT;
            case TEXT -> null;
        };
    }

    TSLanguage language() {
        return language;
    }

    SymbolRules rules() {
        return rules;
    }

    TSQuery query() {
        return query;
    }

    /** Node type of a capture id: each pattern captures its node under the type's own name. */
    String captureType(int captureId) {
        return captureTypes[captureId];
    }

    /** Holder so the native grammars load together on first use, not when the class is merely referenced. */
    private static final class Loaded {
        static final Grammar JAVA = load(TreeSitterJava::new, JavaRules.INSTANCE);
        static final Grammar PYTHON = load(TreeSitterPython::new, PythonRules.INSTANCE);
        static final Grammar GO = load(TreeSitterGo::new, GoRules.INSTANCE);
        static final Grammar RUST = load(TreeSitterRust::new, RustRules.INSTANCE);
        static final Grammar JAVASCRIPT = load(TreeSitterJavascript::new, ScriptRules.INSTANCE);
        static final Grammar TYPESCRIPT = load(TreeSitterTypescript::new, ScriptRules.INSTANCE);

        private static Grammar load(Supplier<TSLanguage> factory, SymbolRules rules) {
            return new Grammar(factory.get(), rules);
        }
    }
}
