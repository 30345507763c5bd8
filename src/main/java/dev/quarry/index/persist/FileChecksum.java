package dev.quarry.index.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * CRC32C of whole files, streamed through one reused direct buffer: no file is ever held in
 * memory. Not thread-safe; make one per verification or snapshot.
 */
public final class FileChecksum {
    private static final int BUFFER_BYTES = 256 * 1024;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);

    private FileChecksum() {}

    public static FileChecksum create() {
        return new FileChecksum();
    }

    /** Hex CRC32C of every byte of {@code file}. */
    public String of(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        buffer.clear();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
        }
        return hex(crc.getValue());
    }

    /** Hex CRC32C of the first {@code length} bytes of {@code bytes}. */
    public static String of(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return hex(crc.getValue());
    }

    private static String hex(long value) {
        return HexFormat.of().toHexDigits((int) value);
    }
}
