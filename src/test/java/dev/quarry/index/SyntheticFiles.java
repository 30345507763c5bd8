package dev.quarry.index;

import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.ChunkIds;
import dev.quarry.ingest.FileUpdate;
import dev.quarry.ingest.Language;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Chunked files made up in memory, for persistence tests that need a real Lucene index but no parsing. */
final class SyntheticFiles {
    private SyntheticFiles() {}

    /** File {@code n} ({@code src/f<n>.java}) with {@code chunks} chunks of about {@code chunkChars} characters. */
    static FileUpdate file(int n, int chunks, int chunkChars, String version) {
        String path = "src/f" + n + ".java";
        List<Chunk> list = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            StringBuilder text = new StringBuilder("void method").append(c).append("File").append(n)
                    .append("() { // token").append(n).append('_').append(version).append('\n');
            while (text.length() < chunkChars) {
                text.append("    value").append(text.length() % 97).append(" = compute(").append(n).append(", ")
                        .append(c).append(");\n");
            }
            text.append("}\n");
            list.add(new Chunk(ChunkIds.of(path, "method", "F" + n + ".method" + c, c), path, Language.JAVA, "method",
                    "F" + n + ".method" + c, "void method" + c + "()", c * 10 + 1, c * 10 + 9, text.toString()));
        }
        String sha256 = ChunkIds.sha256((path + version).getBytes(StandardCharsets.UTF_8));
        String whole = String.join("", list.stream().map(Chunk::text).toList());
        return new FileUpdate(path, sha256, whole.length(), whole, list, dev.quarry.ingest.symbols.FileSymbols.empty(path));
    }

    /** Writes and records files {@code from..to-1} into {@code corpus}. */
    static void write(Corpus corpus, int from, int to, int chunks, String version) throws java.io.IOException {
        for (int n = from; n < to; n++) {
            FileUpdate update = file(n, chunks, 200, version);
            corpus.write(update);
            corpus.record(update);
        }
    }
}
