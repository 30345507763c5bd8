package dev.quarry.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.quarry.api.QuarryConfig;
import dev.quarry.api.QuarryNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.Host;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.RouteResult;
import org.apache.pekko.http.javadsl.testkit.DefaultHostInfo;
import org.apache.pekko.http.javadsl.testkit.RouteTest;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import scala.concurrent.Future;
import scala.concurrent.duration.FiniteDuration;

/**
 * Pekko HTTP's route test kit on JUnit 5: the API's routes run on a real node (actors, Lucene,
 * walker) in a temporary data directory, one node per test class.
 */
abstract class RouteTestBase extends RouteTest {
    @TempDir
    static Path temp;

    static QuarryNode node;
    static final AtomicInteger shutdowns = new AtomicInteger();

    @BeforeAll
    static void startNode() throws IOException {
        node = QuarryNode.start(QuarryConfig.withDataDir(temp.resolve("data")));
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    /** The API as the daemon serves it, with config overrides ({@code quarry.security.token}, ...). */
    static Route api(Map<String, Object> overrides) {
        HttpSettings settings = HttpSettings.from(ConfigFactory.parseMap(overrides).withFallback(node.config().raw()));
        return ApiRoutes.create(node, settings, shutdowns::incrementAndGet);
    }

    static HttpRequest postJson(String path, String json) {
        return HttpRequest.POST(path).withEntity(ContentTypes.APPLICATION_JSON, json);
    }

    static JsonNode json(TestRouteResult result) {
        try {
            return WireJson.lenient().readTree(result.entityString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the status and the error code of the shared error shape; returns the body. */
    static JsonNode assertError(TestRouteResult result, int status, String code) {
        JsonNode body = json(result);
        Assertions.assertEquals(status, result.statusCode(), body.toString());
        Assertions.assertEquals(code, body.path("error").asText(), body.toString());
        Assertions.assertTrue(body.path("message").isTextual() && body.has("details") && body.has("retryable"), body.toString());
        return body;
    }

    @Override
    public ActorSystem system() {
        return Adapter.toClassic(node.system());
    }

    @Override
    public Materializer materializer() {
        return Materializer.matFromSystem(node.system());
    }

    @Override
    public DefaultHostInfo defaultHostInfo() {
        return DefaultHostInfo.apply(Host.create("localhost"), false);
    }

    @Override
    public FiniteDuration awaitDuration() {
        return FiniteDuration.apply(20, "s");
    }

    @Override
    public TestRouteResult createTestRouteResultAsync(HttpRequest request, Future<RouteResult> result) {
        return new TestRouteResult(result, awaitDuration(), system().dispatcher(), materializer()) {
            @Override
            public void fail(String message) {
                Assertions.fail(message);
            }

            @Override
            public void assertEquals(Object expected, Object actual, String message) {
                Assertions.assertEquals(expected, actual, message);
            }

            @Override
            public void assertEquals(int expected, int actual, String message) {
                Assertions.assertEquals(expected, actual, message);
            }

            @Override
            public void assertTrue(boolean predicate, String message) {
                Assertions.assertTrue(predicate, message);
            }
        };
    }
}
