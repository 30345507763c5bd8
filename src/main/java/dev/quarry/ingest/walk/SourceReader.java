package dev.quarry.ingest.walk;

import dev.quarry.ingest.ChunkIds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Reads a walked file as UTF-8 source text, or says why not. Binary files are recognised by
 * content, not extension. Stateless, so one instance serves any number of reader threads.
 */
public final class SourceReader {
    /** Git looks for NUL in the first 8000 bytes to call a file binary; this is the same heuristic. */
    private static final int BINARY_SNIFF_BYTES = 8 * 1024;
    /** Largest array the JVM reliably allocates, less the byte read past the limit. */
    private static final long MAX_LIMIT = Integer.MAX_VALUE - 9L;

    private final long maxFileBytes;

    private SourceReader(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    public static SourceReader create(long maxFileBytes) {
        if (maxFileBytes <= 0 || maxFileBytes > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "maxFileBytes must be between 1 and " + MAX_LIMIT + ", was " + maxFileBytes);
        }
        return new SourceReader(maxFileBytes);
    }

    /** Never throws for I/O problems: they come back as {@link SkipReason#UNREADABLE}. */
    public ReadResult read(WalkEntry entry) {
        byte[] bytes;
        try {
            BasicFileAttributes attrs = Files.readAttributes(entry.file(), BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                // Opening a FIFO would block until some writer appears.
                return new ReadResult.Skipped(entry, SkipReason.UNREADABLE, "not a regular file");
            }
            if (attrs.size() > maxFileBytes) {
                return new ReadResult.Skipped(entry, SkipReason.TOO_LARGE,
                        attrs.size() + " bytes exceeds the limit of " + maxFileBytes);
            }
            try (SeekableByteChannel channel = Files.newByteChannel(entry.file())) {
                bytes = readAtMostOnePastLimit(channel);
            }
        } catch (IOException e) {
            return new ReadResult.Skipped(
                    entry, SkipReason.UNREADABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (bytes.length > maxFileBytes) {
            return new ReadResult.Skipped(entry, SkipReason.TOO_LARGE,
                    "grew past the limit of " + maxFileBytes + " bytes after it was walked");
        }
        return decode(entry, bytes);
    }

    /**
     * Sized from the channel so the common case is one allocation and one read; reading stops
     * one byte past the limit, which reveals a file that grew after it was sized.
     */
    private byte[] readAtMostOnePastLimit(SeekableByteChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), maxFileBytes) + 1);
        while (channel.read(buffer) >= 0) {
            if (!buffer.hasRemaining()) {
                if (buffer.capacity() > maxFileBytes) {
                    break;
                }
                int grown = (int) Math.min(2L * buffer.capacity(), maxFileBytes + 1);
                buffer = ByteBuffer.allocate(grown).put(buffer.flip());
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private ReadResult decode(WalkEntry entry, byte[] bytes) {
        int nul = indexOfNul(bytes, Math.min(bytes.length, BINARY_SNIFF_BYTES));
        if (nul >= 0) {
            return new ReadResult.Skipped(entry, SkipReason.BINARY, "NUL byte at offset " + nul);
        }
        int start = hasUtf8Bom(bytes) ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start); // UTF-8 never decodes to more chars than bytes
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            return new ReadResult.Skipped(
                    entry, SkipReason.INVALID_UTF8, "invalid UTF-8 at byte offset " + in.position());
        }
        return new ReadResult.Text(entry, out.flip().toString(), ChunkIds.sha256(bytes));
    }

    private static int indexOfNul(byte[] bytes, int limit) {
        for (int i = 0; i < limit; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasUtf8Bom(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
    }
}
