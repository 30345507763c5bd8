package dev.quarry.ingest.chunk;

import org.treesitter.TSNode;

/** One language's answer to "is this node a declaration, and what is it called?". */
interface SyntaxRules {

    /**
     * @param node   a child of the file, a type body or a transparent wrapper
     * @param type   {@code node.getType()}, passed in because every JNI call costs
     * @param inType whether the node sits inside a type body (functions there are methods)
     */
    Role classify(TSNode node, String type, boolean inType, SourceText source);
}
