package dev.quarry.index.persist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quarry.index.IndexSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The table of contents of one generation, written last into {@code gen-N/manifest}: JSON, then one
 * line {@code crc32c=<hex>} covering every byte before it (so {@code head -n -1 manifest | jq .}
 * reads it). It names the formats it was written with, the index config, the Lucene directory and
 * commit ({@code segments_N}) it belongs to, the counts in that commit, and the size and CRC32C of
 * every file the generation needs, Lucene's included.
 *
 * @param format        {@link #FORMAT}; anything else is refused, never guessed at
 * @param chunkFormat   the Lucene document layout ({@code ChunkSchema.FORMAT})
 * @param luceneVersion the Lucene version that wrote the commit
 * @param files         file documents in the commit
 * @param chunks        chunk documents in the commit
 * @param entries       every file of the generation, paths relative to the index directory
 */
public record SnapshotManifest(
        String format,
        String chunkFormat,
        String luceneVersion,
        long generation,
        IndexSpec index,
        String luceneDirectory,
        String segmentsFile,
        long files,
        long chunks,
        String createdAt,
        List<FileEntry> entries) {

    public static final String FORMAT = "quarry-snapshot-1";

    private static final String CRC_PREFIX = "crc32c=";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** @param name path relative to the index directory, e.g. {@code lucene-000001/_0.cfs} */
    public record FileEntry(String name, long bytes, String crc32c) {}

    public SnapshotManifest {
        entries = List.copyOf(entries);
    }

    public Map<String, FileEntry> entriesByName() {
        return entries.stream().collect(Collectors.toMap(FileEntry::name, Function.identity()));
    }

    public byte[] encode() {
        try {
            byte[] body = JSON.writeValueAsBytes(this);
            String trailer = "\n" + CRC_PREFIX + FileChecksum.of(body, body.length) + "\n";
            byte[] tail = trailer.getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[body.length + tail.length];
            System.arraycopy(body, 0, all, 0, body.length);
            System.arraycopy(tail, 0, all, body.length, tail.length);
            return all;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode a snapshot manifest", e);
        }
    }

    /**
     * @param where names the file in error messages
     * @throws CorruptSnapshotException on a checksum mismatch, truncation, malformed JSON or unknown format
     */
    public static SnapshotManifest decode(byte[] bytes, String where) throws CorruptSnapshotException {
        int end = bytes.length;
        if (end == 0 || bytes[end - 1] != '\n') {
            throw new CorruptSnapshotException(where + " is truncated (no final checksum line)");
        }
        int lineStart = end - 1;
        while (lineStart > 0 && bytes[lineStart - 1] != '\n') {
            lineStart--;
        }
        if (lineStart == 0) {
            throw new CorruptSnapshotException(where + " is truncated (no body before the checksum line)");
        }
        int bodyLength = lineStart - 1;
        String line = new String(bytes, lineStart, end - lineStart, StandardCharsets.ISO_8859_1);
        String expected = CRC_PREFIX + FileChecksum.of(bytes, bodyLength) + "\n";
        if (!line.equals(expected)) {
            throw new CorruptSnapshotException(where + " checksum mismatch (found '" + line.strip() + "', computed '"
                    + expected.strip() + "')");
        }
        SnapshotManifest manifest;
        try {
            manifest = JSON.readValue(bytes, 0, bodyLength, SnapshotManifest.class);
        } catch (java.io.IOException | RuntimeException e) {
            throw new CorruptSnapshotException(where + " is not a readable manifest: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(manifest.format())) {
            throw new CorruptSnapshotException(where + " has unknown format '" + manifest.format()
                    + "' (this build reads " + FORMAT + ")");
        }
        if (manifest.index() == null || manifest.luceneDirectory() == null
                || manifest.segmentsFile() == null) {
            throw new CorruptSnapshotException(where + " is incomplete");
        }
        return manifest;
    }
}
