package dev.quarry.ingest.chunk;

import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.ChunkIds;
import dev.quarry.ingest.Language;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Segments → chunks: windows segments that are too long, reads their text, and numbers chunks
 * that share kind and symbol (overloads, windows) in file order, so ids are unique per file and
 * do not move when unrelated code above changes.
 */
final class ChunkAssembler {
    private final ChunkerOptions options;

    ChunkAssembler(ChunkerOptions options) {
        this.options = options;
    }

    List<Chunk> assemble(String path, Language language, SourceText source, List<Segment> segments) {
        List<Chunk> chunks = new ArrayList<>(segments.size());
        Map<String, Integer> ordinals = new HashMap<>();
        for (Segment segment : segments) {
            String kind = segment.kind().id();
            for (LineRange lines : split(segment.lines(), source)) {
                int ordinal = ordinals.merge(kind + '\u0000' + segment.symbol(), 1, Integer::sum) - 1;
                chunks.add(new Chunk(
                        ChunkIds.of(path, kind, segment.symbol(), ordinal),
                        path,
                        language,
                        kind,
                        segment.symbol(),
                        segment.signature(),
                        lines.first() + 1,
                        lines.last() + 1,
                        source.lines(lines)));
            }
        }
        return chunks;
    }

    /** A long segment becomes windows; windows of nothing but brackets and blank rows are dropped. */
    private List<LineRange> split(LineRange lines, SourceText source) {
        if (lines.length() <= options.maxDeclarationLines()) {
            return List.of(lines);
        }
        return lines.windows(options.windowLines(), options.windowOverlap()).stream()
                .filter(source::hasSignificantRow)
                .toList();
    }
}
