package dev.quarry.ingest;

import dev.quarry.ingest.chunk.SourceChunker;
import dev.quarry.ingest.symbols.FileSymbols;
import dev.quarry.ingest.symbols.SymbolExtractor;
import dev.quarry.ingest.walk.FileWalker;
import dev.quarry.ingest.walk.ReadResult;
import dev.quarry.ingest.walk.SourceReader;
import dev.quarry.ingest.walk.WalkEntry;
import dev.quarry.ingest.walk.WalkOptions;
import dev.quarry.ingest.walk.WalkStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Walk → read → fingerprint → chunk + extract symbols, in parallel off the index actor, then batches handed to the
 * index one at a time: the next batch is only formed once the previous commit was acknowledged,
 * so a slow index back-pressures the walk instead of piling work up in memory.
 */
public final class IngestPipeline {

    /** Batch bounds: a batch closes at {@code maxBatchWeight} chunks+files or after {@code maxBatchDelay}. */
    public record Settings(int parallelism, long maxBatchWeight, Duration maxBatchDelay) {}

    private sealed interface Outcome {
        String path();
    }

    private record Changed(String path, FileUpdate update) implements Outcome {}

    private record Unchanged(String path) implements Outcome {}

    private record Skipped(String path, String reason) implements Outcome {}

    private final SourceChunker chunker;
    private final SymbolExtractor symbols;
    private final Executor workers;
    private final Settings settings;

    public IngestPipeline(SourceChunker chunker, SymbolExtractor symbols, Executor workers, Settings settings) {
        this.chunker = chunker;
        this.symbols = symbols;
        this.workers = workers;
        this.settings = settings;
    }

    /**
     * @param fingerprints path → content hash of what the index already holds; matching files are not re-chunked
     * @param force        re-chunk every file regardless of fingerprints
     * @param commit       hands a batch to the index; the returned stage completes when it is applied
     * @return the walker's figures once every batch has been committed
     */
    public CompletionStage<WalkStats> run(
            ClassicActorSystemProvider system,
            Path root,
            WalkOptions options,
            Map<String, String> fingerprints,
            boolean force,
            Function<IngestBatch, CompletionStage<?>> commit) {
        FileWalker walker = FileWalker.create(root, options);
        SourceReader reader = SourceReader.create(options.maxFileBytes());
        return Source.fromIterator(walker::iterator)
                // Directory listing is blocking I/O: keep it off the default dispatcher.
                .withAttributes(ActorAttributes.dispatcher("quarry.blocking-dispatcher"))
                .mapAsyncUnordered(settings.parallelism(), entry ->
                        CompletableFuture.supplyAsync(() -> prepare(entry, reader, fingerprints, force), workers))
                .groupedWeightedWithin(settings.maxBatchWeight(), IngestPipeline::weight, settings.maxBatchDelay())
                .mapAsync(1, outcomes -> commit.apply(toBatch(outcomes)))
                .runWith(Sink.ignore(), system)
                .thenApply(done -> walker.stats());
    }

    /** Hashes, chunks and extracts symbols of one file's text: what a walk does for a changed file, for content pushed by a client. */
    public FileUpdate fileUpdate(String path, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Language language = Language.forPath(path);
        return new FileUpdate(path, ChunkIds.sha256(bytes), bytes.length, text, chunker.chunk(path, language, text),
                symbols.extract(path, language, text));
    }

    private Outcome prepare(WalkEntry entry, SourceReader reader, Map<String, String> fingerprints, boolean force) {
        String path = entry.relativePath();
        return switch (reader.read(entry)) {
            case ReadResult.Skipped skipped -> new Skipped(path, skipped.reason().name().toLowerCase(Locale.ROOT));
            case ReadResult.Text text -> {
                if (!force && text.sha256().equals(fingerprints.get(path))) {
                    yield new Unchanged(path);
                }
                Language language = Language.forPath(path);
                // Chunker and extractor each parse the file; one shared tree would save about 30% of this
                // step's CPU (measured, docs/architecture.md "Symbols"), at the price of coupling the two.
                List<Chunk> chunks = chunker.chunk(path, language, text.text());
                FileSymbols fileSymbols = symbols.extract(path, language, text.text());
                yield new Changed(path, new FileUpdate(path, text.sha256(), entry.size(), text.text(), chunks, fileSymbols));
            }
        };
    }

    private static long weight(Outcome outcome) {
        return outcome instanceof Changed changed ? 1L + changed.update().chunks().size() : 1L;
    }

    private static IngestBatch toBatch(List<Outcome> outcomes) {
        List<FileUpdate> updates = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Map<String, Long> skipped = new HashMap<>();
        for (Outcome outcome : outcomes) {
            switch (outcome) {
                case Changed c -> updates.add(c.update());
                case Unchanged u -> unchanged.add(u.path());
                case Skipped s -> skipped.merge(s.reason(), 1L, Long::sum);
            }
        }
        return new IngestBatch(updates, unchanged, skipped, outcomes.size());
    }
}
