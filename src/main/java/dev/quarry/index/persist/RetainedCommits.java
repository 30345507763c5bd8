package dev.quarry.index.persist;

import java.util.List;
import java.util.Set;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexDeletionPolicy;

/**
 * Lucene deletion policy that keeps exactly the commits live generations name, plus the newest
 * commit. A commit made for a generation that never became {@code CURRENT} (a crash or failure
 * between the Lucene commit and the switch) is therefore dropped, while the commit {@code CURRENT}
 * and the previous generation name survive until the next switch: restore can always open the
 * commit a manifest names, not merely the newest one.
 *
 * <p>Updated by the snapshot writer after each switch, read by Lucene inside {@code commit()}.
 */
public final class RetainedCommits extends IndexDeletionPolicy {
    private volatile Set<String> retained;
    private volatile IndexCommit newest;

    /** @param segmentsFiles the {@code segments_N} names of the commits live generations use in this directory */
    public RetainedCommits(Set<String> segmentsFiles) {
        this.retained = Set.copyOf(segmentsFiles);
    }

    public void retain(Set<String> segmentsFiles) {
        retained = Set.copyOf(segmentsFiles);
    }

    /** The commit Lucene made last, or null before the first commit of this writer. */
    public IndexCommit newest() {
        return newest;
    }

    /** On open the newest commit may be one no generation names: keep only what generations use. */
    @Override
    public void onInit(List<? extends IndexCommit> commits) {
        Set<String> keep = retained;
        for (IndexCommit commit : commits) {
            if (!keep.contains(commit.getSegmentsFileName())) {
                commit.delete();
            }
        }
    }

    @Override
    public void onCommit(List<? extends IndexCommit> commits) {
        Set<String> keep = retained;
        IndexCommit last = commits.getLast();
        for (IndexCommit commit : commits) {
            if (commit != last && !keep.contains(commit.getSegmentsFileName())) {
                commit.delete();
            }
        }
        newest = last;
    }
}
