package dev.quarry.index.persist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where one index keeps its snapshots, and the names inside:
 * <pre>
 * &lt;index-dir&gt;/
 *   lucene-000001/      a Lucene directory (its own commit points); a forced reindex builds the next one
 *   gen-000042/manifest one generation: format, config, counts, the Lucene commit, a checksum per file
 *   CURRENT             "gen-000042 &lt;crc32c&gt;": the last verified generation, replaced atomically
 *   quarantine/         generations that failed verification, kept for inspection
 * </pre>
 */
public record SnapshotLayout(Path dir) {
    public static final String CURRENT = "CURRENT";
    public static final String MANIFEST = "manifest";
    public static final String QUARANTINE = "quarantine";

    private static final Pattern GENERATION = Pattern.compile("gen-(\\d{6,18})");
    private static final Pattern LUCENE = Pattern.compile("lucene-(\\d{6,9})");
    private static final Pattern CURRENT_LINE = Pattern.compile("(gen-\\d{6,18}) ([0-9a-f]{8})\n");

    public static String generationName(long generation) {
        return String.format("gen-%06d", generation);
    }

    public static String luceneName(int number) {
        return String.format("lucene-%06d", number);
    }

    public Path generation(long generation) {
        return dir.resolve(generationName(generation));
    }

    public Path manifest(long generation) {
        return generation(generation).resolve(MANIFEST);
    }

    public Path lucene(String name) {
        return dir.resolve(name);
    }

    public Path current() {
        return dir.resolve(CURRENT);
    }

    public Path quarantine() {
        return dir.resolve(QUARANTINE);
    }

    /** The generations that have a directory, ascending. */
    public List<Long> generations() throws IOException {
        List<Long> found = new ArrayList<>();
        for (String name : names()) {
            Matcher m = GENERATION.matcher(name);
            if (m.matches()) {
                found.add(Long.parseLong(m.group(1)));
            }
        }
        found.sort(null);
        return found;
    }

    /** The Lucene directories, by ascending number. */
    public List<String> luceneDirectories() throws IOException {
        List<String> found = new ArrayList<>();
        for (String name : names()) {
            if (LUCENE.matcher(name).matches()) {
                found.add(name);
            }
        }
        found.sort(null);
        return found;
    }

    /** A fresh Lucene directory name, numbered after every existing one. */
    public String nextLuceneDirectory() throws IOException {
        int max = 0;
        for (String name : luceneDirectories()) {
            max = Math.max(max, luceneNumber(name));
        }
        return luceneName(max + 1);
    }

    public static int luceneNumber(String name) {
        Matcher m = LUCENE.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Lucene directory name: " + name);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The content of {@code CURRENT} naming {@code generation}, with a checksum so a flipped digit cannot name another one. */
    public static byte[] currentContent(long generation) {
        String name = generationName(generation);
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        return (name + " " + FileChecksum.of(bytes, bytes.length) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The generation {@code CURRENT} names; empty when there is no {@code CURRENT} (nothing was ever published).
     *
     * @throws CorruptSnapshotException when it exists but is not exactly what {@link #currentContent} writes
     */
    public OptionalLong readCurrent() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(current());
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Matcher m = CURRENT_LINE.matcher(text);
        if (!m.matches()) {
            throw new CorruptSnapshotException(CURRENT + " is unreadable (" + bytes.length + " bytes, not '<generation> <crc32c>')");
        }
        long generation = parseGeneration(m.group(1)).orElseThrow();
        if (!text.equals(new String(currentContent(generation), StandardCharsets.ISO_8859_1))) {
            throw new CorruptSnapshotException(CURRENT + " checksum mismatch ('" + text.strip() + "')");
        }
        return OptionalLong.of(generation);
    }

    public static OptionalLong parseGeneration(String name) {
        Matcher m = GENERATION.matcher(name);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** The newest generation that has a directory and is older than {@code generation}. */
    public OptionalLong newestGenerationBelow(long generation) throws IOException {
        return generations().stream().mapToLong(Long::longValue).filter(g -> g < generation).max();
    }

    private List<String> names() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
        }
    }
}
