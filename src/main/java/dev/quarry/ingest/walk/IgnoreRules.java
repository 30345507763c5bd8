package dev.quarry.ingest.walk;

import java.util.List;

/**
 * The compiled patterns of one ignore file (.gitignore, .quarryignore, .git/info/exclude) or of
 * a pattern list, applying to the subtree of {@code baseDir}. Within one file the last matching
 * pattern wins.
 */
public final class IgnoreRules {
    /** What the rules say about a path; {@link #NONE} defers to lower-precedence rules. */
    public enum Verdict { IGNORE, INCLUDE, NONE }

    private final int baseLength;
    private final IgnorePattern[] patterns;

    private IgnoreRules(int baseLength, IgnorePattern[] patterns) {
        this.baseLength = baseLength;
        this.patterns = patterns;
    }

    /**
     * @param baseDir directory holding the rules, relative to the walk root, '/'-separated, "" for the root
     * @param lines   the ignore file's lines
     */
    public static IgnoreRules parse(String baseDir, List<String> lines) {
        IgnorePattern[] patterns = lines.stream()
                .flatMap(line -> IgnorePattern.parse(line).stream())
                .toArray(IgnorePattern[]::new);
        return new IgnoreRules(baseDir.isEmpty() ? 0 : baseDir.length() + 1, patterns);
    }

    /** Same as {@link #parse(String, List)} for a whole file's text. */
    public static IgnoreRules parse(String baseDir, String content) {
        return parse(baseDir, content.lines().toList());
    }

    /**
     * @param relativePath path relative to the walk root, inside {@code baseDir}
     * @param name         last segment of {@code relativePath}, passed in because the walker has it
     */
    public Verdict verdict(String relativePath, String name, boolean isDirectory) {
        String pathFromBase = relativePath.substring(baseLength);
        for (int i = patterns.length - 1; i >= 0; i--) {
            IgnorePattern pattern = patterns[i];
            if (pattern.matches(pathFromBase, name, isDirectory)) {
                return pattern.negated() ? Verdict.INCLUDE : Verdict.IGNORE;
            }
        }
        return Verdict.NONE;
    }

    public boolean isEmpty() {
        return patterns.length == 0;
    }
}
