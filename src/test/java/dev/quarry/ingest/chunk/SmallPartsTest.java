package dev.quarry.ingest.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces the chunker is built from: windows, type names, options, kinds. */
class SmallPartsTest {

    @Test
    void windowsOverlapAndEndExactlyAtTheRangeEnd() {
        assertEquals(List.of(new LineRange(0, 39), new LineRange(30, 69), new LineRange(60, 99)),
                new LineRange(0, 99).windows(40, 10));
        assertEquals(List.of(new LineRange(5, 9)), new LineRange(5, 9).windows(40, 10));
        assertEquals(List.of(new LineRange(0, 2), new LineRange(3, 5), new LineRange(6, 6)),
                new LineRange(0, 6).pieces(3));
    }

    @Test
    void typeNamesLoseSigilsPathsAndTypeArguments() {
        assertEquals("List", TypeNames.simple("*List[T]"));
        assertEquals("Formatter", TypeNames.simple("&'a mut fmt::Formatter<'_>"));
        assertEquals("Wrapper", TypeNames.simple("Wrapper<T>"));
        assertEquals("Shape", TypeNames.simple("dyn Shape"));
        assertEquals("plain", TypeNames.simple("plain"));
    }

    @Test
    void optionsRejectWindowsThatCannotAdvance() {
        assertEquals(new ChunkerOptions(150, 40, 10), ChunkerOptions.defaults());
        assertThrows(IllegalArgumentException.class, () -> new ChunkerOptions(150, 40, 40));
        assertThrows(IllegalArgumentException.class, () -> new ChunkerOptions(150, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ChunkerOptions(30, 40, 10));
    }

    @Test
    void kindsRoundTripThroughTheirIds() {
        for (ChunkKind kind : ChunkKind.values()) {
            assertEquals(kind, ChunkKind.fromId(kind.id()));
        }
        assertEquals("method", ChunkKind.METHOD.id());
        assertThrows(IllegalArgumentException.class, () -> ChunkKind.fromId("lambda"));
    }
}
