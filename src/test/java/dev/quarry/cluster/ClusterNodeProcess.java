package dev.quarry.cluster;

import dev.quarry.api.QuarryNode;
import dev.quarry.index.IndexRegistry;
import dev.quarry.index.IndexSpec;
import dev.quarry.index.IndexStatus;
import dev.quarry.search.SearchReply;
import dev.quarry.search.SearchRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * A clustered Quarry node in its own JVM, for the multi-process failover test. It reads
 * {@code <tag> <command> [args]} lines on stdin and answers {@code <tag> <answer>} on stdout, out of
 * order; stdin closing makes it leave the cluster and exit.
 *
 * <p>Args: data-dir port seed-port min-nr-of-members shared-dir down-unreachable-after-millis.
 */
final class ClusterNodeProcess {
    private ClusterNodeProcess() {}

    public static void main(String[] args) throws Exception {
        QuarryNode node = QuarryNode.start(ClusterNodes.config(Path.of(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]), Duration.ofMinutes(30),
                Duration.ofMillis(Long.parseLong(args[5]))));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split(" ", 3);
            String tag = parts[0];
            CompletionStage<String> answer;
            try {
                answer = handle(node, parts[1], parts.length > 2 ? parts[2] : "");
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((text, error) -> {
                String reply = error == null ? text : "err " + oneLine(error);
                synchronized (out) {
                    out.println(tag + " " + reply);
                }
            });
        }
        node.close();
        System.exit(0);
    }

    private static CompletionStage<String> handle(QuarryNode node, String command, String args) {
        String[] a = args.split(" ", 2);
        return switch (command) {
            case "up" -> CompletableFuture.completedFuture("ok " + ClusterNodes.upMembers(node));
            case "oldest" -> CompletableFuture.completedFuture("ok " + ClusterNodes.isOldest(node));
            case "register" -> node.register(new IndexSpec(a[0], a[1], null)).thenApply(reply -> switch (reply) {
                case IndexRegistry.Registered r -> "ok";
                case IndexRegistry.Rejected r -> "err " + r.message();
            });
            case "reindex" -> node.reindex(a[0], false, p -> {})
                    .thenApply(done -> done.error() == null ? "ok " + done.filesChanged() : "err " + done.error());
            case "flush" -> node.flush(a[0]).thenApply(flushed -> "ok " + flushed.durableGeneration());
            case "search" -> node.search(a[0], SearchRequest.of(a[1], 3)).thenApply(reply -> switch (reply) {
                case SearchReply.Results r -> "results " + (r.hits().isEmpty() ? "-" : r.hits().get(0).path());
                case SearchReply.Unavailable u -> "unavailable " + u.state() + " " + oneLine(u.reason());
                case SearchReply.Rejected r -> "err " + r.message();
            });
            case "hosted" -> CompletableFuture.completedFuture(
                    "ok " + node.statuses().stream().map(IndexStatus::id).collect(Collectors.joining(",")));
            default -> CompletableFuture.failedFuture(new IllegalArgumentException("unknown command: " + command));
        };
    }

    private static String oneLine(Object o) {
        return String.valueOf(o).replace('\n', ' ');
    }
}
