package dev.quarry.index.lucene;

import java.util.Arrays;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.util.BytesRef;

/**
 * Emits each distinct trigram of a text once, as a 3-byte binary term. Deduplicating here rather
 * than letting Lucene count repeats is what keeps the grep field cheap: a 100 KB source file has
 * about 100 K trigram occurrences but only a few thousand distinct trigrams, and the field indexes
 * documents only (no frequencies, no positions).
 */
final class DistinctTrigramStream extends TokenStream {
    /** One bit per possible trigram; per thread because IndexWriter analyses on the calling thread. */
    private static final ThreadLocal<long[]> SEEN = ThreadLocal.withInitial(() -> new long[(1 << 24) / 64]);

    private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
    private final byte[] bytes = new byte[3];
    private final BytesRef ref = new BytesRef(bytes); // Lucene copies term bytes, so one buffer serves all tokens
    private final CharSequence text;
    private Distinct distinct;
    private int next;

    DistinctTrigramStream(CharSequence text) {
        this.text = text;
    }

    /** Collects first occurrences, marking them in the thread's bitmap. */
    private static final class Distinct implements Trigrams.Sink {
        private final long[] seen;
        private int[] trigrams = new int[1024];
        private int count;

        Distinct(long[] seen) {
            this.seen = seen;
        }

        @Override
        public void accept(int trigram) {
            long bit = 1L << trigram;
            int word = trigram >>> 6;
            if ((seen[word] & bit) == 0) {
                seen[word] |= bit;
                if (count == trigrams.length) {
                    trigrams = Arrays.copyOf(trigrams, count * 2);
                }
                trigrams[count++] = trigram;
            }
        }

        /** Clears only the bitmap words this text touched, so the next file starts clean. */
        void clear() {
            for (int i = 0; i < count; i++) {
                seen[trigrams[i] >>> 6] = 0;
            }
        }
    }

    @Override
    public void reset() {
        distinct = new Distinct(SEEN.get());
        try {
            Trigrams.forEach(text, distinct);
        } finally {
            distinct.clear();
        }
        next = 0;
    }

    @Override
    public boolean incrementToken() {
        if (next >= distinct.count) {
            return false;
        }
        clearAttributes();
        int trigram = distinct.trigrams[next++];
        bytes[0] = (byte) (trigram >>> 16);
        bytes[1] = (byte) (trigram >>> 8);
        bytes[2] = (byte) trigram;
        term.setBytesRef(ref);
        return true;
    }
}
