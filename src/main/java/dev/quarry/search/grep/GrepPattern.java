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

    private GrepPattern(Pattern regex, Query candidates, LinePrefilter prefilter) {
        this.regex = regex;
        this.candidates = candidates;
        this.prefilter = prefilter;
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
        return new GrepPattern(regex, candidates, LinePrefilter.choose(requirement));
    }

    Query candidates() {
        return candidates;
    }

    /** Null when no literal is certain to occur in a match. */
    LinePrefilter prefilter() {
        return prefilter;
    }

    /** A matcher for one thread; reset it per line. */
    Matcher matcher() {
        return regex.matcher("");
    }
}
