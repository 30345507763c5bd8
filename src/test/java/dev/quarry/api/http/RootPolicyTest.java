package dev.quarry.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which directories may become roots, and which pushed paths stay inside one, on a fake home directory. */
class RootPolicyTest {
    @TempDir
    Path temp;

    private RootPolicy policy(Map<String, Object> overrides) throws Exception {
        HttpSettings settings = HttpSettings.from(ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.load()));
        return RootPolicy.create(settings, Files.createDirectories(temp.resolve("home")));
    }

    private static String refusal(RootPolicy policy, Path root) {
        ApiException e = assertThrows(ApiException.class, () -> policy.check(root.toString()));
        return e.body().error() + " " + e.body().details().getOrDefault("rule", "");
    }

    @Test
    void credentialsSystemDirsAndHomeItselfAreRefusedWithTheRule() throws Exception {
        RootPolicy policy = policy(Map.of());
        Path home = temp.resolve("home").toRealPath();
        Path ssh = Files.createDirectories(home.resolve(".ssh/keys"));
        Path repo = Files.createDirectories(home.resolve("src/repo"));
        Path link = Files.createSymbolicLink(home.resolve("src/innocent"), home.resolve(".ssh"));

        assertEquals("root_denied ~/.ssh", refusal(policy, ssh));
        assertEquals("root_denied ~/.ssh", refusal(policy, link), "checked on the canonical path");
        assertEquals("root_denied ~ (the home directory)", refusal(policy, home));
        assertEquals("root_denied a directory containing ~", refusal(policy, temp));
        assertEquals("root_denied /etc", refusal(policy, Path.of("/etc")));
        assertEquals("root_denied /tmp", refusal(policy, Path.of("/tmp")));
        assertEquals(repo, policy.check(repo.toString()));
    }

    @Test
    void configuredDenyAndAllowListsApply() throws Exception {
        Path allowed = Files.createDirectories(temp.resolve("home/src"));
        Path other = Files.createDirectories(temp.resolve("home/work/repo"));
        Path secret = Files.createDirectories(temp.resolve("home/src/secret"));
        RootPolicy policy = policy(Map.of("quarry.security.allowed-roots", List.of(allowed.toString()),
                "quarry.security.denied-roots", List.of(secret.toString())));
        assertEquals("root_not_allowed ", refusal(policy, other));
        assertEquals("root_denied " + secret + " (quarry.security.denied-roots)", refusal(policy, secret));
        Path repo = Files.createDirectories(allowed.resolve("repo"));
        assertEquals(repo.toRealPath(), policy.check(repo.toString()));
    }

    @Test
    void pushedPathsResolveInsideTheRoot() throws Exception {
        Path root = Files.createDirectories(temp.resolve("root"));
        Files.createDirectories(root.resolve("src"));
        Files.createSymbolicLink(root.resolve("inside"), root.resolve("src"));
        Files.createSymbolicLink(root.resolve("out"), temp);
        Files.createSymbolicLink(root.resolve("dangling"), temp.resolve("nowhere"));
        assertEquals("src/new/File.java", PushedPath.check(root.toString(), "src/new/File.java"));
        assertEquals("inside/File.java", PushedPath.check(root.toString(), "inside/File.java"));
        for (String path : List.of("out/File.java", "dangling", "../root/x", "/abs", "a/./b")) {
            assertThrows(ApiException.class, () -> PushedPath.check(root.toString(), path), path);
        }
    }
}
