package dev.quarry.index.lucene;

import java.io.IOException;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Splits source text into identifier-shaped tokens: runs of letters, digits, {@code _} and {@code $},
 * plus a {@code -} that sits between a letter or digit and a letter ({@code dry-run}, {@code --no-verify}),
 * so kebab-case names survive as one token while {@code a - b}, {@code x-1} and {@code p->q} do not.
 * Everything else (dots, operators, whitespace, quotes) separates tokens. Case is kept: the split
 * filter needs it to find camelCase boundaries.
 */
final class IdentifierTokenizer extends Tokenizer {
    /** Longer runs (base64 blobs, minified code) are cut; such tokens are never searched for whole. */
    static final int MAX_TOKEN_LENGTH = 255;
    private static final int BUFFER_SIZE = 4096;

    private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);

    private final char[] buffer = new char[BUFFER_SIZE];
    private int bufferStart; // offset in the input of buffer[0]
    private int position;
    private int limit;
    private boolean exhausted;

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        char[] term = termAtt.buffer();
        int length = 0;
        int start = 0;
        boolean lastWasLetterOrDigit = false;
        while (available(1)) {
            int codePoint = currentCodePoint();
            int width = Character.charCount(codePoint);
            boolean tokenChar;
            if (codePoint == '-') {
                tokenChar = lastWasLetterOrDigit && available(2) && Character.isLetter(codePointAfterDash());
            } else {
                tokenChar = isIdentifierPart(codePoint);
            }
            if (!tokenChar) {
                position += width;
                if (length > 0) {
                    break;
                }
                continue;
            }
            if (length + width > MAX_TOKEN_LENGTH) {
                break;
            }
            if (length == 0) {
                start = bufferStart + position;
            }
            if (length + width > term.length) {
                term = termAtt.resizeBuffer(length + width);
            }
            term[length++] = buffer[position++];
            if (width == 2) {
                term[length++] = buffer[position++];
            }
            lastWasLetterOrDigit = codePoint != '-' && codePoint != '_' && codePoint != '$';
        }
        if (length == 0) {
            return false;
        }
        termAtt.setLength(length);
        offsetAtt.setOffset(correctOffset(start), correctOffset(start + length));
        return true;
    }

    static boolean isIdentifierPart(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || codePoint == '_' || codePoint == '$';
    }

    private int currentCodePoint() throws IOException {
        char c = buffer[position];
        if (Character.isHighSurrogate(c) && available(2)) {
            return Character.toCodePoint(c, buffer[position + 1]);
        }
        return c;
    }

    private int codePointAfterDash() throws IOException {
        char c = buffer[position + 1];
        if (Character.isHighSurrogate(c) && available(3)) {
            return Character.toCodePoint(c, buffer[position + 2]);
        }
        return c;
    }

    /** Makes {@code count} chars readable from {@code position}, compacting and refilling the buffer. */
    private boolean available(int count) throws IOException {
        if (limit - position >= count) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        int remaining = limit - position;
        System.arraycopy(buffer, position, buffer, 0, remaining);
        bufferStart += position;
        position = 0;
        limit = remaining;
        while (limit < count) {
            int read = input.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                exhausted = true;
                return false;
            }
            limit += read;
        }
        return true;
    }

    @Override
    public void end() throws IOException {
        super.end();
        int finalOffset = correctOffset(bufferStart + limit);
        offsetAtt.setOffset(finalOffset, finalOffset);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        bufferStart = 0;
        position = 0;
        limit = 0;
        exhausted = false;
    }
}
