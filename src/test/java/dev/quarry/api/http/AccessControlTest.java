package dev.quarry.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.Authorization;
import org.apache.pekko.http.javadsl.model.headers.Host;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.Test;

/** The bearer token guards every route but /health; a loopback daemon only answers loopback host names. */
class AccessControlTest extends RouteTestBase {

    @Test
    void aConfiguredTokenIsRequiredEverywhereButHealth() {
        Route api = api(Map.of("quarry.security.token", "s3cret"));
        assertEquals(200, testRoute(api).run(HttpRequest.GET("/health")).statusCode());
        var missing = testRoute(api).run(HttpRequest.GET("/indexes"));
        assertError(missing, 401, "unauthorized");
        assertEquals("Bearer realm=\"quarry\"", missing.response().getHeader("WWW-Authenticate").get().value());
        assertError(testRoute(api).run(HttpRequest.GET("/metrics")), 401, "unauthorized");
        assertError(testRoute(api).run(postJson("/search", "{\"query\":\"a\"}")
                .addHeader(Authorization.oauth2("wrong"))), 401, "unauthorized");
        assertEquals(200, testRoute(api).run(HttpRequest.GET("/indexes")
                .addHeader(Authorization.oauth2("s3cret"))).statusCode());
        assertEquals(0, shutdowns.get(), "an unauthorized shutdown must not run");
        assertError(testRoute(api).run(HttpRequest.POST("/shutdown")), 401, "unauthorized");
        assertEquals(0, shutdowns.get());
    }

    @Test
    void withoutATokenEveryRouteIsOpenToLocalCallers() {
        Route api = api(Map.of());
        assertEquals(200, testRoute(api).run(HttpRequest.GET("/indexes")).statusCode());
        assertEquals(200, testRoute(api).run(HttpRequest.GET("/health").addHeader(Host.create("127.0.0.1", 7420))).statusCode());
    }

    @Test
    void aLoopbackDaemonRefusesForeignHostNames() {
        // A page whose DNS name was rebound to 127.0.0.1 still sends its own Host header.
        assertError(testRoute(api(Map.of())).run(HttpRequest.GET("/health").addHeader(Host.create("evil.example"))),
                403, "forbidden_host");
        Route exposed = api(Map.of("quarry.http.host", "0.0.0.0"));
        assertEquals(200, testRoute(exposed).run(HttpRequest.GET("/health").addHeader(Host.create("quarry.lan"))).statusCode());
    }
}
