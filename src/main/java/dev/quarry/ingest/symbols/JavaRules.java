package dev.quarry.ingest.symbols;

import static dev.quarry.ingest.symbols.SymbolRules.bareType;
import static dev.quarry.ingest.symbols.SymbolRules.field;
import static dev.quarry.ingest.symbols.SymbolRules.fieldText;
import static dev.quarry.ingest.symbols.SymbolRules.namedChildren;

import java.util.List;
import org.treesitter.TSNode;

/** Java: types, methods, constructors, method calls, {@code new}, imports, extends/implements. */
final class JavaRules implements SymbolRules {
    static final JavaRules INSTANCE = new JavaRules();

    private static final List<String> NODE_TYPES = List.of(
            "package_declaration", "import_declaration", "class_declaration", "interface_declaration",
            "enum_declaration", "record_declaration", "annotation_type_declaration", "method_declaration",
            "constructor_declaration", "compact_constructor_declaration", "method_invocation",
            "object_creation_expression");

    private JavaRules() {}

    @Override
    public List<String> nodeTypes() {
        return NODE_TYPES;
    }

    @Override
    public boolean visit(TSNode node, String type, SymbolCollector out) {
        switch (type) {
            case "package_declaration" -> {
                for (TSNode child : namedChildren(node)) {
                    if (child.getType().endsWith("identifier")) {
                        out.packageName(out.text(child));
                    }
                }
                return false;
            }
            case "import_declaration" -> {
                importDeclaration(node, out);
                return false;
            }
            case "class_declaration" -> typeDeclaration(node, "class", out);
            case "interface_declaration" -> typeDeclaration(node, "interface", out);
            case "enum_declaration" -> typeDeclaration(node, "enum", out);
            case "record_declaration" -> typeDeclaration(node, "record", out);
            case "annotation_type_declaration" -> typeDeclaration(node, "annotation", out);
            case "method_declaration" -> out.define(fieldText(node, "name", out), "method", node);
            case "constructor_declaration", "compact_constructor_declaration" ->
                    out.define(fieldText(node, "name", out), "constructor", node);
            case "method_invocation" -> {
                TSNode object = field(node, "object");
                out.call(fieldText(node, "name", out), object == null ? null : out.source().compactText(object), node);
            }
            case "object_creation_expression" -> {
                TSNode created = field(node, "type");
                if (created != null) {
                    String name = bareType(out.text(created));
                    int dot = name.lastIndexOf('.');
                    out.call(name.substring(dot + 1), dot < 0 ? null : name.substring(0, dot), node);
                }
            }
        }
        return true;
    }

    private static void importDeclaration(TSNode node, SymbolCollector out) {
        String imported = null;
        boolean wildcard = false;
        for (TSNode child : namedChildren(node)) {
            String type = child.getType();
            if (type.equals("asterisk")) {
                wildcard = true;
            } else if (type.endsWith("identifier")) {
                imported = out.text(child);
            }
        }
        if (imported != null) {
            out.imported(wildcard ? imported + ".*" : imported, null, node);
        }
    }

    private static void typeDeclaration(TSNode node, String kind, SymbolCollector out) {
        String child = out.define(fieldText(node, "name", out), kind, node);
        TSNode superclass = field(node, "superclass");
        if (superclass != null) {
            for (TSNode parent : namedChildren(superclass)) {
                out.inherits(child, bareType(out.text(parent)), "extends", parent);
            }
        }
        TSNode interfaces = field(node, "interfaces");
        if (interfaces != null) {
            typeList(child, interfaces, "implements", out);
        }
        for (TSNode part : namedChildren(node)) {
            if (part.getType().equals("extends_interfaces")) {
                typeList(child, part, "extends", out);
            }
        }
    }

    /** super_interfaces / extends_interfaces hold a type_list of supertypes. */
    private static void typeList(String child, TSNode clause, String relation, SymbolCollector out) {
        for (TSNode list : namedChildren(clause)) {
            for (TSNode parent : namedChildren(list)) {
                out.inherits(child, bareType(out.text(parent)), relation, parent);
            }
        }
    }
}
