package dev.quarry.ingest.chunk;

import org.treesitter.TSNode;

/** tree-sitter-java: types are recursed into, methods and constructors are chunks. */
final class JavaRules implements SyntaxRules {

    @Override
    public Role classify(TSNode node, String type, boolean inType, SourceText source) {
        return switch (type) {
            case "line_comment", "block_comment" -> Role.LEADING;
            case "class_declaration" -> Declarations.type(ChunkKind.CLASS, node, source);
            case "interface_declaration", "annotation_type_declaration" ->
                    Declarations.type(ChunkKind.INTERFACE, node, source);
            case "enum_declaration" -> Declarations.type(ChunkKind.ENUM, node, source);
            case "record_declaration" -> Declarations.type(ChunkKind.RECORD, node, source);
            case "method_declaration" -> Declarations.leaf(ChunkKind.METHOD, node, source);
            case "constructor_declaration", "compact_constructor_declaration" ->
                    Declarations.leaf(ChunkKind.CONSTRUCTOR, node, source);
            // An enum's fields and methods follow its constants inside this wrapper.
            case "enum_body_declarations", "ERROR" -> new Role.Transparent(node);
            default -> Role.CODE;
        };
    }
}
