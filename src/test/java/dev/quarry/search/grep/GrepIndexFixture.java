package dev.quarry.search.grep;

import dev.quarry.index.lucene.ChunkSchema;
import dev.quarry.index.lucene.FileRecord;
import dev.quarry.ingest.ChunkIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/** Indexes every file under a root as Quarry's file documents, in memory, for grep tests. */
final class GrepIndexFixture implements AutoCloseable {
    private final Directory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    /** Two helpers, so the tests exercise the parallel verification and its ordered merge. */
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    GrepIndexFixture(Path root) throws IOException {
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(ChunkSchema.analyzer()));
             Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                String path = root.relativize(file).toString().replace('\\', '/');
                writer.addDocument(ChunkSchema.fileDocument(
                        new FileRecord(path, ChunkIds.sha256(bytes), bytes.length, 0),
                        new String(bytes, StandardCharsets.UTF_8)));
            }
        }
        reader = DirectoryReader.open(directory);
    }

    GrepReply.Results grep(GrepRequest request) throws IOException {
        return Grepper.grep("test", new IndexSearcher(reader), request.validated(), pool, 2);
    }

    GrepReply.Results grep(String pattern) throws IOException {
        return grep(GrepRequest.of(pattern));
    }

    static List<String> paths(GrepReply.Results results) {
        return results.matches().stream().map(GrepReply.Line::path).distinct().toList();
    }

    @Override
    public void close() throws IOException {
        pool.shutdownNow();
        reader.close();
        directory.close();
    }
}
