package dev.quarry.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.TestRepos;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets the right 4xx in the shared error shape, and the daemon keeps answering. */
class BadRequestRoutesTest extends RouteTestBase {
    private static Path repo;
    private final Route api = api(Map.of("quarry.http.max-body-bytes", "64k"));

    @BeforeAll
    static void indexSample() throws Exception {
        repo = TestRepos.sample(temp.resolve("repo")).toRealPath();
        node.register(new IndexSpec("sample", repo.toString(), new IndexOptions(false, List.of(), 200, false)))
                .toCompletableFuture().join();
        node.awaitLoaded("sample", Duration.ofSeconds(30)).toCompletableFuture().join();
        node.reindex("sample", false, p -> {}).toCompletableFuture().join();
    }

    @AfterEach
    void daemonStillAnswers() {
        assertEquals(200, run(HttpRequest.GET("/health")).statusCode());
        assertEquals(200, run(postJson("/indexes/sample/search", "{\"query\":\"parse_date\"}")).statusCode());
    }

    private TestRouteResult run(HttpRequest request) {
        return testRoute(api).run(request);
    }

    @Test
    void malformedJsonIs400() {
        assertError(run(postJson("/indexes/sample/search", "{\"query\":")), 400, "invalid_json");
        assertError(run(postJson("/indexes/sample/search", "[1,2]")), 400, "invalid_field");
        assertError(run(postJson("/indexes/sample/search", "{\"query\":\"a\"} trailing")), 400, "invalid_json");
        assertError(run(postJson("/indexes/sample/search", "{\"query\":\"a\",\"query\":\"b\"}")), 400, "invalid_json");
        assertError(run(postJson("/indexes/sample/search", "")), 400, "invalid_json");
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        JsonNode body = assertError(run(postJson("/indexes/sample/search", "{\"query\":\"a\",\"top_k\":\"5\"}")), 400, "invalid_field");
        assertEquals("top_k", body.path("details").path("field").asText());
        assertError(run(postJson("/indexes/sample/search", "{\"query\":5}")), 400, "invalid_field");
        assertError(run(postJson("/indexes/sample/search", "{\"query\":\"a\",\"top_k\":2.5}")), 400, "invalid_field");
        assertError(run(postJson("/indexes/sample/reindex", "{\"force\":\"yes\"}")), 400, "invalid_field");
        assertError(run(postJson("/indexes", "{\"id\":\"x\",\"root\":\"" + repo + "\",\"options\":{\"excludes\":\"*.md\"}}")), 400, "invalid_field");
        assertError(run(postJson("/indexes", "{\"id\":\"x\",\"root\":\"" + repo + "\",\"options\":{\"max_file_bytes\":-1}}")), 400, "invalid_field");
        assertError(run(postJson("/indexes/sample/search", "{\"query\":\"a\",\"top_k\":5000}")), 400, "bad_request");
        assertError(run(postJson("/indexes/sample/search", "{\"query\":\"a\",\"mode\":\"psychic\"}")), 400, "bad_request");
    }

    @Test
    void unknownFieldsAre400() {
        JsonNode body = assertError(run(postJson("/indexes/sample/search", "{\"query\":\"a\",\"topk\":5}")), 400, "unknown_field");
        assertEquals("topk", body.path("details").path("field").asText());
        assertError(run(postJson("/indexes", "{\"id\":\"x\",\"root\":\"" + repo + "\",\"colour\":\"red\"}")), 400, "unknown_field");
        assertError(run(postJson("/indexes/sample/files", "{\"path\":\"a.txt\",\"content\":\"a\",\"mode\":\"0644\"}")), 400, "unknown_field");
    }

    @Test
    void bodiesOverTheLimitAre413() {
        String huge = "{\"query\":\"" + "a".repeat(100_000) + "\"}";
        assertError(run(postJson("/indexes/sample/search", huge)), 413, "payload_too_large");
        // The index's own max_file_bytes (200 here) bounds pushed files, as it bounds walked ones.
        assertError(run(postJson("/indexes/sample/files", "{\"path\":\"big.txt\",\"content\":\"" + "b".repeat(300) + "\"}")),
                413, "file_too_large");
        assertError(run(postJson("/indexes/sample/files", "{\"path\":\"nul.txt\",\"content\":\"a\\u0000b\"}")), 400, "binary_content");
    }

