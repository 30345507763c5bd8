package dev.quarry.ingest.symbols;

import static dev.quarry.ingest.symbols.SymbolRules.bareType;
import static dev.quarry.ingest.symbols.SymbolRules.field;
import static dev.quarry.ingest.symbols.SymbolRules.fieldText;
import static dev.quarry.ingest.symbols.SymbolRules.namedChildren;

import java.util.List;
import org.treesitter.TSNode;

/**
 * JavaScript and TypeScript (the TypeScript grammar extends the JavaScript one, so one rule set serves
 * both): classes, functions, methods, functions bound to variables, interfaces, type aliases, enums,
 * namespaces, calls, {@code new}, ES imports and {@code require}.
 */
final class ScriptRules implements SymbolRules {
    static final ScriptRules INSTANCE = new ScriptRules();

    private static final List<String> NODE_TYPES = List.of(
            "import_statement", "class_declaration", "abstract_class_declaration", "class",
            "interface_declaration", "type_alias_declaration", "enum_declaration", "internal_module",
            "module", "function_declaration", "generator_function_declaration", "method_definition",
            "method_signature", "abstract_method_signature", "public_field_definition", "field_definition",
            "variable_declarator", "call_expression", "new_expression");

    private ScriptRules() {}

    @Override
    public List<String> nodeTypes() {
        return NODE_TYPES;
    }

    @Override
    public boolean visit(TSNode node, String type, SymbolCollector out) {
        switch (type) {
            case "import_statement" -> {
                importStatement(node, out);
                return false;
            }
            case "class_declaration", "abstract_class_declaration", "class" -> classDeclaration(node, out);
            case "interface_declaration" -> {
                String child = out.define(fieldText(node, "name", out), "interface", node);
                for (TSNode part : namedChildren(node)) {
                    if (part.getType().equals("extends_type_clause")) {
                        supertypes(child, part, "extends", out);
                    }
                }
            }
            case "type_alias_declaration" -> out.define(fieldText(node, "name", out), "type", node);
            case "enum_declaration" -> out.define(fieldText(node, "name", out), "enum", node);
            case "internal_module", "module" -> out.define(fieldText(node, "name", out), "namespace", node);
            case "function_declaration", "generator_function_declaration" ->
                    out.define(fieldText(node, "name", out), "function", node);
            case "method_definition" -> {
                String name = fieldText(node, "name", out);
                out.define(name, "constructor".equals(name) ? "constructor" : "method", node);
            }
            case "method_signature", "abstract_method_signature" ->
                    out.define(fieldText(node, "name", out), "method", node);
            case "public_field_definition", "field_definition" -> {
                if (isFunction(field(node, "value"))) {
                    String name = fieldText(node, "name", out);
                    out.define(name == null ? fieldText(node, "property", out) : name, "method", node);
                }
            }
            case "variable_declarator" -> variableDeclarator(node, out);
            case "call_expression" -> {
                TSNode function = field(node, "function");
                if (function != null) {
                    callee(function, node, out);
                }
            }
            case "new_expression" -> {
                TSNode constructor = field(node, "constructor");
                if (constructor != null) {
                    callee(constructor, node, out);
                }
            }
        }
        return true;
    }

    private static void callee(TSNode function, TSNode call, SymbolCollector out) {
        switch (function.getType()) {
            case "identifier" -> out.call(out.text(function), null, call);
            case "member_expression" -> {
                TSNode object = field(function, "object");
                out.call(fieldText(function, "property", out),
                        object == null ? null : out.source().compactText(object), call);
            }
            default -> {
                // super(), IIFEs and computed callees name no declaration
            }
        }
    }

    private static void classDeclaration(TSNode node, SymbolCollector out) {
        String child = out.define(fieldText(node, "name", out), "class", node);
        for (TSNode part : namedChildren(node)) {
            if (!part.getType().equals("class_heritage")) {
                continue;
            }
            for (TSNode clause : namedChildren(part)) {
                switch (clause.getType()) {
                    case "extends_clause" -> supertypes(child, clause, "extends", out);
                    case "implements_clause" -> supertypes(child, clause, "implements", out);
                    // JavaScript: class_heritage holds the extended expression itself
                    case "identifier", "member_expression" ->
                            out.inherits(child, out.text(clause), "extends", clause);
                    default -> {
                        // mixin calls and other expressions name no single supertype
                    }
                }
            }
        }
    }

