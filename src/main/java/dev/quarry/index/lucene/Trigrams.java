package dev.quarry.index.lucene;

import java.util.Locale;
import org.apache.lucene.util.BytesRef;

/**
 * Byte trigrams of case-folded UTF-8 text, the unit of the grep index. Text is folded code point by
 * code point (so "Straße" and "STRAẞE" give the same trigrams), then encoded as UTF-8; every run of
 * three bytes that does not contain a newline is a trigram, packed into the low 24 bits of an int.
 * Bytes rather than chars keep the alphabet fixed (2^24 terms at most) and the per-file set a plain
 * bitmap; folding at index time makes one index serve both case-sensitive and -i searches, the
 * regex verifying each candidate line for the exact case.
 */
public final class Trigrams {
    /** Receives each trigram of a text, possibly more than once. */
    @FunctionalInterface
    public interface Sink {
        void accept(int trigram);
    }

    private static final int NEWLINE = '\n';
    private static final int[] ASCII_FOLD = asciiFold();
    /** UTF-8 lead-byte marker by encoded length. */
    private static final int[] LEAD_BYTE = {0, 0, 0xC0, 0xE0, 0xF0};

    private Trigrams() {}

    private static int[] asciiFold() {
        int[] fold = new int[128];
        for (int c = 0; c < 128; c++) {
            fold[c] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        }
        return fold;
    }

    /**
     * The representative of a code point's simple case-folding class. Lower-casing the upper case
     * merges every class Unicode simple folding defines (k/K/Kelvin sign, s/S/long s, σ/ς/Σ, ß/ẞ);
     * it merges a few more (İ with i), which only costs selectivity, never a missed match.
     */
    public static int fold(int codePoint) {
        return codePoint < 128 ? ASCII_FOLD[codePoint] : Character.toLowerCase(Character.toUpperCase(codePoint));
    }

    /** Folds a string code point by code point. */
    public static String fold(CharSequence text) {
        if (text instanceof String s && isAscii(s)) {
            return s.toLowerCase(Locale.ROOT); // same result for ASCII, and vectorised by the JDK
        }
        StringBuilder folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            folded.appendCodePoint(fold(cp));
            i += Character.charCount(cp);
        }
        return folded.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** Feeds every trigram of the folded UTF-8 encoding of {@code text} to {@code sink}. */
    public static void forEach(CharSequence text, Sink sink) {
        int window = 0; // the last bytes, newest lowest
        int filled = 0; // how many bytes of window are valid (stops at 3)
        int n = text.length();
        for (int i = 0; i < n; ) {
            int cp = text.charAt(i);
            if (cp < 128) {
                i++;
                if (cp == NEWLINE) {
                    filled = 0;
                    continue;
                }
                window = (window << 8) | ASCII_FOLD[cp];
                if (++filled >= 3) {
                    sink.accept(window & 0xFFFFFF);
                    filled = 3;
                }
                continue;
            }
            cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            int folded = fold(cp);
            int len = folded < 0x800 ? 2 : folded < 0x10000 ? 3 : 4;
            for (int b = len - 1; b >= 0; b--) {
                int value = b == len - 1
                        ? (folded >>> (6 * b)) | LEAD_BYTE[len]
                        : ((folded >>> (6 * b)) & 0x3F) | 0x80;
                window = (window << 8) | value;
                if (++filled >= 3) {
                    sink.accept(window & 0xFFFFFF);
                    filled = 3;
                }
            }
        }
    }

    /** The index term of a trigram. */
    public static BytesRef term(int trigram) {
        return new BytesRef(new byte[] {(byte) (trigram >>> 16), (byte) (trigram >>> 8), (byte) trigram});
    }
}
