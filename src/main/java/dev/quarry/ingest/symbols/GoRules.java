package dev.quarry.ingest.symbols;

import static dev.quarry.ingest.symbols.SymbolRules.bareType;
import static dev.quarry.ingest.symbols.SymbolRules.field;
import static dev.quarry.ingest.symbols.SymbolRules.fieldText;
import static dev.quarry.ingest.symbols.SymbolRules.namedChildren;

import java.util.List;
import org.treesitter.TSNode;

/**
 * Go: types, functions, methods (qualified by receiver type), calls, imports, and embedding, which is
 * recorded as "extends" because embedded methods are promoted like inherited ones.
 */
final class GoRules implements SymbolRules {
    static final GoRules INSTANCE = new GoRules();

    private static final List<String> NODE_TYPES = List.of(
            "package_clause", "import_spec", "type_spec", "type_alias", "function_declaration",
            "method_declaration", "call_expression");

    private GoRules() {}

    @Override
    public List<String> nodeTypes() {
        return NODE_TYPES;
    }

    @Override
    public boolean visit(TSNode node, String type, SymbolCollector out) {
        switch (type) {
            case "package_clause" -> {
                for (TSNode child : namedChildren(node)) {
                    out.packageName(out.text(child));
                }
                return false;
            }
            case "import_spec" -> {
                TSNode path = field(node, "path");
                if (path != null) {
                    out.imported(unquote(out.text(path)), fieldText(node, "name", out), node);
                }
                return false;
            }
            case "type_spec", "type_alias" -> typeSpec(node, out);
            case "function_declaration" -> out.define(fieldText(node, "name", out), "function", node);
            case "method_declaration" -> method(node, out);
            case "call_expression" -> {
                TSNode function = field(node, "function");
                if (function != null) {
                    switch (function.getType()) {
                        case "identifier" -> out.call(out.text(function), null, node);
                        case "selector_expression" -> {
                            TSNode operand = field(function, "operand");
                            out.call(fieldText(function, "field", out),
                                    operand == null ? null : out.source().compactText(operand), node);
                        }
                        default -> {
                            // calls of function values, conversions and literals name no declaration
                        }
                    }
                }
            }
        }
        return true;
    }

    private static void typeSpec(TSNode node, SymbolCollector out) {
        TSNode body = field(node, "type");
        String bodyType = body == null ? "" : body.getType();
        String kind = switch (bodyType) {
            case "struct_type" -> "struct";
            case "interface_type" -> "interface";
            default -> "type";
        };
        String child = out.define(fieldText(node, "name", out), kind, node);
        if (body != null) {
            embedded(child, body, out);
        }
    }

    /** Struct fields without a name and interface type elements are embedded types. */
    private static void embedded(String child, TSNode body, SymbolCollector out) {
        for (TSNode part : namedChildren(body)) {
            switch (part.getType()) {
                case "field_declaration_list" -> embedded(child, part, out);
                case "field_declaration" -> {
                    TSNode fieldType = field(part, "type");
                    if (field(part, "name") == null && fieldType != null) {
                        out.inherits(child, bareType(out.text(fieldType)), "extends", part);
                    }
                }
                case "type_elem" -> {
                    String parent = bareType(out.text(part));
                    if (!parent.contains("|") && !parent.startsWith("~")) {
                        out.inherits(child, parent, "extends", part);
                    }
                }
                default -> {
                    // methods and named fields embed nothing
                }
            }
        }
    }

    private static void method(TSNode node, SymbolCollector out) {
        String receiverType = null;
        String receiverName = null;
        TSNode receiver = field(node, "receiver");
        if (receiver != null) {
            for (TSNode parameter : namedChildren(receiver)) {
                TSNode typeNode = field(parameter, "type");
                if (typeNode != null) {
                    receiverType = bareType(out.text(typeNode));
                    receiverName = fieldText(parameter, "name", out);
                }
            }
        }
        String name = fieldText(node, "name", out);
        if (receiverType == null || receiverType.isEmpty()) {
            out.define(name, "method", node);
        } else {
            out.defineMember(receiverType, name, "method", node, receiverName);
        }
    }

    private static String unquote(String literal) {
        return literal.length() >= 2 ? literal.substring(1, literal.length() - 1) : literal;
    }
}
