package dev.quarry.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code quarry.cluster} section: whether this node joins a Pekko cluster, where it listens, whom
 * it joins and where the store every node shares lives. Off by default — one embedded node needs none
 * of it.
 *
 * @param seedNodes            "host:port" (or full {@code pekko://Quarry@host:port}) of the nodes to join
 * @param minMembers           shards are allocated only once this many nodes are up
 * @param sharedDir            holds registry.json and indexes/; mounted at the same path on every node
 * @param passivateIdleAfter   an index with no request for this long is flushed and unloaded
 * @param downUnreachableAfter how long an unreachable node (with stable membership) waits before it is downed
 */
public record ClusterSettings(
        boolean enabled,
        String hostname,
        int port,
        List<String> seedNodes,
        int minMembers,
        Path sharedDir,
        Duration passivateIdleAfter,
        Duration downUnreachableAfter) {

    public ClusterSettings {
        seedNodes = List.copyOf(seedNodes);
        if (enabled && sharedDir == null) {
            throw new IllegalArgumentException("quarry.cluster.shared-dir must name the directory every node mounts at"
                    + " the same path (NFS or a shared volume): snapshots and the registry live there");
        }
        if (minMembers < 1) {
            throw new IllegalArgumentException("quarry.cluster.min-nr-of-members must be at least 1: " + minMembers);
        }
    }

    /** @param quarry the {@code quarry} section */
    public static ClusterSettings from(Config quarry) {
        Config c = quarry.getConfig("cluster");
        String shared = c.getString("shared-dir");
        return new ClusterSettings(
                c.getBoolean("enabled"),
                c.getString("hostname"),
                c.getInt("port"),
                c.getStringList("seed-nodes"),
                c.getInt("min-nr-of-members"),
                shared.isBlank() ? null : Path.of(shared).toAbsolutePath().normalize(),
                c.getDuration("passivate-idle-after"),
                c.getDuration("down-unreachable-after"));
    }

    /**
     * The Pekko settings that follow from this section — provider, remoting, seeds, split-brain resolver,
     * passivation — to lay over the loaded config. Users set the {@code quarry.cluster} keys, not these.
     */
    public Config pekkoConfig(String systemName) {
        return ConfigFactory.parseMap(Map.of(
                "pekko.actor.provider", "cluster",
                "pekko.remote.artery.canonical.hostname", hostname,
                "pekko.remote.artery.canonical.port", port,
                "pekko.cluster.seed-nodes", seedNodes.stream().map(s -> address(systemName, s)).toList(),
                "pekko.cluster.min-nr-of-members", minMembers,
                "pekko.cluster.downing-provider-class", "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider",
                "pekko.cluster.split-brain-resolver.active-strategy", "keep-majority",
                "pekko.cluster.split-brain-resolver.stable-after", downUnreachableAfter.toMillis() + "ms",
                "pekko.cluster.sharding.passivation.strategy", "default-idle-strategy",
                "pekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout",
                passivateIdleAfter.toMillis() + "ms"));
    }

    private static String address(String systemName, String seed) {
        if (seed.startsWith("pekko://")) {
            return seed;
        }
        if (!seed.matches("[^:/@]+:\\d+")) {
            throw new IllegalArgumentException("quarry.cluster.seed-nodes entries must be host:port: " + seed);
        }
        return "pekko://" + systemName + "@" + seed;
    }
}
