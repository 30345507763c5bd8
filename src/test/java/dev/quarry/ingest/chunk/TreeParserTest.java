package dev.quarry.ingest.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quarry.ingest.Language;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSTree;

class TreeParserTest {
    private static final TSLanguage JAVA = Grammar.of(Language.JAVA).language();

    @Test
    void aParseOverBudgetIsAbandonedAndTheNextFileStartsFresh() {
        byte[] large = IntStream.range(0, 3_000)
                .mapToObj(i -> "    int m" + i + "(int a) { return a + " + i + "; }")
                .collect(Collectors.joining("\n", "class Large {\n", "\n}\n"))
                .getBytes(StandardCharsets.UTF_8);
        assertNull(TreeParser.parse(JAVA, large, Duration.ZERO));

        byte[] small = "class Small { void m() {} }\n".getBytes(StandardCharsets.UTF_8);
        try (TSTree tree = TreeParser.parse(JAVA, small, TreeParser.BUDGET)) {
            TSNode root = tree.getRootNode();
            assertFalse(root.hasError(), root.toString());
            assertEquals(small.length, root.getEndByte());
        }
    }

    @Test
    void offsetsAreUtf8Bytes() {
        String comment = "// 😀 ünï\n";
        byte[] source = (comment + "class A {}\n").getBytes(StandardCharsets.UTF_8);
        try (TSTree tree = TreeParser.parse(JAVA, source, TreeParser.BUDGET)) {
            TSNode declaration = tree.getRootNode().getNamedChild(1);
            assertEquals("class_declaration", declaration.getType());
            assertEquals(comment.getBytes(StandardCharsets.UTF_8).length, declaration.getStartByte());
        }
    }
}
