package dev.quarry.ingest.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.treesitter.TSNode;
import org.treesitter.TSPoint;
import org.treesitter.TSTreeCursor;

/** Null-safe, cheap access to tree-sitter nodes. Every call here crosses JNI, so callers ask only what they need. */
final class Nodes {
    private Nodes() {}

    /** The child in field {@code name}, or null when absent. */
    static TSNode field(TSNode node, String name) {
        TSNode child = node.getChildByFieldName(name);
        return child.isNull() ? null : child;
    }

    /** Source text of the child in field {@code name}, or null when absent. */
    static String fieldText(TSNode node, String name, SourceText source) {
        TSNode child = field(node, name);
        return child == null ? null : text(child, source);
    }

    static String text(TSNode node, SourceText source) {
        return source.slice(node.getStartByte(), node.getEndByte());
    }

    /**
     * All children, named or not, in order. A cursor walk is linear; indexing with getChild(i)
     * rescans from the first child each time, which turns a 10,000-statement file quadratic.
     */
    static List<TSNode> children(TSNode node) {
        List<TSNode> children = new ArrayList<>();
        try (TSTreeCursor cursor = new TSTreeCursor(node)) {
            if (cursor.gotoFirstChild()) {
                do {
                    children.add(cursor.currentNode());
                } while (cursor.gotoNextSibling());
            }
        }
        return children;
    }

    /** The first child whose type is {@code type}, or null. */
    static TSNode childOfType(TSNode node, String type) {
        return firstChild(node, child -> child.getType().equals(type));
    }

    /** The first child matching {@code test}, or null; stops walking at the match. */
    static TSNode firstChild(TSNode node, Predicate<TSNode> test) {
        try (TSTreeCursor cursor = new TSTreeCursor(node)) {
            if (cursor.gotoFirstChild()) {
                do {
                    TSNode child = cursor.currentNode();
                    if (test.test(child)) {
                        return child;
                    }
                } while (cursor.gotoNextSibling());
            }
        }
        return null;
    }

    static int startRow(TSNode node) {
        return node.getStartPoint().getRow();
    }

    /** Last row with text of the node: one ending at column 0 (a line comment and its '\n') ends a row earlier. */
    static int endRow(TSNode node, int startRow) {
        TSPoint end = node.getEndPoint();
        return end.getColumn() == 0 && end.getRow() > startRow ? end.getRow() - 1 : end.getRow();
    }
}
