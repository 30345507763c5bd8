package dev.quarry.embed;

import dev.quarry.ingest.ChunkIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persistent cache of document vectors keyed by content, shared by every index on the machine: a
 * chunk that appears in several repositories (vendored code, forks, unchanged files after a
 * re-index) is embedded once.
 *
 * <p>Key: SHA-256 of {@code modelId + "\0" + text}, so vectors of different models (or token
 * limits, which are part of the model id) never mix.
 *
 * <p>File format (little-endian):
 * <pre>
 * header: u16 length + UTF-8 "quarry-embcache-1", u16 length + UTF-8 model id, i32 dims, i32 CRC32 of the preceding header bytes
 * record: 32-byte key hash, dims x f32 vector, i32 CRC32 of hash + vector       (repeated, append-only)
 * </pre>
 * Records have a fixed size, so only the in-memory index (hash to file offset) is held on the heap;
 * vectors are read back with positional reads and left to the OS page cache.
 *
 * <p>Recovery: a crash can only tear the end of an append-only file, so on open everything from
 * the first record that is incomplete or fails its CRC is cut off and logged; those vectors are
 * simply recomputed. A damaged or foreign header fails {@link #open} instead, because starting
 * empty would overwrite a file that may hold data. The file is locked against a second process.
 */
public final class EmbeddingCache implements AutoCloseable {

    static final String FORMAT = "quarry-embcache-1";

    private static final Logger log = LoggerFactory.getLogger(EmbeddingCache.class);
    private static final int HASH_BYTES = 32;
    /** The u16 length and UTF-8 bytes of {@link #FORMAT} that open every cache file. */
    private static final byte[] MAGIC = lengthPrefixed(FORMAT);
    private static final int SCAN_BUFFER_BYTES = 1 << 20;
    private static final Set<Path> OPEN_FILES = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final String modelId;
    private final int dims;
    private final int recordBytes;
    private final FileChannel channel;
    private final FileLock lock;
    private final ConcurrentHashMap<Key, Long> offsets = new ConcurrentHashMap<>();
    private final Object appendLock = new Object();
    private long end;

    private EmbeddingCache(Path file, String modelId, int dims, FileChannel channel, FileLock lock) {
        this.file = file;
        this.modelId = modelId;
        this.dims = dims;
        this.recordBytes = HASH_BYTES + dims * Float.BYTES + Integer.BYTES;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Opens the cache at {@code file}, creating it if it is missing or empty.
     *
     * @throws IOException if the file's header is damaged, names another format, model or
     *     dimension count, or the file is already open elsewhere
     */
    public static EmbeddingCache open(Path file, String modelId, int dims) throws IOException {
        if (dims <= 0) {
            throw new IllegalArgumentException("dims must be positive, got " + dims);
        }
        Path path = file.toAbsolutePath().normalize();
        // Checked before opening a descriptor: closing a second channel to a locked file would drop
        // this process's POSIX lock on it (see FileLock), leaving the first cache unprotected.
        if (!OPEN_FILES.add(path)) {
            throw new IOException("Embedding cache " + path + " is already open in this process");
        }
        try {
            if (!Files.exists(path) || Files.size(path) == 0) {
                create(path, header(modelId, dims));
            }
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                EmbeddingCache cache = new EmbeddingCache(path, modelId, dims, channel, lock(channel, path));
                cache.load();
                return cache;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            OPEN_FILES.remove(path);
            throw e;
        }
    }

    public String modelId() {
        return modelId;
    }

    public int dimensions() {
        return dims;
    }

    public Optional<float[]> get(String text) {
        Long offset = offsets.get(Key.of(hash(text)));
        if (offset == null) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.allocate(dims * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try {
            readFully(buffer, offset + HASH_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading embedding cache " + file + " failed", e);
        }
        float[] vector = new float[dims];
        buffer.flip().asFloatBuffer().get(vector);
        return Optional.of(vector);
    }

    /** Stores the vector unless the text is already cached; the record is durable after {@link #flush()}. */
    public void put(String text, float[] vector) {
        if (vector.length != dims) {
            throw new IllegalArgumentException(
                    "Vector has " + vector.length + " dimensions, cache " + file + " holds " + dims);
        }
        byte[] hash = hash(text);
        Key key = Key.of(hash);
        if (offsets.containsKey(key)) {
            return;
        }
        ByteBuffer record = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        record.put(hash);
        record.asFloatBuffer().put(vector);
        record.position(HASH_BYTES + dims * Float.BYTES);
        record.putInt(crc(record.array(), HASH_BYTES + dims * Float.BYTES));
        record.flip();
        synchronized (appendLock) {
            if (offsets.containsKey(key)) {
                return;
            }
            try {
                writeFully(record, end);
            } catch (IOException e) {
                throw new UncheckedIOException("Appending to embedding cache " + file + " failed", e);
            }
            // Published only once written, so a concurrent get never reads a half-written record.
            offsets.put(key, end);
            end += recordBytes;
        }
    }

    /** Forces appended records to disk (fsync). */
    public void flush() {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Syncing embedding cache " + file + " failed", e);
        }
    }

    public int size() {
        return offsets.size();
    }

    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try (channel) {
            flush();
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("Closing embedding cache " + file + " failed", e);
        } finally {
            OPEN_FILES.remove(file);
        }
    }

    private byte[] hash(String text) {
        String hex = ChunkIds.sha256((modelId + '\0' + text).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().parseHex(hex);
    }

    private void load() throws IOException {
        long offset = checkHeader();
        long size = channel.size();
        int payload = HASH_BYTES + dims * Float.BYTES;
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(recordBytes, SCAN_BUFFER_BYTES / recordBytes * recordBytes));
        scan:
        while (offset + recordBytes <= size) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), (size - offset) / recordBytes * recordBytes));
            readFully(buffer, offset);
            byte[] bytes = buffer.array();
            for (int at = 0; at < buffer.limit(); at += recordBytes) {
                int stored = ByteBuffer.wrap(bytes, at + payload, Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (stored != crc(bytes, at, payload)) {
                    break scan;
                }
                byte[] hash = new byte[HASH_BYTES];
                System.arraycopy(bytes, at, hash, 0, HASH_BYTES);
                offsets.putIfAbsent(Key.of(hash), offset);
                offset += recordBytes;
            }
        }
        if (offset < size) {
            log.warn("Embedding cache {}: cut off {} bytes after {} valid records (torn or corrupt tail)",
                    file, size - offset, offsets.size());
            channel.truncate(offset);
            channel.force(true);
        }
        end = offset;
    }

    /** Validates the header and returns its length, where the records start. */
    private int checkHeader() throws IOException {
        ByteBuffer actual = ByteBuffer.allocate((int) Math.min(channel.size(), MAGIC.length + 2 + 65_535 + 4 + 4));
        readFully(actual, 0);
        actual.flip().order(ByteOrder.LITTLE_ENDIAN);
        byte[] fileMagic = new byte[Math.min(MAGIC.length, actual.remaining())];
        actual.get(fileMagic);
        if (!Arrays.equals(MAGIC, fileMagic)) {
            throw corrupt("it does not start with the format name " + FORMAT);
        }
        String fileModel;
        int fileDims;
        try {
            fileModel = readString(actual);
            fileDims = actual.getInt();
            int headerLength = actual.position();
            if (actual.getInt() != crc(actual.array(), headerLength)) {
                throw corrupt("header checksum mismatch");
            }
        } catch (BufferUnderflowException e) {
            throw corrupt("header is truncated");
        }
        if (!fileModel.equals(modelId) || fileDims != dims) {
            throw new IOException("Embedding cache " + file + " holds model '" + fileModel + "' with " + fileDims
                    + " dims, not '" + modelId + "' with " + dims + "; use a separate cache file per model");
        }
        return actual.position();
    }

    private IOException corrupt(String reason) {
        return new IOException("Embedding cache " + file + " has a corrupt header: " + reason
                + "; refusing to overwrite it (move it aside to start a new cache)");
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new IOException("Unexpected end of " + file + " at " + (position + buffer.position()));
            }
        }
    }

    private void writeFully(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position());
        }
    }

    private static void create(Path file, byte[] header) throws IOException {
        // Written beside the target and moved into place, so a crash never leaves a half header.
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".new");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(header));
            out.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static FileLock lock(FileChannel channel, Path file) throws IOException {
        FileLock lock = channel.tryLock();
        if (lock == null) {
            throw new IOException("Embedding cache " + file + " is in use by another process");
        }
        return lock;
    }

    private static byte[] header(String modelId, int dims) {
        byte[] model = lengthPrefixed(modelId);
        ByteBuffer header = ByteBuffer.allocate(MAGIC.length + model.length + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).put(model).putInt(dims);
        header.putInt(crc(header.array(), header.position()));
        return header.array();
    }

    private static byte[] lengthPrefixed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 65_535) {
            throw new IllegalArgumentException("Header string is too long (" + bytes.length + " bytes): " + text);
        }
        return ByteBuffer.allocate(2 + bytes.length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) bytes.length).put(bytes).array();
    }

    private static String readString(ByteBuffer buffer) {
        byte[] bytes = new byte[Short.toUnsignedInt(buffer.getShort())];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int crc(byte[] bytes, int length) {
        return crc(bytes, 0, length);
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** The 256-bit hash as four longs: a compact map key with cheap equality. */
    private record Key(long a, long b, long c, long d) {
        static Key of(byte[] hash) {
            ByteBuffer buffer = ByteBuffer.wrap(hash);
            return new Key(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
        }
    }
}
