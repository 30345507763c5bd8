package dev.quarry.index.lucene;

import java.util.Objects;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The grep part of a file document: the whole text as UTF-8 binary doc values, its distinct
 * case-folded trigrams ({@link Trigrams}; documents only), and the path as sorted doc values so grep
 * can filter and order candidates by path before reading any text. The text is doc values rather than
 * a stored field because grep reads it in bulk: Lucene's stored fields decompress at ~150 MB/s a
 * thread here, uncompressed doc values are read at memory speed — and a common literal reads
 * hundreds of megabytes. The price is index size (the text is kept uncompressed).
 */
public final class GrepFields {
    /** The file's whole text, UTF-8. */
    public static final String CONTENT = "content";
    /** Distinct folded byte trigrams of {@link #CONTENT}. */
    public static final String TRIGRAMS = "trigrams";
    /** The file path as sorted doc values. */
    public static final String PATH_VALUES = "path_dv";

    private static final FieldType TRIGRAM_TYPE = trigramType();

    private GrepFields() {}

    private static FieldType trigramType() {
        FieldType type = new FieldType();
        type.setIndexOptions(IndexOptions.DOCS);
        type.setTokenized(true);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    /** Adds the grep fields for {@code text} to a file document of {@code path}. */
    static void addTo(Document fileDocument, String path, String text) {
        Objects.requireNonNull(text, "file text");
        fileDocument.add(new SortedDocValuesField(PATH_VALUES, new BytesRef(path)));
        fileDocument.add(new Field(TRIGRAMS, new DistinctTrigramStream(text), TRIGRAM_TYPE));
        fileDocument.add(new BinaryDocValuesField(CONTENT, new BytesRef(text)));
    }

    /** Matches the files whose folded text contains {@code trigram}. */
    public static Query trigramQuery(int trigram) {
        return new TermQuery(new Term(TRIGRAMS, Trigrams.term(trigram)));
    }
}
