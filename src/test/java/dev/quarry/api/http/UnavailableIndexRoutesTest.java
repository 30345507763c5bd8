package dev.quarry.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.TestRepos;
import dev.quarry.api.QuarryConfig;
import dev.quarry.api.QuarryNode;
import dev.quarry.index.IndexOptions;
import dev.quarry.index.IndexSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An index whose snapshot fails verification answers 503 everywhere, never an empty 200 (reliability lesson 8). */
class UnavailableIndexRoutesTest extends RouteTestBase {

    @BeforeAll
    static void breakAnIndex() throws Exception {
        Path repo = TestRepos.sample(temp.resolve("repo")).toRealPath();
        node.register(new IndexSpec("broken", repo.toString(), IndexOptions.defaults())).toCompletableFuture().join();
        node.awaitLoaded("broken", Duration.ofSeconds(30)).toCompletableFuture().join();
        node.reindex("broken", false, p -> {}).toCompletableFuture().join();
        node.flush("broken").toCompletableFuture().join();
        node.close();
        // Damage every Lucene commit point: the snapshot fails verification and is quarantined.
        try (var files = Files.walk(temp.resolve("data/indexes/broken"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
                Files.writeString(file, "not a Lucene commit");
            }
        }
        node = QuarryNode.start(QuarryConfig.withDataDir(temp.resolve("data")));
        node.awaitLoaded("broken", Duration.ofSeconds(30)).toCompletableFuture().join();
    }

    @Test
    void everyReadAnswers503AndHealthIsDegraded() {
        Route api = api(Map.of());
        JsonNode search = assertError(testRoute(api).run(postJson("/indexes/broken/search", "{\"query\":\"parse_date\"}")),
                503, "index_unavailable");
        assertEquals("quarantined", search.path("details").path("state").asText());
        assertFalse(search.path("retryable").asBoolean(), "a retry does not repair unreadable data");

        JsonNode across = assertError(testRoute(api).run(postJson("/search", "{\"query\":\"parse_date\"}")), 503, "index_unavailable");
        assertEquals("unavailable", across.path("details").path("indexes").path(0).path("status").asText());

        assertError(testRoute(api).run(HttpRequest.GET("/indexes/broken/chunks")), 503, "index_unavailable");
        assertError(testRoute(api).run(postJson("/indexes/broken/files", "{\"path\":\"a.txt\",\"content\":\"a\"}")),
                503, "index_unavailable");

        JsonNode status = json(testRoute(api).run(HttpRequest.GET("/indexes/broken")));
        assertEquals("unavailable", status.path("stages").path("lexical").asText());
        assertFalse(status.path("last_error").isNull());
        JsonNode health = json(testRoute(api).run(HttpRequest.GET("/health")));
        assertEquals("degraded", health.path("status").asText());
        assertEquals(1, health.path("indexes").path("quarantined").asInt());
    }
}
