package dev.quarry.ingest.symbols;

import org.treesitter.TSNode;
import org.treesitter.TSQueryCapture;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSQueryMatch;

/**
 * Feeds the rules every node their grammar's query captures, in document order (enclosing nodes
 * before the nodes inside them). Tree traversal happens in native code, so nesting depth cannot
 * overflow the Java stack.
 */
final class CaptureWalk {
    private CaptureWalk() {}

    static void walk(TSNode root, Grammar grammar, SymbolCollector out) {
        try (TSQueryCursor cursor = new TSQueryCursor()) {
            cursor.exec(grammar.query(), root);
            TSQueryMatch match = new TSQueryMatch();
            int skipUntil = -1;
            while (cursor.nextCapture(match)) {
                TSQueryCapture capture = match.getCaptures()[match.getCaptureIndex()];
                TSNode node = capture.getNode();
                int start = node.getStartByte();
                int end = node.getEndByte();
                if (start < skipUntil && end <= skipUntil) {
                    continue; // inside a node whose rule took care of its contents
                }
                out.moveTo(start, end);
                if (!grammar.rules().visit(node, grammar.captureType(capture.getIndex()), out)) {
                    skipUntil = end;
                }
            }
        }
    }
}
