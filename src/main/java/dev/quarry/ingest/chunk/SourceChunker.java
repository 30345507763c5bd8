package dev.quarry.ingest.chunk;

import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treesitter.TSTree;

/**
 * Source text → chunks: one per function, method and constructor, a header per type, module
 * chunks for top-level code, and plain line windows where there is no structure to follow.
 * Thread-safe: each thread parses with its own tree-sitter parser.
 */
public final class SourceChunker {
    private static final Logger LOG = LoggerFactory.getLogger(SourceChunker.class);
    /**
     * Files with a longer line (minified or generated code) get line windows: declaration chunks
     * would each repeat the whole line, which on a minified bundle means thousands of copies of it.
     */
    private static final int MAX_LINE_CHARS = 2_000;

    private final ChunkerOptions options;
    private final ChunkAssembler assembler;

    private SourceChunker(ChunkerOptions options) {
        this.options = options;
        this.assembler = new ChunkAssembler(options);
    }

    public static SourceChunker create(ChunkerOptions options) {
        return new SourceChunker(Objects.requireNonNull(options, "options"));
    }

    /**
     * Never throws on bad input: syntax errors keep what parsed and cover the rest with module
     * chunks; anything the grammar cannot handle falls back to line windows.
     *
     * @param path     path relative to the index root, '/'-separated; part of every chunk id
     * @return chunks in file order; empty for empty or blank text
     */
    public List<Chunk> chunk(String path, Language language, String text) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(language, "language");
        SourceText source = SourceText.of(Objects.requireNonNull(text, "text"));
        if (source.isEmpty()) {
            return List.of();
        }
        List<Segment> segments = declarations(path, language, source);
        if (segments.isEmpty()) {
            segments = windows(source);
        }
        return assembler.assemble(path, language, source, segments);
    }

    private List<Segment> declarations(String path, Language language, SourceText source) {
        Grammar grammar = Grammar.of(language);
        if (grammar == null || source.longestLine() > MAX_LINE_CHARS) {
            return List.of();
        }
        try (TSTree tree = TreeParser.parse(grammar.language(), source.utf8(), TreeParser.BUDGET)) {
            if (tree == null) {
                return List.of();
            }
            return DeclarationWalker.walk(tree.getRootNode(), grammar.rules(), source, options.windowLines());
        } catch (RuntimeException e) {
            // One odd file must cost its structure, not its place in the index.
            LOG.warn("Chunking {} by line windows: {}", path, e.toString());
            return List.of();
        }
    }

    /** Overlapping windows over the whole file, skipping those with nothing but whitespace and brackets. */
    private List<Segment> windows(SourceText source) {
        List<Segment> windows = new ArrayList<>();
        LineRange file = new LineRange(0, source.lineCount() - 1);
        for (LineRange window : file.windows(options.windowLines(), options.windowOverlap())) {
            if (source.hasSignificantRow(window)) {
                windows.add(new Segment(ChunkKind.WINDOW, "", "", window));
            }
        }
        return windows;
    }
}
