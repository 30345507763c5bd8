package dev.quarry.cluster;

import com.typesafe.config.ConfigFactory;
import dev.quarry.api.QuarryConfig;
import dev.quarry.api.QuarryNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Several clustered {@link QuarryNode}s in this JVM on 127.0.0.1, sharing one store directory. Node 0
 * is the seed; {@code min-nr-of-members} is the node count so shards spread over all of them.
 */
final class ClusterNodes implements AutoCloseable {
    private final List<QuarryNode> nodes = new ArrayList<>();
    private final List<Boolean> open = new ArrayList<>();
    private final Path sharedDir;

    private ClusterNodes(Path sharedDir) {
        this.sharedDir = sharedDir;
    }

    /** Starts {@code count} nodes under {@code root} and waits until all of them are Up. */
    static ClusterNodes start(Path root, int count, Duration passivateIdleAfter) throws IOException {
        return start(root, count, passivateIdleAfter, "");
    }

    /** @param overrides HOCON laid over every node's config */
    static ClusterNodes start(Path root, int count, Duration passivateIdleAfter, String overrides) throws IOException {
        ClusterNodes cluster = new ClusterNodes(root.resolve("shared"));
        int[] ports = freePorts(count);
        try {
            for (int i = 0; i < count; i++) {
                QuarryConfig config = config(root, i, ports, passivateIdleAfter);
                cluster.nodes.add(QuarryNode.start(
                        QuarryConfig.from(ConfigFactory.parseString(overrides).withFallback(config.raw()))));
                cluster.open.add(true);
            }
            cluster.awaitUp(count, Duration.ofSeconds(30));
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    static QuarryConfig config(Path root, int index, int[] ports, Duration passivateIdleAfter) {
        return config(root.resolve("node-" + index), ports[index], ports[0], ports.length, root.resolve("shared"),
                passivateIdleAfter, Duration.ofSeconds(2));
    }

    /** A clustered node on 127.0.0.1 with short test intervals; {@code seedPort} is the first node's port. */
    static QuarryConfig config(Path dataDir, int port, int seedPort, int members, Path sharedDir,
                               Duration passivateIdleAfter, Duration downUnreachableAfter) {
        return QuarryConfig.from(ConfigFactory.parseString("""
                quarry.data-dir = "%s"
                quarry.index.refresh-interval = 50ms
                quarry.search.parallelism = 2
                quarry.ingest.parallelism = 2
                quarry.cluster {
                  enabled = on
                  hostname = "127.0.0.1"
                  port = %d
                  seed-nodes = ["127.0.0.1:%d"]
                  min-nr-of-members = %d
                  shared-dir = "%s"
                  passivate-idle-after = %dms
                  down-unreachable-after = %dms
                }
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                # Nodes started before the seed retry joining sooner than the 5 s / 10 s defaults.
                pekko.cluster.seed-node-timeout = 1s
                pekko.cluster.retry-unsuccessful-join-after = 1s
                """.formatted(dataDir, port, seedPort, members, sharedDir, passivateIdleAfter.toMillis(),
                downUnreachableAfter.toMillis())).withFallback(ConfigFactory.load()));
    }

    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    QuarryNode node(int i) {
        return nodes.get(i);
    }

    int size() {
        return nodes.size();
    }

    Path sharedDir() {
        return sharedDir;
    }

    /** The open nodes that have index {@code id} open (published a view). */
    List<Integer> hosts(String id) {
        List<Integer> hosts = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (open.get(i) && nodes.get(i).status(id).isPresent()) {
                hosts.add(i);
            }
        }
        return hosts;
    }

    /** Leaves the cluster gracefully (its indexes are handed off) and waits until the others see it gone. */
    void leave(int i) {
        nodes.get(i).close();
        open.set(i, false);
        awaitUp((int) open.stream().filter(b -> b).count(), Duration.ofSeconds(30));
    }

    private void awaitUp(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int i = 0; i < nodes.size(); i++) {
                if (open.get(i)) {
                    all &= upMembers(nodes.get(i)) == expected;
                }
            }
            if (all) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("cluster did not reach " + expected + " Up members within " + timeout);
    }

    /** True when this node is the oldest Up member: it runs the shard coordinator and the registry singleton. */
    static boolean isOldest(QuarryNode node) {
        Cluster cluster = Cluster.get(node.system());
        for (var m : cluster.state().getMembers()) {
            if (m.status() == MemberStatus.up() && m.isOlderThan(cluster.selfMember())) {
                return false;
            }
        }
        return true;
    }

    int oldest() {
        for (int i = 0; i < nodes.size(); i++) {
            if (open.get(i) && isOldest(nodes.get(i))) {
                return i;
            }
        }
        throw new IllegalStateException("no open node is the oldest");
    }

    static long upMembers(QuarryNode node) {
        var members = Cluster.get(node.system()).state().getMembers();
        long up = 0;
        for (var m : members) {
            if (m.status() == MemberStatus.up()) {
                up++;
            }
        }
        return up;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Non-seed nodes first: the seed then leaves in about 2 s instead of waiting 10 s (notes/stack.md gotcha 4). */
    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (open.get(i)) {
                nodes.get(i).close();
                open.set(i, false);
            }
        }
    }

}
