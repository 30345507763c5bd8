package dev.quarry.ingest.chunk;

import java.util.List;
import org.treesitter.TSNode;

/** tree-sitter-go: functions, methods (named "Receiver.Method") and type declarations are chunks. */
final class GoRules implements SyntaxRules {

    @Override
    public Role classify(TSNode node, String type, boolean inType, SourceText source) {
        return switch (type) {
            case "comment" -> Role.LEADING;
            case "function_declaration" -> Declarations.leaf(ChunkKind.FUNCTION, node, source);
            case "method_declaration" -> method(node, source);
            case "type_declaration" -> typeDeclaration(node, source);
            case "type_spec", "type_alias" -> typeSpec(node, node, source);
            case "ERROR" -> new Role.Transparent(node);
            default -> Role.CODE;
        };
    }

    private static Role method(TSNode node, SourceText source) {
        String name = Nodes.fieldText(node, "name", source);
        TSNode receiver = Nodes.field(node, "receiver");
        TSNode parameter = receiver == null ? null : Nodes.childOfType(receiver, "parameter_declaration");
        String receiverType = parameter == null ? null : Nodes.fieldText(parameter, "type", source);
        String symbol = name == null || receiverType == null ? name : TypeNames.simple(receiverType) + "." + name;
        return Declarations.leaf(ChunkKind.METHOD, symbol, node);
    }

    /** {@code type Foo struct {...}} is one chunk with its comment; {@code type ( A int; B struct{} )} one per spec. */
    private static Role typeDeclaration(TSNode node, SourceText source) {
        List<TSNode> specs = Nodes.children(node).stream()
                .filter(child -> {
                    String type = child.getType();
                    return type.equals("type_spec") || type.equals("type_alias");
                })
                .toList();
        return specs.size() == 1 ? typeSpec(specs.getFirst(), node, source) : new Role.Transparent(node);
    }

    private static Role typeSpec(TSNode spec, TSNode extent, SourceText source) {
        String name = Nodes.fieldText(spec, "name", source);
        if (name == null) {
            return Role.CODE;
        }
        TSNode definition = Nodes.field(spec, "type");
        String definitionType = definition == null ? "" : definition.getType();
        ChunkKind kind = switch (definitionType) {
            case "struct_type" -> ChunkKind.STRUCT;
            case "interface_type" -> ChunkKind.INTERFACE;
            default -> ChunkKind.TYPE;
        };
        // The signature stops before the field or method list: "type Reader interface".
        TSNode body = switch (definitionType) {
            case "struct_type" -> Nodes.childOfType(definition, "field_declaration_list");
            case "interface_type" -> Nodes.childOfType(definition, "{");
            default -> null;
        };
        int signatureEnd = body == null ? extent.getEndByte() : body.getStartByte();
        return new Declaration(kind, name, extent, extent, signatureEnd, null);
    }
}
