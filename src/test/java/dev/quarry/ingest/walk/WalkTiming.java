package dev.quarry.ingest.walk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-run timing check, not a test: walks a tree a few times (the first run warms the JIT and
 * the page cache) and prints files per second, then reads every accepted file once on this
 * thread with {@link SourceReader}. With a second argument it also writes the accepted relative
 * paths there, one per line, for comparison with {@code git ls-files}.
 *
 * <pre>java -cp target/classes:target/test-classes dev.quarry.ingest.walk.WalkTiming /usr/share [paths.txt]</pre>
 */
public final class WalkTiming {
    private WalkTiming() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: WalkTiming <root> [paths-out]");
            System.exit(2);
        }
        FileWalker walker = FileWalker.create(Path.of(args[0]), WalkOptions.defaults());
        List<WalkEntry> entries = new ArrayList<>();
        for (int run = 1; run <= 3; run++) {
            entries.clear();
            long start = System.nanoTime();
            walker.forEach(entries::add);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("walk %d: %d files in %.2f s = %.0f files/s; %s%n",
                    run, entries.size(), seconds, entries.size() / seconds, walker.stats());
        }
        SourceReader reader = SourceReader.create(WalkOptions.defaults().maxFileBytes());
        Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        long bytes = 0;
        long start = System.nanoTime();
        for (WalkEntry entry : entries) {
            bytes += entry.size();
            if (reader.read(entry) instanceof ReadResult.Skipped s) {
                skipped.merge(s.reason(), 1, Integer::sum);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("read (1 thread): %d files, %.0f MB in %.2f s = %.0f files/s; skipped %s%n",
                entries.size(), bytes / 1e6, seconds, entries.size() / seconds, skipped);
        if (args.length > 1) {
            Files.write(Path.of(args[1]), entries.stream().map(WalkEntry::relativePath).toList());
        }
    }
}
