package dev.quarry.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.TestRepos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.junit.jupiter.api.Test;

/** The index lifecycle through the API, on real files: create, walk with events, search, page, push, remove. */
class IndexRoutesTest extends RouteTestBase {
    private final Route api = api(Map.of());

    private TestRouteResult run(HttpRequest request) {
        return testRoute(api).run(request);
    }

    private JsonNode create(String id, Path root, String options) {
        TestRouteResult created = run(postJson("/indexes", "{\"id\":\"" + id + "\",\"root\":\"" + root + "\"" + options + "}"));
        assertEquals(201, created.statusCode(), created.entityString());
        return json(created);
    }

    /** Starts a walk and reads its event stream to the end; returns the events as [type, data] pairs. */
    private List<String[]> reindex(String id) {
        TestRouteResult accepted = run(postJson("/indexes/" + id + "/reindex", "{\"force\":false}"));
        assertEquals(202, accepted.statusCode(), accepted.entityString());
        TestRouteResult events = run(HttpRequest.GET("/indexes/" + id + "/events"));
        assertEquals("text/event-stream", events.mediaTypeString());
        List<String[]> parsed = new ArrayList<>();
        for (String block : events.entityString().split("\n\n")) {
            String type = "message";
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:") && line.length() > 5) {
                    data = line.substring(5).strip();
                }
            }
            if (data != null) {
                parsed.add(new String[] {type, data});
            }
        }
        return parsed;
    }

    private JsonNode search(String id, String query) {
        TestRouteResult result = run(postJson("/indexes/" + id + "/search", "{\"query\":\"" + query + "\",\"top_k\":5}"));
        assertEquals(200, result.statusCode(), result.entityString());
        return json(result).path("hits");
    }

    @Test
    void createsWalksSearchesAndRemovesAnIndex() throws Exception {
        Path repo = TestRepos.sample(temp.resolve("life")).toRealPath();
        JsonNode created = create("life", repo, ",\"options\":{\"excludes\":[\"*.md\"],\"lexical_only\":true}");
        assertEquals(repo.toString(), created.path("root").asText());
        assertEquals("[\"*.md\"]", created.path("options").path("excludes").toString());
        assertEquals("disabled", created.path("stages").path("semantic").asText());

        assertEquals(200, run(postJson("/indexes", "{\"id\":\"life\",\"root\":\"" + repo + "\"}")).statusCode(),
                "registering the same id and root again is not a conflict");
        assertError(run(postJson("/indexes", "{\"id\":\"life\",\"root\":\"" + repo.resolve("src") + "\"}")), 409, "conflict");
        assertError(run(postJson("/indexes", "{\"id\":\"nested\",\"root\":\"" + repo.resolve("src") + "\"}")), 409, "conflict");

        List<String[]> events = reindex("life");
        String[] last = events.getLast();
        assertEquals("done", last[0], "the stream ends with the walk: " + events.size() + " events");
        JsonNode done = WireJson.lenient().readTree(last[1]);
        // README.md is excluded and generated/ gitignored: .gitignore, two Java files and one Python file remain.
        assertEquals(4, done.path("files_changed").asInt(), done.toString());
        assertTrue(done.path("done").asBoolean());
        assertTrue(done.has("files_per_second"));

        JsonNode status = json(run(HttpRequest.GET("/indexes/life")));
        assertEquals("ready", status.path("state").asText());
        assertEquals("ready", status.path("stages").path("lexical").asText());
        assertEquals(4, status.path("files").asInt());
        assertEquals(4, status.path("last_walk").path("files_changed").asInt(), status.toString());
        assertEquals(status.path("generation").asLong(), status.path("durable_generation").asLong(), "done means durable");
        assertTrue(json(run(HttpRequest.GET("/indexes"))).path("indexes").findValuesAsText("id").contains("life"));

        JsonNode hits = search("life", "shouldRetryUpload");
        assertEquals("src/main/java/org/example/RetryPolicy.java", hits.path(0).path("path").asText());
        assertEquals("java", hits.path(0).path("language").asText());

        TestRouteResult across = run(postJson("/search", "{\"query\":\"parse_date\",\"indexes\":[\"life\"]}"));
        JsonNode merged = json(across);
        assertEquals(200, across.statusCode(), merged.toString());
        assertEquals("life", merged.path("hits").path(0).path("index").asText());
        assertEquals("tools/parse_dates.py", merged.path("hits").path(0).path("path").asText());
        assertEquals("ok", merged.path("indexes").path(0).path("status").asText());

        assertPagesCoverEveryChunk("life", status.path("chunks").asInt());

        TestRouteResult put = run(postJson("/indexes/life/files",
                "{\"path\":\"src/Zebra.java\",\"content\":\"class Zebra {\\n  void paintStripesTwice() {}\\n}\\n\"}"));
        assertEquals(200, put.statusCode(), put.entityString());
        assertTrue(json(put).path("created").asBoolean());
        assertTrue(eventually(() -> search("life", "paintStripesTwice").size() > 0), "a pushed file becomes searchable");

        TestRouteResult deleted = run(HttpRequest.DELETE("/indexes/life/files?path=src/Zebra.java"));
        assertEquals(200, deleted.statusCode(), deleted.entityString());
        assertTrue(json(deleted).path("removed").asBoolean());
        assertTrue(eventually(() -> search("life", "paintStripesTwice").isEmpty()), "a deleted file leaves the index");
        assertFalse(json(run(HttpRequest.DELETE("/indexes/life/files?path=src/Zebra.java"))).path("removed").asBoolean());

        TestRouteResult removed = run(HttpRequest.DELETE("/indexes/life?delete_data=true"));
        assertEquals(200, removed.statusCode(), removed.entityString());
        assertTrue(json(removed).path("data_deleted").asBoolean(), removed.entityString());
        assertError(run(HttpRequest.GET("/indexes/life")), 404, "unknown_index");
        assertFalse(temp.resolve("data/indexes/life").toFile().exists());
    }

    private void assertPagesCoverEveryChunk(String id, int expected) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            TestRouteResult page = run(HttpRequest.GET("/indexes/" + id + "/chunks?limit=3" + (after == null ? "" : "&after=" + after)));
            JsonNode body = json(page);
            assertEquals(200, page.statusCode(), body.toString());
            body.path("chunks").forEach(c -> ids.add(c.path("id").asText()));
            assertTrue(body.path("chunks").size() <= 3);
            after = body.path("next_after").isNull() ? null : body.path("next_after").asText();
        } while (after != null);
        assertEquals(expected, ids.size(), "every chunk exactly once: " + ids);
        assertEquals(ids.stream().sorted().distinct().toList(), ids, "pages follow chunk-id order without repeats");
    }

    @Test
    void healthAndMetricsReportTheIndexes() throws Exception {
        Path repo = TestRepos.sample(temp.resolve("health")).toRealPath();
        create("health", repo, "");
        reindex("health");

        JsonNode health = json(run(HttpRequest.GET("/health")));
        assertEquals("ok", health.path("status").asText(), health.toString());
        assertEquals(temp.resolve("data").toAbsolutePath().toString(), health.path("data_dir").asText());
        assertEquals(ProcessHandle.current().pid(), health.path("pid").asLong());
        assertTrue(health.path("indexes").path("ready").asInt() >= 1, health.toString());
        assertTrue(health.path("chunks").asLong() > 0, health.toString());

        TestRouteResult metrics = run(HttpRequest.GET("/metrics"));
        assertEquals(200, metrics.statusCode());
        String text = metrics.entityString();
        assertTrue(text.contains("quarry_index_searchable{index=\"health\"} 1"), text);
        assertTrue(text.contains("quarry_indexes_registered "), text);
        assertTrue(text.contains("# TYPE quarry_search_seconds histogram"), text);
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
