package dev.quarry.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Chunk ids: a hash of where the chunk lives, not of its text, so an edited method keeps its id
 * and its old version is replaced rather than duplicated. {@code ordinal} separates overloads
 * and repeated windows that share a path, kind and symbol.
 */
public final class ChunkIds {
    private ChunkIds() {}

    public static String of(String path, String kind, String symbol, int ordinal) {
        return hash(path + '\u0000' + kind + '\u0000' + symbol + '\u0000' + ordinal);
    }

    /** Hex SHA-256 of the bytes; used for file fingerprints and chunk ids alike. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static String hash(String key) {
        return sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
