package dev.quarry.ingest.walk;

/**
 * Mutable counters behind {@link WalkStats}. One thread walks while another may report progress;
 * synchronizing (uncontended, so cheap) also keeps each snapshot internally consistent.
 */
final class WalkCounters {
    private long accepted;
    private long ignored;
    private long oversized;
    private long dirsSkipped;
    private long symlinksSkipped;
    private long unreadable;

    synchronized void accepted() {
        accepted++;
    }

    synchronized void ignored() {
        ignored++;
    }

    synchronized void oversized() {
        oversized++;
    }

    synchronized void dirSkipped() {
        dirsSkipped++;
    }

    synchronized void symlinkSkipped() {
        symlinksSkipped++;
    }

    synchronized void unreadable() {
        unreadable++;
    }

    synchronized WalkStats snapshot() {
        return new WalkStats(accepted, ignored, oversized, dirsSkipped, symlinksSkipped, unreadable);
    }
}
