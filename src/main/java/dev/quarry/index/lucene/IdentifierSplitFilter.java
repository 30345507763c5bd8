package dev.quarry.index.lucene;

import java.io.IOException;
import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * Lower-cases identifier tokens and adds the words inside them: camelCase, PascalCase, snake_case,
 * kebab-case, acronyms ({@code HTTPClient} → httpclient, http, client) and letter/digit boundaries
 * ({@code parseHTML5Doc} → parsehtml5doc, parse, html, 5, doc).
 *
 * <p>The whole identifier comes first, marked as a keyword so a stemmer leaves it intact, and its first
 * part shares its position: the output is already a flat token stream (no graph), safe at index time.
 * Tokens that start with a digit are literals ({@code 0x1F}, {@code 1e9}) and stay whole: their "parts"
 * would only add noise. Buffers are reused across tokens, so the filter does not allocate per token.
 */
final class IdentifierSplitFilter extends TokenFilter {
    private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute posIncAtt = addAttribute(PositionIncrementAttribute.class);
    private final KeywordAttribute keywordAtt = addAttribute(KeywordAttribute.class);

    private char[] original = new char[64];
    private int[] partStarts = new int[16];
    private int[] partEnds = new int[16];
    private int partCount;
    private int nextPart; // index of the next part to emit; == partCount when none are pending
    private int tokenStartOffset;

    IdentifierSplitFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (nextPart < partCount) {
            emitPart();
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        char[] term = termAtt.buffer();
        int length = termAtt.length();
        findParts(term, length);
        if (partCount == 1 && partStarts[0] == 0 && partEnds[0] == length) {
            partCount = 0; // a plain word: the token is its own only part
        }
        CharacterUtils.toLowerCase(term, 0, length);
        keywordAtt.setKeyword(partCount > 0 || Character.isDigit(term[0]));
        return true;
    }

    private void emitPart() {
        int start = partStarts[nextPart];
        int end = partEnds[nextPart];
        termAtt.copyBuffer(original, start, end - start);
        keywordAtt.setKeyword(false);
        CharacterUtils.toLowerCase(termAtt.buffer(), 0, end - start);
        offsetAtt.setOffset(tokenStartOffset + start, tokenStartOffset + end);
        posIncAtt.setPositionIncrement(nextPart == 0 ? 0 : 1);
        nextPart++;
    }

    /** Records part boundaries of {@code term} and keeps a copy of it for emitting the parts later. */
    private void findParts(char[] term, int length) {
        partCount = 0;
        nextPart = 0;
        tokenStartOffset = offsetAtt.startOffset();
        if (length == 0 || Character.isDigit(term[0])) {
            return;
        }
        original = ArrayUtil.grow(original, length);
        System.arraycopy(term, 0, original, 0, length);
        int partStart = -1;
        int previous = DELIMITER;
        for (int i = 0; i < length; i++) {
            int kind = kindOf(term[i]);
            if (kind == DELIMITER) {
                if (partStart >= 0) {
                    addPart(partStart, i);
                    partStart = -1;
                }
            } else if (partStart < 0) {
                partStart = i;
            } else if (startsNewPart(previous, kind, i + 1 < length ? kindOf(term[i + 1]) : DELIMITER)) {
                addPart(partStart, i);
                partStart = i;
            }
            previous = kind;
        }
        if (partStart >= 0) {
            addPart(partStart, length);
        }
    }

    private static final int DELIMITER = 0;
    private static final int UPPER = 1;
    private static final int LOWER = 2;
    private static final int DIGIT = 3;
    private static final int OTHER = 4; // uncased letters (CJK, ...) and surrogate halves

    private static int kindOf(char c) {
        if (c == '_' || c == '$' || c == '-') {
            return DELIMITER;
        }
        if (c < 128) {
            if (c >= 'a' && c <= 'z') {
                return LOWER;
            }
            if (c >= 'A' && c <= 'Z') {
                return UPPER;
            }
            return c >= '0' && c <= '9' ? DIGIT : OTHER;
        }
        if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
            return UPPER;
        }
        if (Character.isLowerCase(c)) {
            return LOWER;
        }
        return Character.isDigit(c) ? DIGIT : OTHER;
    }

    /**
     * A new part starts at a camel hump (aB), before the last capital of an acronym (HTTPClient splits
     * before C), and at any change between digits, cased and uncased letters; a capital keeps the lower
     * case letters after it (Client).
     */
    private static boolean startsNewPart(int previous, int current, int next) {
        if (previous == UPPER && current == UPPER) {
            return next == LOWER;
        }
        return previous != current && !(previous == UPPER && current == LOWER);
    }

    private void addPart(int start, int end) {
        if (partCount == partStarts.length) {
            partStarts = ArrayUtil.grow(partStarts, partCount + 1);
            partEnds = ArrayUtil.grow(partEnds, partCount + 1);
        }
        partStarts[partCount] = start;
        partEnds[partCount] = end;
        partCount++;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        partCount = 0;
        nextPart = 0;
    }
}
