package dev.quarry.index.persist;

import java.io.IOException;
import org.apache.lucene.index.IndexCommit;

/**
 * The live index as a snapshot sees it: a Lucene directory that can commit everything written to
 * it so far. {@code commit} is safe while other threads keep writing (Lucene's IndexWriter is).
 */
public interface CommitSource {

    /** The Lucene directory's name inside the index directory, e.g. {@code lucene-000001}. */
    String directoryName();

    /** Commits everything written so far, recording {@code generation} in the commit's user data. */
    IndexCommit commit(long generation) throws IOException;
}
