package dev.quarry.api.http;

import dev.quarry.api.QuarryNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Pushed single-file updates, for editors and agents that know a file changed before any walk does:
 * {@code POST /indexes/{id}/files} and {@code DELETE /indexes/{id}/files?path=}.
 */
final class FileRoutes extends ApiDirectives {
    private final QuarryNode node;

    FileRoutes(QuarryNode node) {
        this.node = node;
    }

    Route route() {
        return indexPath("files", id -> concat(
                post(() -> jsonBody(ApiBodies.PutFile.class, body -> respond(() -> known(node, id).thenCompose(spec -> {
                    String path = PushedPath.check(spec.root(), body.path());
                    checkContent(body.content(), spec.options().maxFileBytes());
                    return node.putFile(id, path, body.content())
                            .thenApply(change -> ok(new ApiBodies.FilePut(id, change.path(), change.chunks(), !change.existed())));
                })))),
                delete(() -> parameterOptional("path", path -> respond(() -> {
                    String requested = QueryParams.text("path", path);
                    return known(node, id).thenCompose(spec -> node.deleteFile(id, PushedPath.check(spec.root(), requested))
                            .thenApply(change -> ok(new ApiBodies.FileDeleted(id, change.path(), change.existed()))));
                })))));
    }

    /** The same limits a walk applies: no binary content, nothing over the index's max_file_bytes. */
    private static void checkContent(String content, long maxFileBytes) {
        if (content == null) {
            throw ApiException.badRequest("invalid_field", "content is required", Map.of("field", "content"));
        }
        if (content.indexOf('\0') >= 0) {
            throw ApiException.badRequest("binary_content", "content contains NUL characters; binary files are not indexed");
        }
        long size = content.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxFileBytes) {
            throw new ApiException(StatusCodes.PAYLOAD_TOO_LARGE, "file_too_large", "content is " + size
                    + " bytes; this index skips files over max_file_bytes = " + maxFileBytes,
                    Map.of("size", size, "max_file_bytes", maxFileBytes), false);
        }
    }
}
