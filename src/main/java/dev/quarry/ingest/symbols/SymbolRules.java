package dev.quarry.ingest.symbols;

import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSNode;

/** One language's mapping from syntax nodes to definitions, calls, imports and supertypes. */
interface SymbolRules {

    /** Node types {@link #visit} handles; types a grammar lacks are left out of its query. */
    List<String> nodeTypes();

    /**
     * Handles one node of a type listed in {@link #nodeTypes}.
     *
     * @return false to skip nodes inside this one (imports, package clauses: nothing more to find)
     */
    boolean visit(TSNode node, String type, SymbolCollector out);

    /** Field child or null; tree-sitter answers a missing field with a null node object. */
    static TSNode field(TSNode node, String name) {
        TSNode child = node.getChildByFieldName(name);
        return child == null || child.isNull() ? null : child;
    }

    /** Named children in order. */
    static List<TSNode> namedChildren(TSNode node) {
        int count = node.getNamedChildCount();
        List<TSNode> children = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            children.add(node.getNamedChild(i));
        }
        return children;
    }

    /** Text of a field child, or null when absent. */
    static String fieldText(TSNode node, String name, SymbolCollector out) {
        TSNode child = field(node, name);
        return child == null ? null : out.text(child);
    }

    /** "Map<K, V>" → "Map", "&'a mut Vec<T>" → "Vec", "*S" → "S": a type as written, arguments dropped. */
    static String bareType(String written) {
        int cut = written.length();
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == '<' || c == '[' || c == '(') {
                cut = i;
                break;
            }
        }
        String type = written.substring(0, cut).strip();
        type = type.replaceFirst("^(&\\s*('\\w+\\s+)?(mut\\s+)?|\\*+|dyn\\s+|impl\\s+)", "").strip();
        return type.replaceAll("\\s+", "");
    }
}
