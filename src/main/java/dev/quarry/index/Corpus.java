package dev.quarry.index;

import dev.quarry.index.lucene.ChunkSchema;
import dev.quarry.index.lucene.FileRecord;
import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.FileUpdate;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The mutable corpus of one index: the Lucene writer (chunk and file documents) and the per-file
 * fingerprints. Owned by exactly one {@link IndexActor}; never shared, never touched off its thread
 * except by the persister's {@link #commit}, which Lucene makes safe against concurrent adds.
 */
final class Corpus implements Closeable {
    static final String GENERATION_KEY = "quarry.generation";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, FileRecord> files;
    private final long openedGeneration;
    private long chunks;

    private Corpus(Directory directory, IndexWriter writer, SearcherManager searchers,
                   Map<String, FileRecord> files, long openedGeneration) {
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.files = files;
        this.openedGeneration = openedGeneration;
        this.chunks = files.values().stream().mapToLong(FileRecord::chunkCount).sum();
    }

    /** Opens (or creates) the Lucene directory and rebuilds the fingerprints from its file documents. */
    static Corpus open(Path luceneDir, double ramBufferMb) throws IOException {
        Directory directory = FSDirectory.open(luceneDir);
        IndexWriter writer = null;
        try {
            IndexWriterConfig config = new IndexWriterConfig(ChunkSchema.analyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(ramBufferMb);
            writer = new IndexWriter(directory, config);
            long generation = committedGeneration(writer);
            SearcherManager searchers = new SearcherManager(writer, null);
            Map<String, FileRecord> files = loadFiles(searchers);
            return new Corpus(directory, writer, searchers, files, generation);
        } catch (IOException | RuntimeException e) {
            if (writer != null) {
                writer.rollback();
            }
            directory.close();
            throw e;
        }
    }

    private static long committedGeneration(IndexWriter writer) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (GENERATION_KEY.equals(e.getKey())) {
                    return Long.parseLong(e.getValue());
                }
            }
        }
        return 0;
    }

    private static Map<String, FileRecord> loadFiles(SearcherManager searchers) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Map<String, FileRecord> files = new HashMap<>();
            int total = Math.max(1, searcher.count(ChunkSchema.allFiles()));
            TopDocs docs = searcher.search(ChunkSchema.allFiles(), total);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : docs.scoreDocs) {
                FileRecord record = ChunkSchema.toFileRecord(stored.document(sd.doc));
                files.put(record.path(), record);
            }
            return files;
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * Replaces everything Lucene holds for the file: one atomic {@code updateDocuments} per file. Safe to call from
     * several threads at once (IndexWriter analyses documents on the calling thread, so this is how
     * indexing uses every core); the owner calls {@link #record} for each file once all writes finished.
     */
    void write(FileUpdate update) throws IOException {
        List<Document> docs = new ArrayList<>(update.chunks().size() + 1);
        docs.add(ChunkSchema.fileDocument(fileRecord(update), update.text()));
        for (Chunk chunk : update.chunks()) {
            docs.add(ChunkSchema.chunkDocument(chunk, update.sha256()));
        }
        writer.updateDocuments(ChunkSchema.pathTerm(update.path()), docs);
    }

    /** Records a written file's fingerprint and chunk count; owner thread only. */
    void record(FileUpdate update) {
        FileRecord record = fileRecord(update);
        FileRecord previous = files.put(update.path(), record);
        chunks += record.chunkCount() - (previous == null ? 0 : previous.chunkCount());
    }

    private static FileRecord fileRecord(FileUpdate update) {
        return new FileRecord(update.path(), update.sha256(), update.size(), update.chunks().size());
    }

    void remove(String path) throws IOException {
        FileRecord previous = files.remove(path);
        if (previous != null) {
            writer.deleteDocuments(ChunkSchema.pathTerm(path));
            chunks -= previous.chunkCount();
        }
    }

    /** An immutable copy of path → content hash, handed to the ingest pipeline to skip unchanged files. */
    Map<String, String> fingerprints() {
        Map<String, String> copy = HashMap.newHashMap(files.size());
        files.forEach((path, record) -> copy.put(path, record.sha256()));
        return Map.copyOf(copy);
    }

    List<String> paths() {
        return List.copyOf(files.keySet());
    }

    long fileCount() {
        return files.size();
    }

    long chunkCount() {
        return chunks;
    }

    long openedGeneration() {
        return openedGeneration;
    }

    SearcherManager searchers() {
        return searchers;
    }

    /** Makes every document added so far durable and records the generation it covers. */
    long commit(long generation) throws IOException {
        writer.setLiveCommitData(Map.of(GENERATION_KEY, Long.toString(generation)).entrySet());
        writer.commit();
        return generation;
    }

    /** Opens a new point-in-time reader covering everything applied so far. */
    void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            try {
                writer.close();
            } finally {
                directory.close();
            }
        }
    }
}
