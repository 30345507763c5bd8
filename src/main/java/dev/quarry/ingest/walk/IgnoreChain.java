package dev.quarry.ingest.walk;

import dev.quarry.ingest.walk.IgnoreRules.Verdict;

/**
 * The ignore rules in force in one directory, highest precedence first: its own ignore files,
 * then each ancestor's, then the root's {@code .git/info/exclude}. The first rules with an
 * opinion decide, so deeper files override shallower ones. Immutable and shared by every
 * directory that adds no ignore file of its own.
 */
final class IgnoreChain {
    private static final IgnoreChain EMPTY = new IgnoreChain(new IgnoreRules[0]);

    private final IgnoreRules[] byPrecedence;

    private IgnoreChain(IgnoreRules[] byPrecedence) {
        this.byPrecedence = byPrecedence;
    }

    static IgnoreChain empty() {
        return EMPTY;
    }

    /** A chain where {@code rules} outrank every rule already here. */
    IgnoreChain with(IgnoreRules rules) {
        if (rules.isEmpty()) {
            return this;
        }
        IgnoreRules[] extended = new IgnoreRules[byPrecedence.length + 1];
        extended[0] = rules;
        System.arraycopy(byPrecedence, 0, extended, 1, byPrecedence.length);
        return new IgnoreChain(extended);
    }

    Verdict verdict(String relativePath, String name, boolean isDirectory) {
        for (IgnoreRules rules : byPrecedence) {
            Verdict verdict = rules.verdict(relativePath, name, isDirectory);
            if (verdict != Verdict.NONE) {
                return verdict;
            }
        }
        return Verdict.NONE;
    }
}
