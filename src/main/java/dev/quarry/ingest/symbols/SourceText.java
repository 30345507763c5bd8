package dev.quarry.ingest.symbols;

import java.nio.charset.StandardCharsets;
import org.treesitter.TSNode;

/** Source bytes a tree was parsed from; tree-sitter offsets are UTF-8 byte offsets, not char indexes. */
final class SourceText {
    private static final int MAX_QUALIFIER = 100;

    private final byte[] utf8;

    SourceText(String text) {
        this.utf8 = text.getBytes(StandardCharsets.UTF_8);
    }

    String text(TSNode node) {
        int start = node.getStartByte();
        int end = Math.min(node.getEndByte(), utf8.length);
        return start >= end ? "" : new String(utf8, start, end - start, StandardCharsets.UTF_8);
    }

    /** Node text on one line with runs of whitespace collapsed, capped so huge receivers stay small. */
    String compactText(TSNode node) {
        String collapsed = text(node).strip().replaceAll("\\s+", " ");
        return collapsed.length() <= MAX_QUALIFIER ? collapsed : collapsed.substring(0, MAX_QUALIFIER - 1) + "…";
    }

    static int startLine(TSNode node) {
        return node.getStartPoint().getRow() + 1;
    }

    /** Last line holding part of the node; a node ending at column 0 ends on the line before. */
    static int endLine(TSNode node) {
        var end = node.getEndPoint();
        int startRow = node.getStartPoint().getRow();
        return end.getColumn() == 0 && end.getRow() > startRow ? end.getRow() : end.getRow() + 1;
    }
}
