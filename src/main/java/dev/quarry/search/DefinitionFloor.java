package dev.quarry.search;

import dev.quarry.index.lucene.ChunkSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The exact-identifier floor: when a query is one identifier or qualified name, the chunks that
 * define it come first, in the lexical lane's order, whatever fusion made of them. Fusion alone
 * can sink a definition below chunks that merely use the name, because the semantic lane ranks
 * callers and look-alikes as high as the definition itself.
 *
 * <p>A chunk defines {@code name} when its symbol's last segment is {@code name} (ignoring case);
 * it defines {@code Owner.name} when its qualified symbol ends with {@code owner.name} or its file
 * is called {@code owner} — the same qualified forms the lexical lane matches exactly.
 */
final class DefinitionFloor {
    private DefinitionFloor() {}

    /**
     * {@code fused} with the definitions of {@code identifier} found by the lexical lane moved to the
     * front, cut to {@code topK}.
     */
    static List<SearchHit> apply(String identifier, List<SearchHit> lexical, List<SearchHit> fused, int topK) {
        String key = ChunkSchema.normalizeSymbol(identifier);
        Map<String, SearchHit> result = new LinkedHashMap<>();
        Map<String, SearchHit> fusedById = new LinkedHashMap<>();
        fused.forEach(hit -> fusedById.put(hit.chunkId(), hit));
        for (SearchHit hit : lexical) {
            if (defines(hit, key)) {
                // The fused version carries the lanes that found it and its fused score.
                result.put(hit.chunkId(), fusedById.getOrDefault(hit.chunkId(), hit));
            }
        }
        for (SearchHit hit : fused) {
            result.putIfAbsent(hit.chunkId(), hit);
        }
        return new ArrayList<>(result.values()).subList(0, Math.min(topK, result.size()));
    }

    static boolean defines(SearchHit hit, String key) {
        if (hit.symbol() == null || hit.symbol().isEmpty() || key.isEmpty()) {
            return false;
        }
        String symbol = ChunkSchema.normalizeSymbol(hit.symbol());
        String name = ChunkSchema.symbolName(symbol);
        int dot = key.lastIndexOf('.');
        if (dot < 0) {
            return name.equals(key);
        }
        return symbol.equals(key) || symbol.endsWith("." + key)
                || (fileStem(hit.path()) + "." + name).equals(key);
    }

    private static String fileStem(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.indexOf('.');
        return (dot < 0 ? file : file.substring(0, dot)).toLowerCase(Locale.ROOT);
    }
}
