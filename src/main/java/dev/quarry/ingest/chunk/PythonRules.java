package dev.quarry.ingest.chunk;

import org.treesitter.TSNode;

/** tree-sitter-python: classes are recursed into, functions are chunks (methods inside classes). */
final class PythonRules implements SyntaxRules {

    @Override
    public Role classify(TSNode node, String type, boolean inType, SourceText source) {
        return switch (type) {
            case "comment" -> Role.LEADING;
            case "class_definition" -> Declarations.type(ChunkKind.CLASS, node, source);
            case "function_definition" -> function(node, inType, source);
            case "decorated_definition" -> decorated(node, inType, source);
            // Definitions under "if sys.platform ...:" or "try: ... except ImportError:" are still definitions.
            case "if_statement", "elif_clause", "else_clause", "try_statement", "except_clause", "finally_clause",
                 "block", "ERROR" -> new Role.Transparent(node);
            default -> Role.CODE;
        };
    }

    private static Role function(TSNode node, boolean inType, SourceText source) {
        String name = Nodes.fieldText(node, "name", source);
        ChunkKind kind = !inType ? ChunkKind.FUNCTION
                : "__init__".equals(name) ? ChunkKind.CONSTRUCTOR
                : ChunkKind.METHOD;
        return Declarations.leaf(kind, name, node);
    }

    /** Decorators belong to the chunk; the signature still starts at "def"/"class". */
    private Role decorated(TSNode node, boolean inType, SourceText source) {
        TSNode definition = Nodes.field(node, "definition");
        if (definition == null) {
            return Role.CODE;
        }
        return classify(definition, definition.getType(), inType, source) instanceof Declaration declaration
                ? declaration.decoratedBy(node)
                : Role.CODE;
    }
}
