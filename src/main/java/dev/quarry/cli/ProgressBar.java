package dev.quarry.cli;

import dev.quarry.index.IndexingProgress;
import java.io.PrintStream;

/**
 * Renders walk progress on stderr: a live line redrawn in place on a terminal, and a plain line
 * every few seconds when stderr is a file or pipe (so logs stay readable).
 */
final class ProgressBar {
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private final long expectedFiles;
    private long lastPlainNanos;
    private int lastWidth;

    /** @param expectedFiles files the previous walk saw (0 when unknown): gives an ETA */
    ProgressBar(PrintStream out, boolean interactive, long expectedFiles) {
        this.out = out;
        this.interactive = interactive;
        this.expectedFiles = expectedFiles;
    }

    void update(IndexingProgress p) {
        if (p.done()) {
            if (interactive && lastWidth > 0) {
                out.print("\r" + " ".repeat(lastWidth) + "\r");
                out.flush();
            }
            return;
        }
        String line = render(p);
        if (interactive) {
            out.print("\r" + line + (line.length() < lastWidth ? " ".repeat(lastWidth - line.length()) : ""));
            out.flush();
            lastWidth = line.length();
        } else if (System.nanoTime() - lastPlainNanos >= PLAIN_INTERVAL_NANOS) {
            lastPlainNanos = System.nanoTime();
            out.println(line);
        }
    }

    String render(IndexingProgress p) {
        double rate = p.filesPerSecond();
        StringBuilder line = new StringBuilder()
                .append("indexing ").append(p.indexId()).append(": ")
                .append(p.filesWalked()).append(" files");
        if (expectedFiles > 0) {
            line.append(" (").append(Math.min(100, p.filesWalked() * 100 / expectedFiles)).append("%)");
        }
        line.append(", ").append(p.chunksWritten()).append(" chunks, ")
                .append(String.format("%.0f files/s", rate));
        if (expectedFiles > p.filesWalked() && rate > 0) {
            line.append(", ETA ").append(formatSeconds((long) ((expectedFiles - p.filesWalked()) / rate)));
        }
        return line.toString();
    }

    private static String formatSeconds(long seconds) {
        return seconds >= 60 ? (seconds / 60) + "m" + (seconds % 60) + "s" : seconds + "s";
    }
}
