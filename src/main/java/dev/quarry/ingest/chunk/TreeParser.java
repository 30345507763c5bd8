package dev.quarry.ingest.chunk;

import java.time.Duration;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSLanguage;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * Parses UTF-8 bytes on the calling thread's own parser (a TSParser is not thread-safe; the
 * ingest pool has a fixed set of threads, so there is one parser per worker).
 */
final class TreeParser {
    private static final ThreadLocal<TSParser> PARSER = ThreadLocal.withInitial(TSParser::new);
    /** Bytes handed to tree-sitter per read callback; each callback is a JNI upcall. */
    private static final int READ_CHUNK = 1 << 16;
    /**
     * A parse that runs longer is abandoned and the file gets line windows. Parsing is linear in
     * practice (StringUtils.java, 400 KB: ~60 ms), so only pathological input hits this; without
     * it, one such file would hold an ingest worker indefinitely.
     */
    static final Duration BUDGET = Duration.ofSeconds(10);

    private TreeParser() {}

    /**
     * Parses the very bytes that declaration text is later sliced from, so byte offsets agree by
     * construction instead of relying on how the binding converts a Java String.
     *
     * @param budget time after which the parse is abandoned ({@link #BUDGET} outside tests)
     * @return the tree (the caller closes it), or null when tree-sitter gave up or ran out of time
     */
    static TSTree parse(TSLanguage language, byte[] utf8, Duration budget) {
        TSParser parser = PARSER.get();
        // Also resets the parser, so a parse halted on the previous file is not resumed on this one.
        if (!parser.setLanguage(language)) {
            throw new IllegalStateException(
                    "tree-sitter refused grammar " + language.getClass().getSimpleName() + " (ABI mismatch)");
        }
        byte[] buffer = new byte[Math.clamp(utf8.length, 1, READ_CHUNK)];
        long deadline = System.nanoTime() + budget.toNanos();
        return parser.parseWithOptions(buffer, null, (chunk, offset, point) -> {
            int length = Math.clamp(utf8.length - (long) offset, 0, chunk.length);
            if (length > 0) {
                System.arraycopy(utf8, offset, chunk, 0, length);
            }
            return length;
        }, TSInputEncoding.TSInputEncodingUTF8, state -> System.nanoTime() > deadline);
    }
}
