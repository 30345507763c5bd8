package dev.quarry.ingest.chunk;

import org.treesitter.TSNode;

/** tree-sitter-rust: impls and traits are recursed into (methods named "Type.method"), items are chunks. */
final class RustRules implements SyntaxRules {

    @Override
    public Role classify(TSNode node, String type, boolean inType, SourceText source) {
        ChunkKind function = inType ? ChunkKind.METHOD : ChunkKind.FUNCTION;
        return switch (type) {
            case "line_comment", "block_comment", "attribute_item" -> Role.LEADING;
            case "function_item", "function_signature_item" -> Declarations.leaf(function, node, source);
            case "struct_item", "union_item" -> Declarations.leaf(ChunkKind.STRUCT, node, source);
            case "enum_item" -> Declarations.leaf(ChunkKind.ENUM, node, source);
            case "type_item" -> Declarations.leaf(ChunkKind.TYPE, node, source);
            case "trait_item" -> Declarations.type(ChunkKind.TRAIT, node, source);
            case "impl_item" -> impl(node, source);
            // Inline modules and extern blocks only add a path, which symbols leave out.
            case "mod_item", "foreign_mod_item" -> {
                TSNode body = Nodes.field(node, "body");
                yield body == null ? Role.CODE : new Role.Transparent(body);
            }
            case "ERROR" -> new Role.Transparent(node);
            default -> Role.CODE;
        };
    }

    /** {@code impl Trait for Type} and {@code impl Type} are both named for Type, so methods read "Type.method". */
    private static Role impl(TSNode node, SourceText source) {
        String type = Nodes.fieldText(node, "type", source);
        return Declarations.type(ChunkKind.IMPL, type == null ? null : TypeNames.simple(type), node);
    }
}
