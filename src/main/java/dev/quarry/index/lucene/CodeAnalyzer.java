package dev.quarry.index.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;

/**
 * Analyzer for source code: identifier tokens, lower-cased, each followed by the words inside it
 * ({@code HTTPClient} → httpclient, http, client; {@code StringUtils.abbreviate} → stringutils, string,
 * utils, abbreviate).
 *
 * <p>{@link #stemmed()} also runs the Porter stemmer over the words, but not over whole compound
 * identifiers, so one field serves prose ("abbreviates" → abbrevi ← "abbreviate") and exact names
 * ({@code httpclient}) alike. Both are cheap enough for bulk indexing: one hand-written tokenizer, one
 * splitting filter, no per-token allocation.
 */
public final class CodeAnalyzer extends Analyzer {
    private final boolean stem;

    private CodeAnalyzer(boolean stem) {
        this.stem = stem;
    }

    /** Whole identifiers plus their lower-cased parts, unstemmed. */
    public static CodeAnalyzer create() {
        return new CodeAnalyzer(false);
    }

    /** Whole identifiers plus their lower-cased parts, the parts Porter-stemmed. */
    public static CodeAnalyzer stemmed() {
        return new CodeAnalyzer(true);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new IdentifierTokenizer();
        TokenStream stream = new IdentifierSplitFilter(tokenizer);
        if (stem) {
            stream = new PorterStemFilter(stream); // skips tokens marked as keywords: whole identifiers
        }
        return new TokenStreamComponents(tokenizer, stream);
    }

    /** Multi-term queries (prefix, wildcard) see the same case folding as indexed tokens. */
    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }
}
