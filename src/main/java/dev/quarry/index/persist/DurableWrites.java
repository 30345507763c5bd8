package dev.quarry.index.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The few durable writes a snapshot makes outside Lucene. A seam so tests can make them fail the
 * way a full or failing disk does (tests run as root, where a read-only directory blocks nothing).
 */
public interface DurableWrites {

    /** Creates {@code file}, which must not exist, with {@code content} and forces it to disk. */
    void writeNew(Path file, byte[] content) throws IOException;

    /** Replaces {@code file} atomically: a reader sees the old content or the new one, never a mix. */
    void replace(Path file, byte[] content) throws IOException;

    /** Makes the creations and renames inside {@code dir} durable. */
    void syncDirectory(Path dir) throws IOException;

    /** The real disk. */
    static DurableWrites disk() {
        return Disk.INSTANCE;
    }

    /** Plain file-system writes with fsync. */
    enum Disk implements DurableWrites {
        INSTANCE;

        @Override
        public void writeNew(Path file, byte[] content) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        }

        @Override
        public void replace(Path file, byte[] content) throws IOException {
            AtomicFiles.write(file, content);
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            AtomicFiles.fsyncDirectory(dir);
        }
    }
}
