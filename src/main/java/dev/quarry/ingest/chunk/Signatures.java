package dev.quarry.ingest.chunk;

import java.util.Set;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * The declaration text before its body on one line, without annotations or decorators:
 * {@code public static String abbreviate(final String str, final int maxWidth)}.
 */
final class Signatures {
    private static final int MAX_CHARS = 300;
    /** Leading children that describe rather than declare; a signature starts after them. */
    private static final Set<String> DECORATIONS = Set.of(
            "annotation", "marker_annotation", "decorator", "attribute_item",
            "comment", "line_comment", "block_comment");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Signatures() {}

    static String of(Declaration declaration, SourceText source) {
        TSNode node = declaration.signatureFrom();
        int start = start(node);
        int end = declaration.signatureEnd() > start ? declaration.signatureEnd() : node.getEndByte();
        // Decode no more than can survive the cut (a huge default value must not cost a huge string).
        String raw = source.slice(start, Math.min(end, start + MAX_CHARS * 8));
        String signature = WHITESPACE.matcher(raw).replaceAll(" ").strip();
        while (!signature.isEmpty() && ":{;".indexOf(signature.charAt(signature.length() - 1)) >= 0) {
            signature = signature.substring(0, signature.length() - 1).stripTrailing();
        }
        if (signature.length() > MAX_CHARS) {
            int cut = Character.isHighSurrogate(signature.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
            signature = signature.substring(0, cut);
        }
        return signature;
    }

    /** Start of the first child that is not a decoration; Java keeps annotations inside "modifiers". */
    private static int start(TSNode node) {
        TSNode first = Nodes.firstChild(node, Signatures::declares);
        if (first == null) {
            return node.getStartByte();
        }
        if (first.getType().equals("modifiers")) {
            TSNode modifier = Nodes.firstChild(first, Signatures::declares);
            // Only annotations: start after them; the whitespace in between is stripped.
            return modifier == null ? first.getEndByte() : modifier.getStartByte();
        }
        return first.getStartByte();
    }

    private static boolean declares(TSNode child) {
        return !DECORATIONS.contains(child.getType());
    }
}
