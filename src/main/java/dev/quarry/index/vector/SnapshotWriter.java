package dev.quarry.index.vector;

import dev.quarry.index.vector.Manifest.FileEntry;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Writes a {@link VectorView} as a snapshot directory. All numbers are big-endian (Java's
 * {@code DataOutput} order, which jvector's graph stream uses too):
 * <ul>
 *   <li>{@value #VECTORS}: {@code ordinals x dims} f32, the unit vectors by ordinal, removed ones
 *       included because the graph still routes through them;
 *   <li>{@value #IDS}: per ordinal a u16 byte length and the UTF-8 chunk id, length 0 for a removed one;
 *   <li>{@value #GRAPH}: the graph, see {@link VectorGraph};
 *   <li>{@value Manifest#FILE_NAME}: see {@link Manifest}, written last.
 * </ul>
 */
final class SnapshotWriter {

    static final String VECTORS = "vectors.f32";
    static final String IDS = "ids.bin";
    static final String GRAPH = "graph.bin";

    private static final int BUFFER_BYTES = 1 << 16;

    private SnapshotWriter() {}

    static void write(VectorView view, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> existing = Files.list(dir)) {
            if (existing.findAny().isPresent()) {
                throw new IOException("Refusing to write a vector snapshot into non-empty directory " + dir);
            }
        }
        List<FileEntry> files = List.of(
                writeFile(dir, VECTORS, out -> writeVectors(view, out)),
                writeFile(dir, IDS, out -> writeIds(view, out)),
                writeFile(dir, GRAPH, out -> view.graph().write(out, view.ordinals(), view.entry())));
        Manifest manifest = new Manifest(view.dimensions(), view.ordinals(), view.size(), files);
        writeFile(dir, Manifest.FILE_NAME, out -> out.write(manifest.encode()));
        // Makes the new directory entries themselves durable.
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static void writeVectors(VectorView view, DataOutputStream out) throws IOException {
        int dims = view.dimensions();
        ByteBuffer buffer = ByteBuffer.allocate(dims * Float.BYTES);
        for (int ordinal = 0; ordinal < view.ordinals(); ordinal++) {
            VectorFloat<?> vector = view.vectors().getVector(ordinal);
            buffer.clear();
            for (int i = 0; i < dims; i++) {
                buffer.putFloat(vector.get(i));
            }
            out.write(buffer.array());
        }
    }

    private static void writeIds(VectorView view, DataOutputStream out) throws IOException {
        for (int ordinal = 0; ordinal < view.ordinals(); ordinal++) {
            if (view.isLive(ordinal)) {
                byte[] id = view.ids().get(ordinal).getBytes(StandardCharsets.UTF_8);
                out.writeShort(id.length);
                out.write(id);
            } else {
                out.writeShort(0);
            }
        }
    }

    private static FileEntry writeFile(Path dir, String name, Body body) throws IOException {
        CRC32C crc = new CRC32C();
        try (FileChannel channel = FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES), crc));
            body.writeTo(out);
            out.flush();
            channel.force(true);
            return new FileEntry(name, channel.size(), (int) crc.getValue());
        }
    }

    @FunctionalInterface
    private interface Body {
        void writeTo(DataOutputStream out) throws IOException;
    }
}
