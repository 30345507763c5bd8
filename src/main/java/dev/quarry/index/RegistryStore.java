package dev.quarry.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quarry.index.persist.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The persisted list of indexes ({@code registry.json}). Replaced atomically on every change. A
 * file that exists but cannot be read or parsed fails closed: Quarry refuses to start rather than
 * forget every index.
 */
public final class RegistryStore {
    public static final String FORMAT = "quarry-registry-1";

    record RegistryFile(String format, List<IndexSpec> indexes) {}

    /** Thrown when the registry exists but is unreadable; startup must stop. */
    public static final class UnreadableRegistryException extends IOException {
        UnreadableRegistryException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Path file;

    public RegistryStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The registered indexes; empty only when no registry file exists yet. */
    public List<IndexSpec> load() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            RegistryFile parsed = JSON.readValue(Files.readAllBytes(file), RegistryFile.class);
            if (!FORMAT.equals(parsed.format()) || parsed.indexes() == null) {
                throw new UnreadableRegistryException(
                        "registry " + file + " has unknown format '" + parsed.format() + "' (expected " + FORMAT + ")", null);
            }
            return List.copyOf(parsed.indexes());
        } catch (UnreadableRegistryException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableRegistryException("registry " + file + " is unreadable (" + e.getMessage()
                    + "); refusing to start so no index is forgotten. Restore it from a backup, or move it aside"
                    + " to start with no indexes.", e);
        }
    }

    public void save(List<IndexSpec> indexes) throws IOException {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(new RegistryFile(FORMAT, indexes)));
        } catch (JsonProcessingException e) {
            throw new IOException("could not encode the registry", e);
        }
    }
}
