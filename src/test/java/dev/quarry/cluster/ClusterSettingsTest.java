package dev.quarry.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.quarry.api.QuarryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

    private static QuarryConfig load(String overrides) {
        return QuarryConfig.from(ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load()));
    }

    @Test
    void offByDefaultAndTheStoreIsTheDataDirectory() {
        QuarryConfig config = load("quarry.data-dir = \"/tmp/q-data\"");
        assertFalse(config.cluster().enabled());
        assertEquals(Path.of("/tmp/q-data"), config.storeDir());
        assertEquals("local", config.raw().getString("pekko.actor.provider"));
    }

    @Test
    void enabledSetsProviderRemotingSeedsDowningAndPassivation() {
        QuarryConfig config = load("""
                quarry.data-dir = "/tmp/q-data"
                quarry.cluster {
                  enabled = on
                  hostname = "10.0.0.5"
                  port = 2600
                  seed-nodes = ["10.0.0.5:2600", "pekko://Quarry@10.0.0.6:2600"]
                  min-nr-of-members = 2
                  shared-dir = "/mnt/quarry"
                  passivate-idle-after = 10m
                  down-unreachable-after = 4s
                }
                """);
        Config pekko = config.raw();
        assertEquals(Path.of("/mnt/quarry"), config.storeDir());
        assertEquals("cluster", pekko.getString("pekko.actor.provider"));
        assertEquals("10.0.0.5", pekko.getString("pekko.remote.artery.canonical.hostname"));
        assertEquals(2600, pekko.getInt("pekko.remote.artery.canonical.port"));
        assertEquals(List.of("pekko://Quarry@10.0.0.5:2600", "pekko://Quarry@10.0.0.6:2600"),
                pekko.getStringList("pekko.cluster.seed-nodes"));
        assertEquals(2, pekko.getInt("pekko.cluster.min-nr-of-members"));
        assertTrue(pekko.getString("pekko.cluster.downing-provider-class").endsWith("SplitBrainResolverProvider"));
        assertEquals("keep-majority", pekko.getString("pekko.cluster.split-brain-resolver.active-strategy"));
        assertEquals(Duration.ofSeconds(4), pekko.getDuration("pekko.cluster.split-brain-resolver.stable-after"));
        assertEquals(Duration.ofMinutes(10),
                pekko.getDuration("pekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout"));
    }

    @Test
    void aClusterWithoutASharedDirectoryOrWithBadSeedsRefusesToStart() {
        IllegalArgumentException noShared = assertThrows(IllegalArgumentException.class,
                () -> load("quarry.cluster.enabled = on"));
        assertTrue(noShared.getMessage().contains("shared-dir"), noShared.getMessage());
        IllegalArgumentException badSeed = assertThrows(IllegalArgumentException.class, () -> load("""
                quarry.cluster { enabled = on, shared-dir = "/mnt/q", seed-nodes = ["10.0.0.5"] }
                """));
        assertTrue(badSeed.getMessage().contains("host:port"), badSeed.getMessage());
    }
}
