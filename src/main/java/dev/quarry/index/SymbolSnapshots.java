package dev.quarry.index;

import dev.quarry.index.persist.AtomicFiles;
import dev.quarry.index.persist.Snapshotter;
import dev.quarry.ingest.symbols.IndexSymbols;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persistence of an index's {@link IndexSymbols}: one file beside the Lucene directory, written after
 * each Lucene commit from the symbols the actor last published, and checked file by file against the
 * restored fingerprints on open ({@link IndexSymbols#restore}). The file may therefore lag or lead the
 * Lucene commit (a crash between the two writes, a publish racing a commit) without ever serving
 * symbols of content the index no longer holds: such files are reported missing and re-read.
 */
final class SymbolSnapshots implements Snapshotter {
    static final String FILE_NAME = "symbols.bin";
    private static final Logger LOG = LoggerFactory.getLogger(SymbolSnapshots.class);

    /**
     * @param missing indexed paths without matching symbols, for the next walk to re-read
     * @param note    why some are missing, or null
     */
    record Loaded(IndexSymbols symbols, Set<String> missing, String note) {}

    private final Snapshotter lucene;
    private final Supplier<IndexSymbols> published;
    private final Path file;
    /** Touched only by {@link #snapshot}, which the persister never runs concurrently. */
    private IndexSymbols lastWritten;

    private SymbolSnapshots(Snapshotter lucene, Supplier<IndexSymbols> published, Path file, IndexSymbols onDisk) {
        this.lucene = lucene;
        this.published = published;
        this.file = file;
        this.lastWritten = onDisk;
    }

    /**
     * The index's snapshotter: {@code lucene} first, then the symbols (when they changed since the last
     * write). Lucene first, so a crash in between leaves symbols older than the text index, which the
     * restore check repairs by re-reading the changed files.
     *
     * @param published the symbols the actor last published; null (index closed) skips the symbol write
     * @param onDisk    what {@code file} holds now, so an unchanged graph is not rewritten
     */
    static Snapshotter around(Snapshotter lucene, Supplier<IndexSymbols> published, Path file, IndexSymbols onDisk) {
        return new SymbolSnapshots(lucene, published, file, onDisk);
    }

    @Override
    public long snapshot(long generation) throws IOException {
        long covered = lucene.snapshot(generation);
        IndexSymbols symbols = published.get();
        if (symbols != null && symbols != lastWritten) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            symbols.writeTo(bytes);
            AtomicFiles.write(file, bytes.toByteArray());
            lastWritten = symbols;
        }
        return covered;
    }

    /** Reads {@code file} and keeps what matches {@code fingerprints}; never fails, a bad file reads as none. */
    static Loaded load(Path file, Map<String, String> fingerprints) {
        try (InputStream in = Files.newInputStream(file)) {
            IndexSymbols.Restored restored = IndexSymbols.readFrom(in).restore(fingerprints);
            return loaded(restored, "symbols of these files changed after the last symbol snapshot");
        } catch (NoSuchFileException e) {
            return loaded(IndexSymbols.empty().restore(fingerprints),
                    "the snapshot has no symbol file (written by an older Quarry)");
        } catch (IOException e) {
            LOG.warn("symbol snapshot {} is unreadable, its files will be re-read: {}", file, e.getMessage());
            return loaded(IndexSymbols.empty().restore(fingerprints), "symbol snapshot unreadable: " + e.getMessage());
        }
    }

    private static Loaded loaded(IndexSymbols.Restored restored, String noteIfMissing) {
        return new Loaded(restored.symbols(), restored.missing(), restored.missing().isEmpty() ? null : noteIfMissing);
    }
}
