package dev.quarry.api.http;

import dev.quarry.api.QuarryNode;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/** Binds the API of a node to {@code quarry.http.host}:{@code port}. */
public final class ApiServer {
    private ApiServer() {}

    /** @param shutdown what {@code POST /shutdown} starts; must return at once */
    public static CompletionStage<ServerBinding> bind(QuarryNode node, HttpSettings settings, Runnable shutdown) {
        return Http.get(node.system())
                .newServerAt(settings.host(), settings.port())
                .bind(ApiRoutes.create(node, settings, shutdown));
    }
}
