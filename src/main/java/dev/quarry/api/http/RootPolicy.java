package dev.quarry.api.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * Which directories may become index roots. A root must be an absolute, existing directory; it may
 * not be (or lie under) a location holding credentials or system state, nor be the home directory,
 * {@code /tmp} or a directory containing the home directory; and when an allowlist is configured it
 * must lie under one of its entries. Checked on the canonical path, so a symlink cannot sneak past.
 */
final class RootPolicy {

    /** A refused location; {@code subtree} also refuses everything under it. */
    private record Rule(String name, Path path, boolean subtree) {
        boolean matches(Path root) {
            return subtree ? root.startsWith(path) : root.equals(path);
        }
    }

    private static final List<String> SENSITIVE_IN_HOME = List.of(
            ".ssh", ".aws", ".gnupg", ".kube", ".docker", ".azure", ".password-store",
            ".config/gcloud", ".config/gh", "Library/Keychains");
    private static final List<String> SYSTEM = List.of("/etc", "/proc", "/sys", "/dev", "/boot", "/run");

    private final Path home;
    private final List<Rule> denied;
    private final List<Path> allowed;

    private RootPolicy(Path home, List<Rule> denied, List<Path> allowed) {
        this.home = home;
        this.denied = denied;
        this.allowed = allowed;
    }

    static RootPolicy create(HttpSettings settings) {
        return create(settings, Path.of(System.getProperty("user.home")));
    }

    static RootPolicy create(HttpSettings settings, Path homeDir) {
        Path home = canonical(homeDir);
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule("/tmp", canonical(Path.of("/tmp")), false));
        for (String dir : SENSITIVE_IN_HOME) {
            rules.add(new Rule("~/" + dir, home.resolve(dir), true));
        }
        for (String dir : SYSTEM) {
            rules.add(new Rule(dir, canonical(Path.of(dir)), true));
        }
        for (Path extra : settings.deniedRoots()) {
            rules.add(new Rule(extra.toString() + " (quarry.security.denied-roots)", canonical(extra), true));
        }
        return new RootPolicy(home, List.copyOf(rules),
                settings.allowedRoots().stream().map(RootPolicy::canonical).toList());
    }

    /** @return the canonical root to register */
    Path check(String root) {
        if (root == null || root.isBlank()) {
            throw ApiException.badRequest("invalid_root", "root is required");
        }
        Path path;
        try {
            path = Path.of(root);
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("invalid_root", "root is not a valid path: " + e.getMessage());
        }
        if (!path.isAbsolute()) {
            throw ApiException.badRequest("root_not_absolute", "root must be an absolute path: " + root, Map.of("root", root));
        }
        if (!Files.isDirectory(path)) {
            throw ApiException.badRequest("root_not_found", "root is not an existing directory: " + root, Map.of("root", root));
        }
        Path real = canonical(path);
        Optional<String> rule = deniedBy(real);
        if (rule.isPresent()) {
            throw ApiException.badRequest("root_denied", "refusing to index " + real + ": it matches the denylist rule "
                    + rule.get(), Map.of("root", real.toString(), "rule", rule.get()));
        }
        if (!allowed.isEmpty() && allowed.stream().noneMatch(real::startsWith)) {
            throw new ApiException(StatusCodes.FORBIDDEN, "root_not_allowed", real + " is not under any of "
                    + "quarry.security.allowed-roots " + allowed, Map.of("root", real.toString()), false);
        }
        return real;
    }

    private Optional<String> deniedBy(Path real) {
        if (home.startsWith(real)) {
            return Optional.of(real.equals(home) ? "~ (the home directory)" : "a directory containing ~");
        }
        return denied.stream().filter(r -> r.matches(real)).map(Rule::name).findFirst();
    }

    private static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }
}
