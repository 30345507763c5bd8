package dev.quarry.ingest.walk;

/**
 * Counters of one walk. Each skipped directory counts once, not its contents.
 *
 * @param filesAccepted   files returned by the iterator
 * @param ignored         files and directories excluded by ignore rules, excludes, the sensitive-file list
 *                        or being a worktree's {@code .git} pointer file
 * @param oversized       files larger than {@link WalkOptions#maxFileBytes()}
 * @param dirsSkipped     directories on the always-skipped list ({@code .git}, {@code node_modules}, ...)
 * @param symlinksSkipped links not followed: following disabled, dangling, leaving the root, or
 *                        reaching a directory already walked
 * @param unreadable      entries whose attributes, listing or ignore file could not be read, and
 *                        special files (FIFOs, sockets, devices) that cannot be read as source
 */
public record WalkStats(
        long filesAccepted,
        long ignored,
        long oversized,
        long dirsSkipped,
        long symlinksSkipped,
        long unreadable) {}
