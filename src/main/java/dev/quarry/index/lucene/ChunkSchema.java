package dev.quarry.index.lucene;

import dev.quarry.ingest.Chunk;
import dev.quarry.ingest.Language;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The Lucene document layout of a Quarry index: one document per chunk and one per file, told apart
 * by {@link #TYPE}. Chunk text is stored once ({@link #TEXT}) and indexed once ({@link #BODY}, whole
 * identifiers plus stemmed words: one field instead of a code field and a stemmed twin keeps bulk
 * indexing about a third faster at the same ranking quality). Everything else stored is just enough
 * to rebuild a {@link Chunk} or {@link FileRecord}. Documents must be indexed with {@link #analyzer()}.
 */
public final class ChunkSchema {
    /** Name and version of this layout, written into snapshot manifests; bump on any change. */
    public static final String FORMAT = "quarry-chunks-2";

    public static final String TYPE = "type";
    public static final String ID = "id";
    /** Exact path, for deletes, exact match and prefix filters. */
    public static final String PATH = "path";
    /** Path split into words, so "lang3/StringUtils.java" answers "string utils". */
    public static final String PATH_TEXT = "path_text";
    public static final String LANGUAGE = "language";
    public static final String KIND = "kind";
    public static final String SYMBOL = "symbol";
    public static final String SYMBOL_STEM = "symbol_stem";
    /** Lower-cased qualified names a chunk answers to exactly; see {@link #symbolKeys}. */
    public static final String SYMBOL_EXACT = "symbol_exact";
    /** Lower-cased last segment of the symbol ("abbreviate"). */
    public static final String SYMBOL_NAME = "symbol_name";
    /** Last segment of the symbol in its own case, to prefer {@code validate()} over class {@code Validate} for "validate". */
    public static final String SYMBOL_NAME_CASED = "symbol_name_cased";
    public static final String SIGNATURE = "signature";
    public static final String SIGNATURE_STEM = "signature_stem";
    /** The chunk text: whole identifiers and stemmed words ({@link CodeAnalyzer#stemmed()}). */
    public static final String BODY = "body";
    public static final String TEXT = "text";
    public static final String START_LINE = "start_line";
    public static final String END_LINE = "end_line";
    /** Fingerprint of the file version a document was made from (indexed on chunks, also stored on files). */
    public static final String FILE_SHA256 = "file_sha256";
    public static final String FILE_SIZE = "file_size";
    public static final String CHUNK_COUNT = "chunk_count";

    /**
     * Analysed, not stored, without positions: ranking is BM25 over term frequencies and nothing runs
     * phrase queries, so positions would only slow indexing down and grow the index.
     */
    private static final FieldType ANALYSED = analysedType();

    private static final String CHUNK_TYPE = "chunk";
    private static final String FILE_TYPE = "file";

    private ChunkSchema() {}

    private static FieldType analysedType() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        type.freeze();
        return type;
    }

    /**
     * Index-time analysis for every analysed field: {@link CodeAnalyzer#stemmed()} for the body and the
     * stemmed twins of symbol and signature, {@link CodeAnalyzer#create()} for the rest.
     */
    public static Analyzer analyzer() {
        Analyzer stemmed = CodeAnalyzer.stemmed();
        return new PerFieldAnalyzerWrapper(CodeAnalyzer.create(),
                Map.of(SYMBOL_STEM, stemmed, SIGNATURE_STEM, stemmed, BODY, stemmed));
    }

    public static Document chunkDocument(Chunk chunk, String fileSha256) {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(fileSha256, "fileSha256");
        String symbol = Objects.requireNonNullElse(chunk.symbol(), "");
        String signature = Objects.requireNonNullElse(chunk.signature(), "");
        Document doc = new Document();
        doc.add(new StringField(TYPE, CHUNK_TYPE, Field.Store.NO));
        doc.add(new StringField(ID, required(chunk.id(), "chunk id"), Field.Store.YES));
        doc.add(new StringField(PATH, required(chunk.path(), "chunk path"), Field.Store.YES));
        doc.add(new Field(PATH_TEXT, chunk.path(), ANALYSED));
        doc.add(new StringField(LANGUAGE, required(chunk.language(), "chunk language").id(), Field.Store.YES));
        doc.add(new StringField(KIND, required(chunk.kind(), "chunk kind"), Field.Store.YES));
        doc.add(new StoredField(SYMBOL, symbol));
        doc.add(new Field(SYMBOL, symbol, ANALYSED));
        doc.add(new Field(SYMBOL_STEM, symbol, ANALYSED));
        for (String key : symbolKeys(symbol, chunk.path())) {
            doc.add(new StringField(SYMBOL_EXACT, key, Field.Store.NO));
        }
        String name = symbolName(symbol);
        if (!name.isEmpty()) {
            doc.add(new StringField(SYMBOL_NAME, name.toLowerCase(Locale.ROOT), Field.Store.NO));
            doc.add(new StringField(SYMBOL_NAME_CASED, name, Field.Store.NO));
        }
        doc.add(new StoredField(SIGNATURE, signature));
        doc.add(new Field(SIGNATURE, signature, ANALYSED));
        doc.add(new Field(SIGNATURE_STEM, signature, ANALYSED));
        String text = required(chunk.text(), "chunk text");
        doc.add(new Field(BODY, text, ANALYSED));
        doc.add(new StoredField(TEXT, text));
        doc.add(new StoredField(START_LINE, chunk.startLine()));
        doc.add(new StoredField(END_LINE, chunk.endLine()));
        doc.add(new StringField(FILE_SHA256, fileSha256, Field.Store.NO));
        return doc;
    }

    /** Rebuilds a chunk from the stored fields of a chunk document. */
    public static Chunk toChunk(Document doc) {
        return new Chunk(
                stored(doc, ID),
                stored(doc, PATH),
                Language.fromId(stored(doc, LANGUAGE)),
                stored(doc, KIND),
                stored(doc, SYMBOL),
                stored(doc, SIGNATURE),
                storedNumber(doc, START_LINE).intValue(),
                storedNumber(doc, END_LINE).intValue(),
                stored(doc, TEXT));
    }

    public static Document fileDocument(FileRecord file) {
        Objects.requireNonNull(file, "file");
        Document doc = new Document();
        doc.add(new StringField(TYPE, FILE_TYPE, Field.Store.NO));
        doc.add(new StringField(PATH, required(file.path(), "file path"), Field.Store.YES));
        doc.add(new StringField(FILE_SHA256, required(file.sha256(), "file sha256"), Field.Store.YES));
        doc.add(new StoredField(FILE_SIZE, file.size()));
        doc.add(new StoredField(CHUNK_COUNT, file.chunkCount()));
        return doc;
    }

    /** A file document carrying the file's text for grep ({@link GrepFields}). */
    public static Document fileDocument(FileRecord file, String text) {
        Document doc = fileDocument(file);
        GrepFields.addTo(doc, file.path(), text);
        return doc;
    }

    public static FileRecord toFileRecord(Document doc) {
        return new FileRecord(
                stored(doc, PATH),
                stored(doc, FILE_SHA256),
                storedNumber(doc, FILE_SIZE).longValue(),
                storedNumber(doc, CHUNK_COUNT).intValue());
    }

    public static Term chunkIdTerm(String id) {
        return new Term(ID, id);
    }

    /** Matches the file document and every chunk of that path: delete it to drop or replace a file. */
    public static Term pathTerm(String path) {
        return new Term(PATH, path);
    }

    public static Query allFiles() {
        return new TermQuery(new Term(TYPE, FILE_TYPE));
    }

    public static Query allChunks() {
        return new TermQuery(new Term(TYPE, CHUNK_TYPE));
    }

    /**
     * Lower-cases a qualified name and unifies its separators ({@code ::}, {@code #}, {@code /}) to dots,
     * so "Foo::bar", "Foo#bar" and "foo.bar" are the same key.
     */
    public static String normalizeSymbol(String symbol) {
        StringBuilder key = new StringBuilder(symbol.length());
        boolean pendingDot = false;
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (isSeparator(c)) {
                pendingDot = key.length() > 0;
            } else {
                if (pendingDot) {
                    key.append('.');
                    pendingDot = false;
                }
                key.append(c);
            }
        }
        return key.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Every qualified form a chunk should answer exactly: each dotted suffix of its symbol with at least
     * two segments ("lang3.StringUtils.abbreviate" → also "stringutils.abbreviate"), and the name
     * qualified by its file's base name ("client.getresponse" for a method of a class in client.py),
     * since people qualify by module or file as often as by class.
     */
    static Set<String> symbolKeys(String symbol, String path) {
        Set<String> keys = new LinkedHashSet<>();
        String key = normalizeSymbol(symbol);
        if (key.isEmpty()) {
            return keys;
        }
        for (int dot = key.indexOf('.'), start = 0; dot > 0; start = dot + 1, dot = key.indexOf('.', start)) {
            keys.add(key.substring(start));
        }
        String fileStem = fileStem(path);
        if (!fileStem.isEmpty()) {
            keys.add(fileStem + '.' + symbolName(key));
        }
        return keys;
    }

    /** The unqualified name, in its own case: "bar" for "Foo.bar", "Foo::bar" or "Foo#bar". */
    public static String symbolName(String symbol) {
        int end = symbol.length();
        while (end > 0 && isSeparator(symbol.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && !isSeparator(symbol.charAt(start - 1))) {
            start--;
        }
        return symbol.substring(start, end);
    }

    private static boolean isSeparator(char c) {
        return c == '.' || c == ':' || c == '#' || c == '/';
    }

    private static String fileStem(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    private static String stored(Document doc, String field) {
        String value = doc.get(field);
        if (value == null) {
            throw new IllegalArgumentException("document has no stored field '" + field + "'");
        }
        return value;
    }

    private static Number storedNumber(Document doc, String field) {
        IndexableField value = doc.getField(field);
        if (value == null || value.numericValue() == null) {
            throw new IllegalArgumentException("document has no stored numeric field '" + field + "'");
        }
        return value.numericValue();
    }
}
