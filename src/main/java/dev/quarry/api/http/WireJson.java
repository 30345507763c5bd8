package dev.quarry.api.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.quarry.index.IndexState;
import dev.quarry.ingest.Language;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Function;

/**
 * The wire format of the HTTP API, shared by the server and the CLI client: snake_case names and
 * enums as their lower-case ids ("ready", "java"). Requests are read strictly (unknown fields,
 * type coercion, duplicate keys and trailing data are errors; an absent or null field takes its
 * default); the client reads responses leniently so a newer daemon can add fields.
 */
public final class WireJson {
    private static final ObjectMapper STRICT = strictMapper();
    private static final ObjectMapper LENIENT = builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private WireJson() {}

    /** For request bodies: anything not exactly as documented fails. */
    public static ObjectMapper strict() {
        return STRICT;
    }

    /** For reading responses and writing any output. */
    public static ObjectMapper lenient() {
        return LENIENT;
    }

    public static byte[] bytes(Object value) {
        try {
            return LENIENT.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        // "top_k": "5" or "query": 5 are type errors, not values to guess at.
        fail(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        fail(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Float, CoercionInputShape.Boolean);
        fail(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        fail(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.Integer, CoercionInputShape.Float);
        return mapper;
    }

    private static void fail(ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }

    private static JsonMapper.Builder builder() {
        SimpleModule ids = new SimpleModule("quarry-ids");
        lowerCaseEnum(ids, IndexState.class, IndexState::id, s -> IndexState.valueOf(s.toUpperCase(Locale.ROOT)));
        lowerCaseEnum(ids, Language.class, Language::id, Language::fromId);
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(ids);
    }

    private static <E extends Enum<E>> void lowerCaseEnum(SimpleModule module, Class<E> type,
                                                          Function<E, String> id, Function<String, E> parse) {
        module.addSerializer(type, new JsonSerializer<E>() {
            @Override
            public void serialize(E value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(id.apply(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<E>() {
            @Override
            public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                try {
                    return parse.apply(text);
                } catch (IllegalArgumentException | NullPointerException e) {
                    return type.cast(ctxt.handleWeirdStringValue(type, text, "not a known %s", type.getSimpleName()));
                }
            }
        });
    }
}
