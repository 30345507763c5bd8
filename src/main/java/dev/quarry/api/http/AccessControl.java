package dev.quarry.api.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Who may call: on a loopback bind only requests addressed to a loopback host name (a web page
 * that rebinds its DNS name to 127.0.0.1 still sends its own Host), and, when a token is
 * configured, only callers presenting it; {@code /health} stays open so supervisors can probe.
 */
final class AccessControl extends ApiDirectives {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private final boolean loopbackOnly;
    private final Optional<byte[]> token;

    AccessControl(HttpSettings settings) {
        this.loopbackOnly = isLoopback(settings.host());
        this.token = settings.token().map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    Route guard(Supplier<Route> inner) {
        return extractHost(host -> {
            if (loopbackOnly && !LOOPBACK_NAMES.contains(host.toLowerCase(java.util.Locale.ROOT))) {
                throw new ApiException(StatusCodes.FORBIDDEN, "forbidden_host",
                        "this daemon only answers requests addressed to localhost, not " + host, Map.of(), false);
            }
            return extractUri(uri -> token.isEmpty() || uri.path().equals("/health") ? inner.get() : authorized(inner));
        });
    }

    private Route authorized(Supplier<Route> inner) {
        return optionalHeaderValueByName("Authorization", header -> {
            byte[] presented = header.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                    .map(h -> h.substring(7).strip().getBytes(StandardCharsets.UTF_8))
                    .orElse(new byte[0]);
            if (!MessageDigest.isEqual(presented, token.get())) {
                return complete(error(new ApiException(StatusCodes.UNAUTHORIZED, "unauthorized",
                        header.isPresent() ? "the bearer token is wrong" : "this daemon requires 'Authorization: Bearer <token>'",
                        Map.of(), false)).addHeader(HttpHeader.parse("WWW-Authenticate", "Bearer realm=\"quarry\"")));
            }
            return inner.get();
        });
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
