package dev.quarry.ingest.symbols;

import static dev.quarry.ingest.symbols.SymbolRules.bareType;
import static dev.quarry.ingest.symbols.SymbolRules.field;
import static dev.quarry.ingest.symbols.SymbolRules.fieldText;
import static dev.quarry.ingest.symbols.SymbolRules.namedChildren;

import java.util.List;
import org.treesitter.TSNode;

/**
 * Rust: items, functions and methods (qualified by the impl's type), calls, {@code use} trees,
 * supertraits ("extends") and {@code impl Trait for Type} ("implements").
 */
final class RustRules implements SymbolRules {
    static final RustRules INSTANCE = new RustRules();
    private static final int MAX_USE_NESTING = 64;

    private static final List<String> NODE_TYPES = List.of(
            "use_declaration", "mod_item", "struct_item", "union_item", "enum_item", "type_item",
            "macro_definition", "trait_item", "impl_item", "function_item", "function_signature_item",
            "call_expression");

    private RustRules() {}

    @Override
    public List<String> nodeTypes() {
        return NODE_TYPES;
    }

    @Override
    public boolean visit(TSNode node, String type, SymbolCollector out) {
        switch (type) {
            case "use_declaration" -> {
                TSNode argument = field(node, "argument");
                if (argument != null) {
                    useTree("", argument, out, node, 0);
                }
                return false;
            }
            case "mod_item" -> {
                if (field(node, "body") != null) {
                    out.define(fieldText(node, "name", out), "module", node);
                }
            }
            case "struct_item", "union_item" -> out.define(fieldText(node, "name", out), "struct", node);
            case "enum_item" -> out.define(fieldText(node, "name", out), "enum", node);
            case "type_item" -> out.define(fieldText(node, "name", out), "type", node);
            case "macro_definition" -> out.define(fieldText(node, "name", out), "macro", node);
            case "trait_item" -> {
                String child = out.define(fieldText(node, "name", out), "trait", node);
                TSNode bounds = field(node, "bounds");
                if (bounds != null) {
                    for (TSNode bound : namedChildren(bounds)) {
                        if (!bound.getType().equals("lifetime")) {
                            out.inherits(child, bareType(out.text(bound)), "extends", bound);
                        }
                    }
                }
            }
            case "impl_item" -> impl(node, out);
            case "function_item", "function_signature_item" -> {
                String scope = out.scopeKind();
                String kind = "impl".equals(scope) || "trait".equals(scope) ? "method" : "function";
                out.define(fieldText(node, "name", out), kind, node);
            }
            case "call_expression" -> {
                TSNode function = field(node, "function");
                if (function != null && function.getType().equals("generic_function")) {
                    function = field(function, "function");
                }
                if (function != null) {
                    callee(function, node, out);
                }
            }
        }
        return true;
    }

    private static void callee(TSNode function, TSNode call, SymbolCollector out) {
        switch (function.getType()) {
            case "identifier" -> out.call(out.text(function), null, call);
            case "field_expression" -> {
                TSNode value = field(function, "value");
                out.call(fieldText(function, "field", out),
                        value == null ? null : out.source().compactText(value), call);
            }
            case "scoped_identifier" -> {
                TSNode path = field(function, "path");
                out.call(fieldText(function, "name", out),
                        path == null ? null : bareType(out.source().compactText(path)), call);
            }
            default -> {
                // closures and other expressions name no declaration
            }
        }
    }

    /** Methods in an impl block are qualified by the implemented type; a trait impl is a supertype edge. */
    private static void impl(TSNode node, SymbolCollector out) {
        TSNode typeNode = field(node, "type");
        if (typeNode == null) {
            return;
        }
        String selfType = bareType(out.text(typeNode));
        if (selfType.isEmpty()) {
            return;
        }
        String simple = NameMatch.lastSegment(NameMatch.dotted(selfType));
        out.enterScope(simple, "impl");
        TSNode trait = field(node, "trait");
        if (trait != null) {
            out.inherits(out.scopeName(), bareType(out.text(trait)), "implements", trait);
        }
    }

    /** Flattens {@code a::{b, c as d, e::*}} into one import per leaf; absurd nesting is cut off. */
    private static void useTree(String prefix, TSNode tree, SymbolCollector out, TSNode statement, int depth) {
        if (depth > MAX_USE_NESTING) {
            return;
        }
        switch (tree.getType()) {
            case "scoped_use_list" -> {
                TSNode path = field(tree, "path");
                TSNode list = field(tree, "list");
                String inner = path == null ? prefix : join(prefix, out.text(path));
                if (list != null) {
                    useTree(inner, list, out, statement, depth + 1);
                }
            }
            case "use_list" -> {
                for (TSNode item : namedChildren(tree)) {
                    useTree(prefix, item, out, statement, depth + 1);
                }
            }
            case "use_as_clause" -> out.imported(join(prefix, fieldText(tree, "path", out)),
                    fieldText(tree, "alias", out), statement);
            case "self" -> out.imported(prefix, null, statement);
            default -> out.imported(join(prefix, out.text(tree)), null, statement);
        }
    }

    private static String join(String prefix, String path) {
        return prefix.isEmpty() ? path : prefix + "::" + path;
    }
}
