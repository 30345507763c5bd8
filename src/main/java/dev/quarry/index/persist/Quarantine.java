package dev.quarry.index.persist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Moves what failed verification aside into {@code quarantine/}, for inspection, never deleting it.
 * A generation's Lucene files usually live in a directory that a good generation still uses (and
 * whose writer will delete the files no live commit references), so they are hard-linked (copied
 * where links are not supported) next to the moved generation directory.
 */
public final class Quarantine {
    public static final String REASON_FILE = "REASON";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Quarantine() {}

    /**
     * Moves {@code generation}'s directory and preserves the files {@code manifest} lists.
     *
     * @param manifest the decoded manifest, or null when it could not be decoded (only the directory moves)
     * @return the quarantine directory, relative to the index directory
     */
    public static String generation(SnapshotLayout layout, long generation, SnapshotManifest manifest, String reason,
                                    DurableWrites writes) throws IOException {
        Path target = newTarget(layout, SnapshotLayout.generationName(generation));
        if (manifest != null) {
            for (SnapshotManifest.FileEntry entry : manifest.entries()) {
                Path source = layout.dir().resolve(entry.name());
                if (Files.exists(source) && !entry.name().startsWith(SnapshotLayout.generationName(generation) + "/")) {
                    preserve(source, target.resolve(entry.name()));
                }
            }
        }
        Path genDir = layout.generation(generation);
        if (Files.exists(genDir)) {
            Files.move(genDir, target.resolve(genDir.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        return finish(layout, target, reason, writes);
    }

    /** Copies an unreadable {@code CURRENT} aside; the caller then replaces it. */
    public static String current(SnapshotLayout layout, String reason, DurableWrites writes) throws IOException {
        Path target = newTarget(layout, SnapshotLayout.CURRENT);
        Files.copy(layout.current(), target.resolve(SnapshotLayout.CURRENT));
        return finish(layout, target, reason, writes);
    }

    /** Quarantined entries, oldest first, as names relative to the index directory. */
    public static List<String> entries(SnapshotLayout layout) throws IOException {
        if (!Files.isDirectory(layout.quarantine())) {
            return List.of();
        }
        try (var list = Files.list(layout.quarantine())) {
            return list.map(p -> SnapshotLayout.QUARANTINE + "/" + p.getFileName()).sorted().toList();
        }
    }

    private static Path newTarget(SnapshotLayout layout, String what) throws IOException {
        Files.createDirectories(layout.quarantine());
        String base = what + "-" + STAMP.format(Instant.now());
        for (int n = 0; ; n++) {
            Path target = layout.quarantine().resolve(n == 0 ? base : base + "-" + n);
            try {
                Files.createDirectory(target);
                return target;
            } catch (FileAlreadyExistsException e) {
                // Two quarantines in the same second: take the next suffix.
            }
        }
    }

    private static void preserve(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, source);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String finish(SnapshotLayout layout, Path target, String reason, DurableWrites writes) throws IOException {
        writes.writeNew(target.resolve(REASON_FILE), (reason + "\n").getBytes(StandardCharsets.UTF_8));
        writes.syncDirectory(target);
        writes.syncDirectory(layout.quarantine());
        writes.syncDirectory(layout.dir());
        return layout.dir().relativize(target).toString();
    }
}
