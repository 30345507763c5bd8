package dev.quarry.cli;

import dev.quarry.search.grep.GrepReply;
import dev.quarry.search.grep.GrepRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quarry grep}: ripgrep's everyday options over indexed files, answered from the trigram index. */
@Command(name = "grep", mixinStandardHelpOptions = true,
        description = "Search indexed files line by line with a regex (ripgrep syntax) or a fixed string.")
final class GrepCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The pattern (Rust/ripgrep regex syntax unless -F).")
    String pattern;

    @Option(names = {"-F", "--fixed-strings"}, description = "Treat the pattern as a literal string.")
    boolean fixedStrings;

    @Option(names = {"-i", "--ignore-case"}, description = "Match case-insensitively (Unicode simple case folding).")
    boolean ignoreCase;

    @Option(names = {"-w", "--word-regexp"}, description = "Only match whole words.")
    boolean word;

    @Option(names = {"-v", "--invert-match"}, description = "Select lines that do not match.")
    boolean invert;

    @Option(names = {"-l", "--files-with-matches"}, description = "Print only the paths of files with a match.")
    boolean filesWithMatches;

    @Option(names = {"-c", "--count"}, description = "Print the number of matching lines per file.")
    boolean count;

    @Option(names = {"-A", "--after-context"}, paramLabel = "NUM", description = "Lines to show after each match.")
    int after;

    @Option(names = {"-B", "--before-context"}, paramLabel = "NUM", description = "Lines to show before each match.")
    int before;

    @Option(names = {"-C", "--context"}, paramLabel = "NUM", description = "Lines to show before and after each match.")
    Integer context;

    @Option(names = {"-g", "--glob"}, paramLabel = "GLOB",
            description = "Only files matching this gitignore-style glob; '!' excludes (repeatable).")
    List<String> globs = List.of();

    @Option(names = {"-m", "--max-count"}, paramLabel = "NUM", description = "At most NUM matching lines per file.")
    int maxCount;

    @Option(names = "--max-results", paramLabel = "NUM",
            description = "At most NUM results per index (default ${DEFAULT-VALUE}).")
    int maxResults = GrepRequest.DEFAULT_MAX_RESULTS;

    @Option(names = "--index", description = "Index id to grep (repeatable; default: all).")
    List<String> indexes = List.of();

    @Option(names = "--json", description = "Print the replies as JSON.")
    boolean json;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        GrepRequest request = new GrepRequest(pattern, fixedStrings, ignoreCase, word, invert, filesWithMatches, count,
                context != null ? context : before, context != null ? context : after, globs, maxCount, maxResults)
                .validated();
        try (QuarryClient quarry = client.connect()) {
            List<GrepReply> replies = quarry.grep(indexes, request);
            List<GrepReply.Results> results = new ArrayList<>();
            boolean failed = false;
            for (GrepReply reply : replies) {
                switch (reply) {
                    case GrepReply.Results r -> results.add(r);
                    case GrepReply.Unavailable u -> {
                        System.err.println("quarry: " + u.indexId() + ": unavailable (" + u.reason() + ")");
                        failed = true;
                    }
                    case GrepReply.Rejected r -> throw new IllegalArgumentException(r.message());
                }
            }
            if (replies.isEmpty()) {
                System.err.println("quarry: no indexes yet; create one with 'quarry index PATH'");
            }
            if (json) {
                System.out.println(Json.write(results));
            } else {
                print(results, replies.size() > 1);
            }
            results.stream().filter(GrepReply.Results::truncated).forEach(r -> System.err.println(
                    "quarry: " + r.indexId() + ": stopped at " + request.maxResults() + " results (--max-results)"));
            boolean found = results.stream().anyMatch(r -> !r.matches().isEmpty() || !r.files().isEmpty() || !r.counts().isEmpty());
            return failed ? 2 : found ? 0 : 1; // ripgrep's exit codes
        }
    }

    /** ripgrep's plain output: path:line:text for matches, path-line-text for context, "--" between groups. */
    private void print(List<GrepReply.Results> results, boolean many) {
        boolean grouped = before > 0 || after > 0 || (context != null && context > 0);
        String lastPath = null;
        int lastLine = 0;
        for (GrepReply.Results r : results) {
            String prefix = many ? r.indexId() + "/" : "";
            r.files().forEach(path -> System.out.println(prefix + path));
            r.counts().forEach(c -> System.out.println(prefix + c.path() + ":" + c.count()));
            for (GrepReply.Line line : r.matches()) {
                String path = prefix + line.path();
                if (grouped && lastPath != null && (!path.equals(lastPath) || line.line() != lastLine + 1)) {
                    System.out.println("--");
                }
                System.out.println(path + (line.context() ? "-" : ":") + line.line() + (line.context() ? "-" : ":") + line.text());
                lastPath = path;
                lastLine = line.line();
            }
        }
    }
}
