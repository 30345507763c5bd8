package dev.quarry.ingest.symbols;

import static dev.quarry.ingest.symbols.SymbolRules.field;
import static dev.quarry.ingest.symbols.SymbolRules.fieldText;
import static dev.quarry.ingest.symbols.SymbolRules.namedChildren;

import java.util.List;
import org.treesitter.TSNode;

/** Python: classes, functions and methods (decorators included), calls, imports, base classes. */
final class PythonRules implements SymbolRules {
    static final PythonRules INSTANCE = new PythonRules();

    private static final List<String> NODE_TYPES = List.of(
            "import_statement", "import_from_statement", "decorated_definition", "class_definition",
            "function_definition", "call");

    private PythonRules() {}

    @Override
    public List<String> nodeTypes() {
        return NODE_TYPES;
    }

    @Override
    public boolean visit(TSNode node, String type, SymbolCollector out) {
        switch (type) {
            case "import_statement" -> {
                for (TSNode name : namedChildren(node)) {
                    importedName("", name, out, node);
                }
                return false;
            }
            case "import_from_statement" -> {
                importFrom(node, out);
                return false;
            }
            case "decorated_definition" -> {
                TSNode definition = field(node, "definition");
                if (definition != null) {
                    out.widenExtent(definition, node);
                }
            }
            case "class_definition" -> {
                String child = out.define(fieldText(node, "name", out), "class", out.extentOf(node));
                TSNode bases = field(node, "superclasses");
                if (bases != null) {
                    for (TSNode base : namedChildren(bases)) {
                        String baseType = base.getType();
                        if (baseType.equals("identifier") || baseType.equals("attribute")) {
                            out.inherits(child, out.text(base), "extends", base);
                        }
                    }
                }
            }
            case "function_definition" -> {
                String kind = "class".equals(out.scopeKind()) ? "method" : "function";
                out.define(fieldText(node, "name", out), kind, out.extentOf(node));
            }
            case "call" -> {
                TSNode function = field(node, "function");
                if (function != null) {
                    switch (function.getType()) {
                        case "identifier" -> out.call(out.text(function), null, node);
                        case "attribute" -> {
                            TSNode object = field(function, "object");
                            out.call(fieldText(function, "attribute", out),
                                    object == null ? null : out.source().compactText(object), node);
                        }
                        default -> {
                            // calls of call results or subscripts name no symbol
                        }
                    }
                }
            }
        }
        return true;
    }

    private static void importFrom(TSNode node, SymbolCollector out) {
        TSNode module = field(node, "module_name");
        if (module == null) {
            return;
        }
        String moduleText = out.text(module);
        // "from . import x" joins to ".x", "from .a import x" to ".a.x"
        String prefix = moduleText.endsWith(".") ? moduleText : moduleText + ".";
        for (int i = 0; i < node.getNamedChildCount(); i++) {
            TSNode child = node.getNamedChild(i);
            if (child.getType().equals("wildcard_import")) {
                out.imported(prefix + "*", null, node);
            } else if ("name".equals(node.getFieldNameForNamedChild(i))) {
                importedName(prefix, child, out, node);
            }
        }
    }

    private static void importedName(String prefix, TSNode name, SymbolCollector out, TSNode statement) {
        switch (name.getType()) {
            case "dotted_name" -> out.imported(prefix + out.text(name), null, statement);
            case "aliased_import" -> out.imported(prefix + fieldText(name, "name", out),
                    fieldText(name, "alias", out), statement);
            default -> {
                // comments and error nodes inside an import name nothing
            }
        }
    }
}
