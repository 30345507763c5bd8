package dev.quarry.index;

import dev.quarry.index.lucene.ChunkSchema;
import dev.quarry.index.lucene.FileRecord;
import dev.quarry.index.persist.CommitSource;
import dev.quarry.index.persist.CorruptSnapshotException;
import dev.quarry.index.persist.FileTrees;
import dev.quarry.index.persist.RetainedCommits;
import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.FileUpdate;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
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
 *
 * <p>Lives in one Lucene directory ({@code lucene-N}); only commits a snapshot generation names are
 * kept ({@link RetainedCommits}), and closing never commits: a commit no generation names is
 * meaningless and would only be dropped on the next open.
 */
final class Corpus implements Closeable, CommitSource {
    static final String GENERATION_KEY = "quarry.generation";

    private final Path path;
    private final RetainedCommits retention;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, FileRecord> files;
    private long chunks;

    private Corpus(Path path, RetainedCommits retention, Directory directory, IndexWriter writer, SearcherManager searchers,
                   Map<String, FileRecord> files) {
        this.path = path;
        this.retention = retention;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.files = files;
        this.chunks = files.values().stream().mapToLong(FileRecord::chunkCount).sum();
    }

    /** Creates an empty corpus in a new Lucene directory. */
    static Corpus create(Path luceneDir, double ramBufferMb, RetainedCommits retention) throws IOException {
        Files.createDirectories(luceneDir);
        return open(luceneDir, ramBufferMb, retention, null, 0);
    }

    /**
     * Opens the Lucene directory at the commit {@code segmentsFile} (not at whatever commit is newest) and
     * rebuilds the fingerprints from its file documents: no re-parsing.
     *
     * @param retention  must retain {@code segmentsFile}
     * @param generation the generation the commit must record, as its manifest says
     */
    static Corpus openAt(Path luceneDir, double ramBufferMb, RetainedCommits retention, String segmentsFile,
                         long generation) throws IOException {
        return open(luceneDir, ramBufferMb, retention, segmentsFile, generation);
    }

    private static Corpus open(Path luceneDir, double ramBufferMb, RetainedCommits retention, String segmentsFile,
                               long generation) throws IOException {
        Directory directory = FSDirectory.open(luceneDir);
        IndexWriter writer = null;
        try {
            IndexWriterConfig config = new IndexWriterConfig(ChunkSchema.analyzer())
                    .setRAMBufferSizeMB(ramBufferMb)
                    .setIndexDeletionPolicy(retention)
                    .setCommitOnClose(false);
            if (segmentsFile == null) {
                config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            } else {
                IndexCommit commit = findCommit(directory, segmentsFile);
                if (generationOf(commit) != generation) {
                    throw new CorruptSnapshotException("Lucene commit " + segmentsFile + " records generation "
                            + generationOf(commit) + ", its manifest " + generation);
                }
                config.setOpenMode(IndexWriterConfig.OpenMode.APPEND).setIndexCommit(commit);
            }
            writer = new IndexWriter(directory, config);
            SearcherManager searchers = new SearcherManager(writer, null);
            Map<String, FileRecord> files = loadFiles(searchers);
            return new Corpus(luceneDir, retention, directory, writer, searchers, files);
        } catch (IOException | RuntimeException e) {
            if (writer != null) {
                writer.rollback();
            }
            directory.close();
            throw e;
        }
    }

    private static IndexCommit findCommit(Directory directory, String segmentsFile) throws IOException {
        for (IndexCommit commit : DirectoryReader.listCommits(directory)) {
            if (commit.getSegmentsFileName().equals(segmentsFile)) {
                return commit;
            }
        }
        throw new CorruptSnapshotException("Lucene commit " + segmentsFile + " is not in " + directory);
    }

    private static long generationOf(IndexCommit commit) throws IOException {
        String value = commit.getUserData().get(GENERATION_KEY);
        return value == null ? 0 : Long.parseLong(value);
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

    /** The deletion policy of this corpus's writer, which the snapshot writer updates after each switch. */
    RetainedCommits retention() {
        return retention;
    }

    SearcherManager searchers() {
        return searchers;
    }

    @Override
    public String directoryName() {
        return path.getFileName().toString();
    }

    /** Makes every document added so far durable and records the generation it covers. */
    @Override
    public IndexCommit commit(long generation) throws IOException {
        writer.setLiveCommitData(Map.of(GENERATION_KEY, Long.toString(generation)).entrySet());
        writer.commit();
        IndexCommit made = retention.newest();
        if (made == null || generationOf(made) != generation) {
            throw new IOException("Lucene did not record a commit for generation " + generation + " in " + path);
        }
        return made;
    }

    /** Opens a new point-in-time reader covering everything applied so far. */
    void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Closes a corpus no generation names (a failed or refused staging build) and deletes its directory. */
    void discard() throws IOException {
        close();
        FileTrees.delete(path);
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
