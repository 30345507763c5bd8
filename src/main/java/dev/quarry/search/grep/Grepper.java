package dev.quarry.search.grep;

import dev.quarry.index.lucene.GrepFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Runs one grep on a point-in-time searcher: the trigram query narrows the files, globs filter
 * them by path (doc values, no text read), the survivors' text is read from doc values and verified
 * line by line, and output, in path order, stops at {@code max_results}.
 */
public final class Grepper {

    /** A candidate file: where its document lives and its path. */
    private record Candidate(LeafReaderContext leaf, int doc, String path) {}

    private Grepper() {}

    /** Files verified per unit of work handed to a thread. */
    private static final int BATCH = 32;

    /**
     * Greps on the calling thread, with up to {@code helpers} more tasks on {@code pool} sharing the
     * verification. The caller works too, so a busy pool only slows a grep down, never blocks it.
     * Files are handed out in path order in batches; once the batches done so far hold more than
     * {@code max_results} entries no new batch starts (those handed out form a prefix in path order,
     * so the cut is the same as a sequential run's).
     *
     * @param request an already {@link GrepRequest#validated() validated} request
     * @throws IllegalArgumentException for an invalid pattern or glob
     */
    public static GrepReply.Results grep(String indexId, IndexSearcher searcher, GrepRequest request,
                                         Executor pool, int helpers) throws IOException {
        long started = System.nanoTime();
        GrepPattern pattern = GrepPattern.compile(request);
        GlobFilter globs = GlobFilter.of(request.glob());
        List<Candidate> candidates = candidates(searcher, pattern, globs);
        int batches = (candidates.size() + BATCH - 1) / BATCH;
        AtomicReferenceArray<List<FileResult>> done = new AtomicReferenceArray<>(batches);
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicLong entries = new AtomicLong();
        Callable<Void> worker = () -> {
            LineMatcher matcher = new LineMatcher(pattern, request.invert(), request.maxCount());
            TextReader texts = new TextReader(searcher.getIndexReader().leaves().size());
            for (int b = nextBatch.getAndIncrement(); b < batches; b = nextBatch.getAndIncrement()) {
                List<Candidate> batch = candidates.subList(b * BATCH, Math.min(candidates.size(), (b + 1) * BATCH));
                // Doc values read forwards: take the batch in index order, keep its results in path order.
                Integer[] order = new Integer[batch.size()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, Comparator.comparingInt((Integer i) -> batch.get(i).leaf().ord)
                        .thenComparingInt(i -> batch.get(i).doc()));
                FileResult[] byPath = new FileResult[batch.size()];
                for (int i : order) {
                    Candidate candidate = batch.get(i);
                    byPath[i] = verify(candidate, texts.text(candidate.leaf(), candidate.doc()), matcher, request);
                }
                List<FileResult> results = new ArrayList<>();
                for (FileResult result : byPath) {
                    if (result != null) {
                        results.add(result);
                        entries.addAndGet(result.entries());
                    }
                }
                done.set(b, results);
                if (entries.get() > request.maxResults()) {
                    nextBatch.set(batches); // enough: later batches can only come after the cut
                }
            }
            return null;
        };
        List<Helper> helping = new ArrayList<>();
        for (int h = 0; h < Math.min(helpers, batches - 1); h++) {
            Helper helper = new Helper(worker);
            helping.add(helper);
            pool.execute(helper.task);
        }
        try {
            worker.call();
            for (Helper helper : helping) {
                helper.awaitIfStarted();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("grep failed", e.getCause());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("grep was interrupted", e);
        }
        Output output = new Output(request);
        merge:
        for (int b = 0; b < batches; b++) {
            List<FileResult> batch = done.get(b);
            if (batch == null) {
                break; // not started once there were enough results
            }
            for (FileResult result : batch) {
                if (!output.add(result)) {
                    break merge;
                }
            }
        }
        return output.results(indexId, candidates.size(), (System.nanoTime() - started) / 1000);
    }

    /** A verification task offered to the pool; the caller waits for it only if a pool thread picked it up. */
    private static final class Helper {
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final FutureTask<Void> task;

        Helper(Callable<Void> work) {
            this.task = new FutureTask<>(() -> claimed.compareAndSet(false, true) ? work.call() : null);
        }

        void awaitIfStarted() throws ExecutionException, InterruptedException {
            if (!claimed.compareAndSet(false, true)) {
                task.get(); // running or done: its batches must be complete before the merge
            }
        }
    }

    /** One file's selected lines, already rendered as output lines (matches with their context). */
    private record FileResult(String path, int[] lines, List<GrepReply.Line> output) {
        int entries() {
            return output == null ? 1 : lines.length;
        }
    }

    private static FileResult verify(Candidate candidate, String text, LineMatcher matcher, GrepRequest request) {
        int[] lines = matcher.selectedLines(text);
        if (lines.length == 0) {
            return null;
        }
        if (request.filesWithMatches() || request.count()) {
            return new FileResult(candidate.path(), lines, null);
        }
        return new FileResult(candidate.path(), lines,
                withContext(candidate.path(), new LineIndex(text), lines, request.contextBefore(), request.contextAfter()));
    }

    /** Matches in line order with up to {@code before}/{@code after} context lines around each, none twice. */
    private static List<GrepReply.Line> withContext(String path, LineIndex index, int[] lines, int before, int after) {
        List<GrepReply.Line> out = new ArrayList<>(lines.length);
        int printed = 0; // highest line number already output
        for (int i = 0; i < lines.length; i++) {
            int line = lines[i];
            for (int c = Math.max(printed + 1, line - before); c < line; c++) {
                out.add(new GrepReply.Line(path, c, index.line(c), true));
            }
            out.add(new GrepReply.Line(path, line, index.line(line), false));
            printed = line;
            int next = i + 1 < lines.length ? lines[i + 1] : Integer.MAX_VALUE;
            int lastAfter = (int) Math.min((long) line + after, index.count());
            for (int c = line + 1; c <= lastAfter && c < next; c++) {
                out.add(new GrepReply.Line(path, c, index.line(c), true));
                printed = c;
            }
        }
        return out;
    }

    private static List<Candidate> candidates(IndexSearcher searcher, GrepPattern pattern, GlobFilter globs)
            throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(pattern.candidates()), ScoreMode.COMPLETE_NO_SCORES, 1f);
        List<Candidate> found = new ArrayList<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            LeafReader reader = leaf.reader();
            Bits live = reader.getLiveDocs();
            SortedDocValues paths = reader.getSortedDocValues(GrepFields.PATH_VALUES);
            DocIdSetIterator docs = scorer.iterator();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if ((live != null && !live.get(doc)) || paths == null || !paths.advanceExact(doc)) {
                    continue; // deleted, or a file document written before grep existed
                }
                String path = paths.lookupOrd(paths.ordValue()).utf8ToString();
                if (globs.isEmpty() || globs.accepts(path)) {
                    found.add(new Candidate(leaf, doc, path));
                }
            }
        }
        found.sort(Comparator.comparing(Candidate::path));
        return found;
    }

    /** One thread's cursors over the text doc values, one per leaf, renewed when a read goes backwards. */
    private static final class TextReader {
        private final BinaryDocValues[] cursors;

        TextReader(int leaves) {
            cursors = new BinaryDocValues[leaves];
        }

        String text(LeafReaderContext leaf, int doc) throws IOException {
            BinaryDocValues cursor = cursors[leaf.ord];
            if (cursor == null || cursor.docID() > doc) {
                cursor = leaf.reader().getBinaryDocValues(GrepFields.CONTENT);
                cursors[leaf.ord] = cursor;
            }
            if (cursor == null || !cursor.advanceExact(doc)) {
                return "";
            }
            BytesRef bytes = cursor.binaryValue();
            return new String(bytes.bytes, bytes.offset, bytes.length, StandardCharsets.UTF_8);
        }
    }

    /** Collects lines, files or counts by mode, up to {@code max_results} entries. */
    private static final class Output {
        private final GrepRequest request;
        private final List<GrepReply.Line> matches = new ArrayList<>();
        private final List<String> files = new ArrayList<>();
        private final List<GrepReply.FileCount> counts = new ArrayList<>();
        private int entries;
        private boolean truncated;

        Output(GrepRequest request) {
            this.request = request;
        }

        /** @return false once {@code max_results} is reached and something was left out */
        boolean add(FileResult result) {
            if (result.output() == null) {
                if (!room()) {
                    return false;
                }
                if (request.filesWithMatches()) {
                    files.add(result.path());
                } else {
                    counts.add(new GrepReply.FileCount(result.path(), result.lines().length));
                }
                entries++;
                return true;
            }
            int lastMatch = 0;
            for (GrepReply.Line line : result.output()) {
                if (!line.context()) {
                    if (!room()) {
                        dropContextBefore(result.path(), lastMatch);
                        return false;
                    }
                    entries++;
                    lastMatch = line.line();
                }
                matches.add(line);
            }
            return true;
        }

        /** Context lines that were only there for a match that was cut (not after-context of the last kept one). */
        private void dropContextBefore(String path, int lastKeptMatch) {
            while (!matches.isEmpty()) {
                GrepReply.Line last = matches.get(matches.size() - 1);
                if (!last.context() || !last.path().equals(path) || last.line() <= lastKeptMatch + request.contextAfter()) {
                    return;
                }
                matches.remove(matches.size() - 1);
            }
        }

        private boolean room() {
            if (entries >= request.maxResults()) {
                truncated = true;
                return false;
            }
            return true;
        }

        GrepReply.Results results(String indexId, int candidates, long tookMicros) {
            return new GrepReply.Results(indexId, List.copyOf(matches), List.copyOf(files), List.copyOf(counts),
                    truncated, candidates, tookMicros);
        }
    }
}