    @Test
    void unknownIndexesAre404() {
        assertError(run(HttpRequest.GET("/indexes/nope")), 404, "unknown_index");
        assertError(run(HttpRequest.DELETE("/indexes/nope")), 404, "unknown_index");
        assertError(run(postJson("/indexes/nope/reindex", "{}")), 404, "unknown_index");
        assertError(run(HttpRequest.GET("/indexes/nope/events")), 404, "unknown_index");
        assertError(run(postJson("/indexes/nope/search", "{\"query\":\"a\"}")), 404, "unknown_index");
        assertError(run(postJson("/indexes/nope/files", "{\"path\":\"a.txt\",\"content\":\"a\"}")), 404, "unknown_index");
        assertError(run(HttpRequest.DELETE("/indexes/nope/files?path=a.txt")), 404, "unknown_index");
        assertError(run(HttpRequest.GET("/indexes/nope/chunks")), 404, "unknown_index");
        JsonNode body = assertError(run(postJson("/search", "{\"query\":\"a\",\"indexes\":[\"sample\",\"nope\"]}")), 404, "unknown_index");
        assertEquals("[\"nope\"]", body.path("details").path("indexes").toString());
    }

    @Test
    void pushedPathsCannotLeaveTheRoot() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(repo.resolve("escape"), outside);
        try {
            for (String path : List.of("../x.txt", "src/../../x.txt", "/etc/passwd", "escape/x.txt")) {
                assertError(run(postJson("/indexes/sample/files", "{\"path\":\"" + path + "\",\"content\":\"x\"}")),
                        400, "path_outside_root");
            }
            assertError(run(HttpRequest.DELETE("/indexes/sample/files?path=..%2Fx.txt")), 400, "path_outside_root");
            assertError(run(postJson("/indexes/sample/files", "{\"path\":\"a//b.txt\",\"content\":\"x\"}")), 400, "invalid_path");
            assertError(run(HttpRequest.DELETE("/indexes/sample/files")), 400, "invalid_parameter");
        } finally {
            Files.delete(repo.resolve("escape"));
        }
    }

    @Test
    void sensitiveAndInvalidRootsAre400() {
        JsonNode etc = assertError(run(postJson("/indexes", "{\"id\":\"etc\",\"root\":\"/etc\"}")), 400, "root_denied");
        assertEquals("/etc", etc.path("details").path("rule").asText());
        assertError(run(postJson("/indexes", "{\"id\":\"proc\",\"root\":\"/proc/self\"}")), 400, "root_denied");
        assertError(run(postJson("/indexes", "{\"id\":\"home\",\"root\":\"" + System.getProperty("user.home") + "\"}")), 400, "root_denied");
        assertError(run(postJson("/indexes", "{\"id\":\"root\",\"root\":\"/\"}")), 400, "root_denied");
        assertError(run(postJson("/indexes", "{\"id\":\"rel\",\"root\":\"src/main\"}")), 400, "root_not_absolute");
        assertError(run(postJson("/indexes", "{\"id\":\"gone\",\"root\":\"" + temp.resolve("missing") + "\"}")), 400, "root_not_found");
        assertError(run(postJson("/indexes", "{\"id\":\"bad id!\",\"root\":\"" + repo + "\"}")), 400, "bad_request");
        assertError(run(postJson("/indexes", "{\"root\":\"" + repo + "\"}")), 400, "bad_request");
    }

    @Test
    void invalidUtf8Is400() {
        byte[] prefix = "{\"query\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xff;
        body[prefix.length + 1] = (byte) 0xfe;
        body[prefix.length + 2] = '"';
        body[prefix.length + 3] = '}';
        assertError(run(HttpRequest.POST("/indexes/sample/search").withEntity(ContentTypes.APPLICATION_JSON, body)), 400, "invalid_json");
        assertError(run(HttpRequest.GET("/indexes/sample/chunks?after=%FF%FE")), 400, "invalid_parameter");
    }

    @Test
    void badParametersMethodsAndMediaTypesAreRefused() {
        assertError(run(HttpRequest.GET("/indexes/sample/chunks?limit=0")), 400, "invalid_parameter");
        assertError(run(HttpRequest.GET("/indexes/sample/chunks?limit=1001")), 400, "invalid_parameter");
        assertError(run(HttpRequest.GET("/indexes/sample/chunks?limit=ten")), 400, "invalid_parameter");
        assertError(run(HttpRequest.DELETE("/indexes/sample?delete_data=yes")), 400, "invalid_parameter");
        assertError(run(HttpRequest.POST("/indexes/sample/search").withEntity(ContentTypes.TEXT_PLAIN_UTF8, "{\"query\":\"a\"}")),
                415, "unsupported_media_type");
        assertError(run(HttpRequest.PUT("/indexes/sample")), 405, "method_not_allowed");
        assertError(run(HttpRequest.GET("/no/such/route")), 404, "not_found");
    }
}
