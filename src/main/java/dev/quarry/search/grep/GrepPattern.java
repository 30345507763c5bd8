package dev.quarry.search.grep;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.quarry.index.lucene.ChunkSchema;
import org.apache.lucene.search.Query;

/**
 * A grep pattern ready to run: the re2j program that verifies lines (linear time in the line, so
 * no pattern can hang the daemon), the trigram query that picks candidate files, and the literal
 * prefilter that picks candidate lines.
 */
final class GrepPattern {
    /** re2j program instructions; bounds compile time and per-character work for patterns like {@code (x{500}){500}}. */
    static final int MAX_PROGRAM_SIZE = 200_000;

    private final Pattern regex;
    private final Query candidates;
    private final LinePrefilter prefilter;
    private final boolean prefilterDecides;

    private GrepPattern(Pattern regex, Query candidates, LinePrefilter prefilter, boolean prefilterDecides) {
        this.regex = regex;
        this.candidates = candidates;
        this.prefilter = prefilter;
        this.prefilterDecides = prefilterDecides;
    }

    /** @throws IllegalArgumentException for an invalid or too expensive pattern, with the reason */
    static GrepPattern compile(GrepRequest request) {
        RegexNode tree = request.fixedStrings()
                ? RegexParser.literal(request.pattern(), request.caseInsensitive())
                : RegexParser.parse(request.pattern(), request.caseInsensitive());
        Pattern regex;
        try {
            regex = Pattern.compile(Re2jRenderer.render(tree, request.word()));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid pattern '" + request.pattern() + "': " + e.getDescription(), e);
        }
        if (regex.programSize() > MAX_PROGRAM_SIZE) {
            throw new IllegalArgumentException("pattern '" + request.pattern() + "' is too large once compiled ("
                    + regex.programSize() + " instructions, limit " + MAX_PROGRAM_SIZE + ")");
        }
        Requirement requirement = TrigramPlanner.plan(tree);
        // Inverted, a file without the pattern's literals is all matches: every file is a candidate.
        Query candidates = request.invert() ? ChunkSchema.allFiles() : CandidateQuery.of(requirement);
        LinePrefilter prefilter = LinePrefilter.choose(requirement);
        // A case-sensitive literal without -w matches exactly the lines that contain it.
        boolean decides = prefilter != null && !prefilter.folded() && !request.word() && isExactLiteral(tree);
        return new GrepPattern(regex, candidates, prefilter, decides);
    }

    private static boolean isExactLiteral(RegexNode tree) {
        return switch (tree) {
            case RegexNode.Literal l -> !l.foldCase();
            case RegexNode.Concat c -> c.items().stream().allMatch(GrepPattern::isExactLiteral);
            default -> false;
        };
    }

    Query candidates() {
        return candidates;
    }

    /** Null when no literal is certain to occur in a match. */
    LinePrefilter prefilter() {
        return prefilter;
    }

    /** Whether a line holding a prefilter needle is a match, so the regex need not run. */
    boolean prefilterDecides() {
        return prefilterDecides;
    }

    /** A matcher for one thread; reset it per line. */
    Matcher matcher() {
        return regex.matcher("");
    }
}
