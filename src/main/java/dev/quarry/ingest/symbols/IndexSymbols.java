package dev.quarry.ingest.symbols;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The symbols one index holds: its {@link SymbolGraph} plus, per file, the SHA-256 of the content the
 * file's symbols were extracted from. The hashes let a restored snapshot be checked file by file against
 * the fingerprints the text index restored, whichever of the two was written later. Immutable: the index
 * actor replaces it per batch and publishes it to readers and to the snapshot writer by reference.
 */
public final class IndexSymbols {
    private static final IndexSymbols EMPTY = new IndexSymbols(SymbolGraph.empty(), ShardedMap.empty());

    private final SymbolGraph graph;
    private final ShardedMap<String, String> sources;

    private IndexSymbols(SymbolGraph graph, ShardedMap<String, String> sources) {
        this.graph = graph;
        this.sources = sources;
    }

    public static IndexSymbols empty() {
        return EMPTY;
    }

    /** One file's freshly extracted symbols and the hash of the content they came from. */
    public record Source(FileSymbols symbols, String sha256) {
        public Source {
            Objects.requireNonNull(symbols, "symbols");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /**
     * What a restore kept: the files whose stored hash matches the index's fingerprint, and the indexed
     * paths whose symbols are missing or out of date (the next walk must re-read them).
     */
    public record Restored(IndexSymbols symbols, Set<String> missing) {
        public Restored {
            missing = Set.copyOf(missing);
        }
    }

    public SymbolGraph graph() {
        return graph;
    }

    /** The content hash {@code path}'s symbols were extracted from, or null when it has none. */
    public String source(String path) {
        return sources.get(path);
    }

    public int fileCount() {
        return sources.size();
    }

    /** This with a batch applied: {@code updated} files replace theirs, {@code removed} paths are dropped. */
    public IndexSymbols with(Collection<Source> updated, Collection<String> removed) {
        if (updated.isEmpty() && removed.isEmpty()) {
            return this;
        }
        List<FileSymbols> files = new ArrayList<>(updated.size());
        Map<String, String> changes = new HashMap<>();
        for (Source source : updated) {
            files.add(source.symbols());
            changes.put(source.symbols().path(), source.sha256());
        }
        for (String path : removed) {
            changes.put(path, null);
        }
        return new IndexSymbols(graph.withFiles(files, removed), sources.with(changes));
    }

    /**
     * Keeps the files whose symbols were extracted from exactly the content {@code fingerprints}
     * (path → SHA-256, what the text index holds) names; drops the rest.
     */
    public Restored restore(Map<String, String> fingerprints) {
        List<String> outdated = new ArrayList<>();
        sources.forEach((path, sha256) -> {
            if (!sha256.equals(fingerprints.get(path))) {
                outdated.add(path);
            }
        });
        Set<String> missing = new HashSet<>();
        fingerprints.forEach((path, sha256) -> {
            if (!sha256.equals(sources.get(path))) {
                missing.add(path);
            }
        });
        return new Restored(with(List.of(), outdated), missing);
    }

    /** Writes every file's symbols and source hash; see {@link SymbolStore}. */
    public void writeTo(OutputStream out) throws IOException {
        List<SymbolStore.Entry> entries = new ArrayList<>(sources.size());
        for (FileSymbols file : graph.files()) {
            entries.add(new SymbolStore.Entry(file, sources.get(file.path())));
        }
        SymbolStore.write(entries, out);
    }

    /** Reads what {@link #writeTo} wrote; throws IOException naming the problem when it is damaged. */
    public static IndexSymbols readFrom(InputStream in) throws IOException {
        List<FileSymbols> files = new ArrayList<>();
        Map<String, String> sources = new HashMap<>();
        for (SymbolStore.Entry entry : SymbolStore.read(in)) {
            files.add(entry.symbols());
            sources.put(entry.symbols().path(), entry.source());
        }
        return new IndexSymbols(SymbolGraph.of(files), ShardedMap.of(sources));
    }
}
