package dev.quarry.search.grep;

import dev.quarry.index.lucene.GrepFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/**
 * Runs one grep on a point-in-time searcher: the trigram query narrows the files, globs filter
 * them by path (doc values, no stored text touched), the survivors are read in path order and
 * verified line by line, and output stops at {@code max_results}.
 */
public final class Grepper {

    /** A candidate file: where its document lives and its path. */
    private record Candidate(LeafReaderContext leaf, int doc, String path) {}

    private Grepper() {}

    /**
     * @param request an already {@link GrepRequest#validated() validated} request
     * @throws IllegalArgumentException for an invalid pattern or glob
     */
    public static GrepReply.Results grep(String indexId, IndexSearcher searcher, GrepRequest request) throws IOException {
        long started = System.nanoTime();
        GrepPattern pattern = GrepPattern.compile(request);
        GlobFilter globs = GlobFilter.of(request.glob());
        List<Candidate> candidates = candidates(searcher, pattern, globs);
        Output output = new Output(request);
        LineMatcher matcher = new LineMatcher(pattern, request.invert(), request.maxCount());
        for (Candidate candidate : candidates) {
            String text = content(candidate);
            int[] lines = matcher.selectedLines(text);
            if (lines.length > 0 && !output.add(candidate.path(), text, lines)) {
                break;
            }
        }
        return output.results(indexId, candidates.size(), (System.nanoTime() - started) / 1000);
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

    private static String content(Candidate candidate) throws IOException {
        StoredFields stored = candidate.leaf().reader().storedFields();
        String[] text = {""};
        stored.document(candidate.doc(), new StoredFieldVisitor() {
            @Override
            public Status needsField(FieldInfo field) {
                if (GrepFields.CONTENT.equals(field.name)) {
                    return Status.YES;
                }
                return text[0].isEmpty() ? Status.NO : Status.STOP;
            }

            @Override
            public void stringField(FieldInfo field, String value) {
                text[0] = value;
            }
        });
        return text[0];
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
        boolean add(String path, String text, int[] lines) {
            if (request.filesWithMatches() || request.count()) {
                if (!room()) {
                    return false;
                }
                if (request.filesWithMatches()) {
                    files.add(path);
                } else {
                    counts.add(new GrepReply.FileCount(path, lines.length));
                }
                entries++;
                return true;
            }
            LineIndex index = new LineIndex(text);
            int before = request.contextBefore();
            int after = request.contextAfter();
            int printed = 0; // highest line number already output
            for (int i = 0; i < lines.length; i++) {
                if (!room()) {
                    return false;
                }
                int line = lines[i];
                for (int c = Math.max(printed + 1, line - before); c < line; c++) {
                    matches.add(new GrepReply.Line(path, c, index.line(c), true));
                }
                matches.add(new GrepReply.Line(path, line, index.line(line), false));
                entries++;
                printed = line;
                int next = i + 1 < lines.length ? lines[i + 1] : Integer.MAX_VALUE;
                int lastAfter = (int) Math.min((long) line + after, index.count());
                for (int c = line + 1; c <= lastAfter && c < next; c++) {
                    matches.add(new GrepReply.Line(path, c, index.line(c), true));
                    printed = c;
                }
            }
            return true;
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
