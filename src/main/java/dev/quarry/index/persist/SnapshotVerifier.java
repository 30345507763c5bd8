package dev.quarry.index.persist;

import dev.quarry.index.lucene.ChunkSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Checks one generation before anything opens it: the manifest decodes and is of a known format,
 * and every file it lists exists with the recorded size and CRC32C. Reads every byte once, streamed.
 */
public final class SnapshotVerifier {
    private SnapshotVerifier() {}

    /**
     * @param indexId the index the generation must belong to
     * @throws CorruptSnapshotException on any mismatch; other {@link IOException}s mean the disk could not be read
     */
    public static SnapshotManifest verify(SnapshotLayout layout, long generation, String indexId) throws IOException {
        SnapshotManifest manifest = readManifest(layout, generation);
        String where = SnapshotLayout.generationName(generation);
        if (manifest.generation() != generation) {
            throw new CorruptSnapshotException(where + " manifest records generation " + manifest.generation());
        }
        if (!indexId.equals(manifest.index().id())) {
            throw new CorruptSnapshotException(where + " belongs to index '" + manifest.index().id() + "', not '" + indexId + "'");
        }
        if (!ChunkSchema.FORMAT.equals(manifest.chunkFormat())) {
            throw new CorruptSnapshotException(where + " was written with chunk format '" + manifest.chunkFormat()
                    + "'; this build reads " + ChunkSchema.FORMAT);
        }
        String segments = manifest.luceneDirectory() + "/" + manifest.segmentsFile();
        if (manifest.entries().stream().noneMatch(e -> e.name().equals(segments))) {
            throw new CorruptSnapshotException(where + " does not list its Lucene commit " + segments);
        }
        verifyFiles(layout, manifest, Set.of());
        return manifest;
    }

    /** Checks size and checksum of every file {@code manifest} lists except those named in {@code skip}. */
    public static void verifyFiles(SnapshotLayout layout, SnapshotManifest manifest, Set<String> skip) throws IOException {
        String where = SnapshotLayout.generationName(manifest.generation());
        FileChecksum checksum = FileChecksum.create();
        for (SnapshotManifest.FileEntry entry : manifest.entries()) {
            if (!skip.contains(entry.name())) {
                verifyFile(layout, entry, where, checksum);
            }
        }
    }

    /** Decodes a generation's manifest without checking the files it lists. */
    public static SnapshotManifest readManifest(SnapshotLayout layout, long generation) throws IOException {
        Path file = layout.manifest(generation);
        String where = SnapshotLayout.generationName(generation) + "/" + SnapshotLayout.MANIFEST;
        try {
            return SnapshotManifest.decode(Files.readAllBytes(file), where);
        } catch (NoSuchFileException e) {
            throw new CorruptSnapshotException(where + " is missing");
        }
    }

    /** Size first (cheap, and names truncation plainly), then the checksum. */
    private static void verifyFile(SnapshotLayout layout, SnapshotManifest.FileEntry entry, String where,
                                   FileChecksum checksum) throws IOException {
        Path file = layout.dir().resolve(entry.name());
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new CorruptSnapshotException(where + ": " + entry.name() + " is missing");
        }
        if (size != entry.bytes()) {
            throw new CorruptSnapshotException(where + ": " + entry.name() + " has " + size + " bytes, the manifest records "
                    + entry.bytes() + (size < entry.bytes() ? " (truncated)" : ""));
        }
        String crc = checksum.of(file);
        if (!crc.equals(entry.crc32c())) {
            throw new CorruptSnapshotException(where + ": " + entry.name() + " checksum mismatch (crc32c " + crc
                    + ", the manifest records " + entry.crc32c() + ")");
        }
    }
}
