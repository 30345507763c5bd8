package dev.quarry.ingest.chunk;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * tree-sitter-javascript and tree-sitter-typescript (a superset; JavaScript never produces the
 * TypeScript-only nodes). Besides declarations, functions assigned to a name are chunks:
 * {@code const f = () => ...}, {@code exports.f = function ...}, class fields holding arrow functions.
 */
final class JavaScriptRules implements SyntaxRules {
    private static final Set<String> FUNCTION_VALUES =
            Set.of("arrow_function", "function_expression", "function", "generator_function");
    /** CommonJS export paths are module paths, which symbols leave out: "module.exports.f" is "f". */
    private static final Pattern EXPORTS_PREFIX = Pattern.compile("^(module\\.)?exports\\.");

    @Override
    public Role classify(TSNode node, String type, boolean inType, SourceText source) {
        return switch (type) {
            case "comment", "decorator" -> Role.LEADING;
            case "function_declaration", "generator_function_declaration", "function_signature" ->
                    Declarations.leaf(ChunkKind.FUNCTION, node, source);
            case "class_declaration", "abstract_class_declaration" -> Declarations.type(ChunkKind.CLASS, node, source);
            case "method_definition", "method_signature", "abstract_method_signature" -> method(node, source);
            case "field_definition", "public_field_definition" -> field(node, source);
            case "interface_declaration" -> Declarations.leaf(ChunkKind.INTERFACE, node, source);
            case "type_alias_declaration" -> Declarations.leaf(ChunkKind.TYPE, node, source);
            case "enum_declaration" -> Declarations.leaf(ChunkKind.ENUM, node, source);
            case "lexical_declaration", "variable_declaration" -> variables(node, inType, source);
            case "variable_declarator" -> assigned(node, Nodes.field(node, "name"), Nodes.field(node, "value"), source);
            case "export_statement", "ambient_declaration" -> wrapped(node, inType, source);
            case "expression_statement" -> expression(node, inType, source);
            // Namespaces only add a path, which symbols leave out.
            case "internal_module", "module" -> {
                TSNode body = Nodes.field(node, "body");
                yield body == null ? Role.CODE : new Role.Transparent(body);
            }
            case "ERROR" -> new Role.Transparent(node);
            default -> Role.CODE;
        };
    }

    private static Role method(TSNode node, SourceText source) {
        String name = Nodes.fieldText(node, "name", source);
        return Declarations.leaf("constructor".equals(name) ? ChunkKind.CONSTRUCTOR : ChunkKind.METHOD, name, node);
    }

    /** {@code handleClick = () => {...}} in a class body is a method; other fields are header code. */
    private static Role field(TSNode node, SourceText source) {
        TSNode name = Nodes.field(node, "name");
        TSNode value = Nodes.field(node, "value");
        if (name == null) {
            name = Nodes.field(node, "property"); // tree-sitter-javascript names it "property"
        }
        if (name == null || value == null || !FUNCTION_VALUES.contains(value.getType())) {
            return Role.CODE;
        }
        return new Declaration(ChunkKind.METHOD, Nodes.text(name, source), node, node, bodyStart(value), null);
    }

    /** One declarator: the whole statement is its chunk. Several: each function-valued one on its own. */
    private Role variables(TSNode node, boolean inType, SourceText source) {
        List<TSNode> declarators = Nodes.children(node).stream()
                .filter(child -> child.getType().equals("variable_declarator"))
                .toList();
        if (declarators.size() != 1) {
            return new Role.Transparent(node);
        }
        TSNode declarator = declarators.getFirst();
        return classify(declarator, "variable_declarator", inType, source) instanceof Declaration declaration
                ? declaration.within(node)
                : Role.CODE;
    }

    /** {@code export ...} and {@code declare ...}: the wrapped declaration, covering the wrapper's rows. */
    private Role wrapped(TSNode node, boolean inType, SourceText source) {
        TSNode declaration = Nodes.field(node, "declaration");
        if (declaration == null) {
            for (TSNode child : Nodes.children(node)) {
                String type = child.getType();
                if (!type.equals("declare") && !type.equals("export") && !type.equals("decorator")) {
                    declaration = child;
                    break;
                }
            }
        }
        if (declaration == null) {
            return Role.CODE;
        }
        return switch (classify(declaration, declaration.getType(), inType, source)) {
            case Declaration found -> found.within(node);
            case Role.Transparent transparent -> transparent;
            default -> Role.CODE;
        };
    }

    /** {@code exports.f = function ...}, {@code Foo.prototype.f = ...}, and TypeScript's {@code namespace X {}}. */
    private Role expression(TSNode node, boolean inType, SourceText source) {
        List<TSNode> children = Nodes.children(node);
        if (children.isEmpty()) {
            return Role.CODE;
        }
        TSNode expression = children.getFirst();
        String type = expression.getType();
        if (type.equals("internal_module") || type.equals("module")) {
            return classify(expression, type, inType, source);
        }
        if (!type.equals("assignment_expression")) {
            return Role.CODE;
        }
        return assigned(expression, Nodes.field(expression, "left"), Nodes.field(expression, "right"), source)
                        instanceof Declaration declaration
                ? declaration.within(node)
                : Role.CODE;
    }

    /** A function value bound to an identifier or member path becomes a function named by that path ("Foo.bar"). */
    private static Role assigned(TSNode node, TSNode target, TSNode value, SourceText source) {
        if (target == null || value == null || !FUNCTION_VALUES.contains(value.getType())) {
            return Role.CODE;
        }
        String targetType = target.getType();
        if (!targetType.equals("identifier") && !targetType.equals("member_expression")) {
            return Role.CODE; // destructuring patterns and computed targets have no single name
        }
        String name = EXPORTS_PREFIX.matcher(Nodes.text(target, source).replaceAll("\\s+", ""))
                .replaceFirst("")
                .replace(".prototype.", ".");
        return new Declaration(ChunkKind.FUNCTION, name, node, node, bodyStart(value), null);
    }

    private static int bodyStart(TSNode function) {
        TSNode body = Nodes.field(function, "body");
        return body == null ? function.getEndByte() : body.getStartByte();
    }
}
