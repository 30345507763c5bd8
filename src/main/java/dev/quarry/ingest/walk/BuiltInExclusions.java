package dev.quarry.ingest.walk;

import dev.quarry.ingest.walk.IgnoreRules.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Names skipped whatever the ignore files say; no negation can bring them back. */
final class BuiltInExclusions {
    /** VCS metadata, dependency trees, build output and tool caches: huge, generated, not the user's code. */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(
            ".git", ".hg", ".svn", "node_modules", "target", "build", "dist", "vendor", ".venv", "venv",
            "__pycache__", ".tox", ".mypy_cache", ".pytest_cache", ".gradle", ".idea", ".next",
            "bower_components");

    /** Files that usually hold secrets, which must never be copied into a searchable index. */
    private static final IgnoreRules SENSITIVE_FILES = IgnoreRules.parse("", List.of(
            ".env", ".env.*", "id_rsa*", "id_ed25519*", "id_ecdsa*", "*.pem", "*.key", "*.p12", "*.pfx",
            "*.keystore", "*.jks", ".netrc", ".npmrc", ".pypirc", "credentials.json"));

    /** In a worktree or submodule ".git" is a file pointing at the repository; git never lists it either. */
    private static final String GIT_LINK_FILE = ".git";

    private BuiltInExclusions() {}

    static boolean isSkippedDirectory(String name) {
        return SKIPPED_DIRECTORIES.contains(name);
    }

    static boolean isExcludedFile(String name) {
        return name.equals(GIT_LINK_FILE) || isSensitive(name);
    }

    /** Case-insensitive: "SERVER.PEM" leaks a key just as well, so err towards skipping. */
    private static boolean isSensitive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SENSITIVE_FILES.verdict(lower, lower, false) == Verdict.IGNORE;
    }
}