    private static void supertypes(String child, TSNode clause, String relation, SymbolCollector out) {
        for (TSNode parent : namedChildren(clause)) {
            String type = parent.getType();
            if (!type.equals("type_arguments") && !type.equals("arguments")) {
                out.inherits(child, bareType(out.text(parent)), relation, parent);
            }
        }
    }

    /** {@code const f = () => ...} declares a function; {@code const x = require('m')} imports. */
    private static void variableDeclarator(TSNode node, SymbolCollector out) {
        TSNode name = field(node, "name");
        TSNode value = field(node, "value");
        if (name == null || value == null) {
            return;
        }
        if (isFunction(value) && name.getType().equals("identifier")) {
            out.define(out.text(name), "function", node);
        } else if (value.getType().equals("class")) {
            // a class expression declares its variable's name when it has none of its own
            if (field(value, "name") == null) {
                out.define(out.text(name), "class", node);
            }
        } else {
            String module = requiredModule(value, out);
            if (module != null) {
                requireBinding(module, name, out);
            }
        }
    }

    private static boolean isFunction(TSNode value) {
        if (value == null) {
            return false;
        }
        String type = value.getType();
        return type.equals("arrow_function") || type.equals("function_expression") || type.equals("function")
                || type.equals("generator_function");
    }

    /** The module of {@code require('m')}, else null. */
    private static String requiredModule(TSNode value, SymbolCollector out) {
        if (!value.getType().equals("call_expression")) {
            return null;
        }
        TSNode function = field(value, "function");
        TSNode arguments = field(value, "arguments");
        if (function == null || arguments == null || !out.text(function).equals("require")
                || arguments.getNamedChildCount() != 1) {
            return null;
        }
        TSNode argument = arguments.getNamedChild(0);
        return argument.getType().equals("string") ? stringContent(argument, out) : null;
    }

    private static void requireBinding(String module, TSNode name, SymbolCollector out) {
        switch (name.getType()) {
            case "identifier" -> out.imported(module, out.text(name), name);
            case "object_pattern" -> {
                for (TSNode property : namedChildren(name)) {
                    switch (property.getType()) {
                        case "shorthand_property_identifier_pattern" ->
                                out.imported(module + "#" + out.text(property), null, property);
                        case "pair_pattern" -> out.imported(module + "#" + fieldText(property, "key", out),
                                fieldText(property, "value", out), property);
                        default -> {
                            // rest patterns bind no single name
                        }
                    }
                }
            }
            default -> {
                // array patterns bind no single module member
            }
        }
    }

    private static void importStatement(TSNode node, SymbolCollector out) {
        TSNode source = field(node, "source");
        if (source == null) {
            return;
        }
        String module = stringContent(source, out);
        boolean bindsAnything = false;
        for (TSNode clause : namedChildren(node)) {
            if (!clause.getType().equals("import_clause")) {
                continue;
            }
            for (TSNode part : namedChildren(clause)) {
                bindsAnything = true;
                switch (part.getType()) {
                    case "identifier" -> out.imported(module + "#default", out.text(part), node);
                    case "namespace_import" -> {
                        for (TSNode alias : namedChildren(part)) {
                            out.imported(module, out.text(alias), node);
                        }
                    }
                    case "named_imports" -> {
                        for (TSNode specifier : namedChildren(part)) {
                            if (specifier.getType().equals("import_specifier")) {
                                out.imported(module + "#" + fieldText(specifier, "name", out),
                                        fieldText(specifier, "alias", out), node);
                            }
                        }
                    }
                    default -> {
                        // type-only markers and comments bind nothing
                    }
                }
            }
        }
        if (!bindsAnything) {
            out.imported(module, null, node);
        }
    }

    private static String stringContent(TSNode string, SymbolCollector out) {
        String text = out.text(string);
        return text.length() >= 2 ? text.substring(1, text.length() - 1) : text;
    }
}
