package dev.quarry.index.vector;

import dev.quarry.index.vector.Manifest.FileEntry;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads a snapshot written by {@link SnapshotWriter} back into a {@link VectorStore}. Every file's
 * size and checksum is verified against the manifest before it is parsed, so damage is reported as
 * such rather than as whatever the parser would trip over.
 */
final class SnapshotReader {

    private static final int BUFFER_BYTES = 1 << 16;

    private SnapshotReader() {}

    static VectorStore read(Path dir) throws IOException {
        Manifest manifest = Manifest.decode(readManifest(dir), dir);
        int dims = manifest.dims();
        if (dims == 0) {
            throw new CorruptVectorsException(dir, "manifest gives 0 dimensions");
        }
        FileEntry vectorsFile = manifest.file(SnapshotWriter.VECTORS, dir);
        FileEntry idsFile = manifest.file(SnapshotWriter.IDS, dir);
        FileEntry graphFile = manifest.file(SnapshotWriter.GRAPH, dir);
        if (vectorsFile.bytes() != (long) manifest.ordinals() * dims * Float.BYTES) {
            throw new CorruptVectorsException(dir, SnapshotWriter.VECTORS + " should hold " + manifest.ordinals()
                    + " vectors of " + dims + " dimensions, the manifest gives " + vectorsFile.bytes() + " bytes");
        }
        for (FileEntry file : manifest.files()) {
            verify(dir, file);
        }

        VectorValues vectors = new VectorValues(dims);
        AppendOnlyArray<String> ids = new AppendOnlyArray<>();
        BitSet live = new BitSet(manifest.ordinals());
        Map<String, Integer> ordinals = new HashMap<>();
        try {
            readVectors(dir.resolve(SnapshotWriter.VECTORS), vectors, manifest.ordinals(), dims);
            readIds(dir.resolve(SnapshotWriter.IDS), ids, live, ordinals, manifest.ordinals(), dir);
        } catch (EOFException e) {
            throw new CorruptVectorsException(dir, "a file ends early although its checksum matches", e);
        }
        if (ordinals.size() != manifest.live()) {
            throw new CorruptVectorsException(dir, SnapshotWriter.IDS + " names " + ordinals.size()
                    + " chunks, the manifest " + manifest.live());
        }
        VectorGraph graph;
        try {
            graph = VectorGraph.read(vectors, dir.resolve(SnapshotWriter.GRAPH));
        } catch (IOException | RuntimeException e) {
            throw new CorruptVectorsException(dir, SnapshotWriter.GRAPH + " does not load: " + e.getMessage(), e);
        }
        return new VectorStore(dims, vectors, ids, live, ordinals, graph);
    }

    private static byte[] readManifest(Path dir) throws IOException {
        try {
            return Files.readAllBytes(dir.resolve(Manifest.FILE_NAME));
        } catch (NoSuchFileException e) {
            throw new CorruptVectorsException(dir, "no " + Manifest.FILE_NAME + " (incomplete or not a snapshot)", e);
        }
    }

    private static void verify(Path dir, FileEntry file) throws IOException {
        Path path = dir.resolve(file.name());
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new CorruptVectorsException(dir, file.name() + " is missing", e);
        }
        if (size != file.bytes()) {
            throw new CorruptVectorsException(dir, file.name() + " has " + size + " bytes, the manifest says "
                    + file.bytes() + (size < file.bytes() ? " (truncated)" : ""));
        }
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(path)) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, read);
            }
        }
        if ((int) crc.getValue() != file.crc32c()) {
            throw new CorruptVectorsException(dir, file.name() + " fails its checksum");
        }
    }

    private static void readVectors(Path file, VectorValues vectors, int count, int dims) throws IOException {
        byte[] bytes = new byte[dims * Float.BYTES];
        try (DataInputStream in = open(file)) {
            for (int ordinal = 0; ordinal < count; ordinal++) {
                in.readFully(bytes);
                float[] vector = new float[dims];
                ByteBuffer.wrap(bytes).asFloatBuffer().get(vector);
                vectors.append(VectorValues.TYPES.createFloatVector(vector));
            }
        }
    }

    private static void readIds(Path file, AppendOnlyArray<String> ids, BitSet live, Map<String, Integer> ordinals,
            int count, Path dir) throws IOException {
        try (DataInputStream in = open(file)) {
            for (int ordinal = 0; ordinal < count; ordinal++) {
                int length = in.readUnsignedShort();
                if (length == 0) {
                    ids.append(null);
                    continue;
                }
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                String id = new String(bytes, StandardCharsets.UTF_8);
                if (ordinals.putIfAbsent(id, ordinal) != null) {
                    throw new CorruptVectorsException(dir, "chunk " + id + " appears twice in " + SnapshotWriter.IDS);
                }
                ids.append(id);
                live.set(ordinal);
            }
            if (in.read() != -1) {
                throw new CorruptVectorsException(dir, SnapshotWriter.IDS + " has bytes after its last chunk id");
            }
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES));
    }
}
