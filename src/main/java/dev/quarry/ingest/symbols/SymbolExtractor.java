package dev.quarry.ingest.symbols;

import dev.quarry.ingest.Language;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * Extracts definitions, call sites, imports and supertypes from one source file with tree-sitter.
 * Thread-safe: each thread gets its own parsers (a TSParser is not thread-safe, a grammar is).
 * Never throws on bad input: syntax errors yield whatever the error-tolerant tree still shows, and an
 * unexpected failure yields the file's empty symbols.
 */
public final class SymbolExtractor {
    private static final Logger log = LoggerFactory.getLogger(SymbolExtractor.class);

    private final ThreadLocal<Map<Language, TSParser>> parsers =
            ThreadLocal.withInitial(() -> new EnumMap<>(Language.class));

    private SymbolExtractor() {}

    public static SymbolExtractor create() {
        return new SymbolExtractor();
    }

    /** Symbols of one file; {@code path} is relative to the index root, '/'-separated. */
    public FileSymbols extract(String path, Language language, String text) {
        Objects.requireNonNull(path, "path");
        Grammar grammar = language == null ? null : Grammar.of(language);
        if (grammar == null || text == null) {
            return FileSymbols.empty(path);
        }
        try {
            return extract(path, language, text, grammar);
        } catch (RuntimeException e) {
            log.warn("symbol extraction failed for {}: {}", path, e.toString());
            return FileSymbols.empty(path);
        }
    }

    private FileSymbols extract(String path, Language language, String text, Grammar grammar) {
        String source = wellFormed(text);
        TSParser parser = parsers.get().computeIfAbsent(language, l -> newParser(grammar));
        SymbolCollector out = new SymbolCollector(path, ModulePaths.derivedModule(path, language),
                new SourceText(source));
        try (TSTree tree = parser.parseString(null, source)) {
            if (tree == null) {
                return FileSymbols.empty(path);
            }
            CaptureWalk.walk(tree.getRootNode(), grammar, out);
        }
        return out.result();
    }

    private static TSParser newParser(Grammar grammar) {
        TSParser parser = new TSParser();
        if (!parser.setLanguage(grammar.language())) {
            throw new IllegalStateException("tree-sitter rejected grammar " + grammar.language().name()
                    + " (ABI " + grammar.language().abiVersion() + ")");
        }
        return parser;
    }

    /** The parser refuses unpaired surrogates; replace them as UTF-8 encoding does. */
    private static String wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                }
                i++;
            }
        }
        return text;
    }
}
