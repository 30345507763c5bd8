package dev.quarry.index.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrigramsTest {

    @Test
    void foldingMergesEveryCaseVariantThatRegexCaseFoldingMerges() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            for (int variant : new int[] {Character.toUpperCase(cp), Character.toLowerCase(cp), Character.toTitleCase(cp)}) {
                if (Trigrams.fold(cp) != Trigrams.fold(variant)) {
                    throw new AssertionError("U+" + Integer.toHexString(cp) + " and U+" + Integer.toHexString(variant));
                }
            }
        }
        assertEquals(Trigrams.fold('k'), Trigrams.fold(0x212A)); // Kelvin sign
        assertEquals(Trigrams.fold('s'), Trigrams.fold(0x17F)); // long s
        assertEquals(Trigrams.fold(0xDF), Trigrams.fold(0x1E9E)); // ß and capital sharp s
        assertEquals(Trigrams.fold(0x3C3), Trigrams.fold(0x3C2)); // σ and final ς
    }

    @Test
    void trigramsAreTheByteTriplesOfTheFoldedUtf8LinesOnly() {
        Set<Integer> found = new HashSet<>();
        Trigrams.forEach("aBc\nÄö", found::add);
        Set<Integer> expected = new HashSet<>();
        byte[] abc = "abc".getBytes(StandardCharsets.UTF_8);
        byte[] umlauts = "äö".getBytes(StandardCharsets.UTF_8);
        addTriples(expected, abc);
        addTriples(expected, umlauts);
        assertEquals(expected, found, "no trigram spans the line break");
        Set<Integer> folded = new HashSet<>();
        Trigrams.forEach("ABC\näÖ", folded::add);
        assertEquals(found, folded);
    }

    private static void addTriples(Set<Integer> out, byte[] bytes) {
        for (int i = 0; i + 2 < bytes.length; i++) {
            out.add(((bytes[i] & 0xFF) << 16) | ((bytes[i + 1] & 0xFF) << 8) | (bytes[i + 2] & 0xFF));
        }
    }

    @Test
    void theStreamEmitsEachDistinctTrigramOnceAndResetsItsBitmap() throws Exception {
        for (int round = 0; round < 2; round++) {
            try (DistinctTrigramStream stream = new DistinctTrigramStream("abcabcabc")) {
                stream.reset();
                int tokens = 0;
                while (stream.incrementToken()) {
                    tokens++;
                }
                assertEquals(3, tokens, "abc, bca, cab (round " + round + ")");
            }
        }
    }
}
