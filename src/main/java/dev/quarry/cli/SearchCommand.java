package dev.quarry.cli;

import dev.quarry.api.IndexedHit;
import dev.quarry.search.SearchHit;
import dev.quarry.search.SearchRequest;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", mixinStandardHelpOptions = true, description = "Search one, several or all indexes.")
final class SearchCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "What to look for: words, an identifier, a question.")
    String query;

    @Option(names = "--index", description = "Index id to search (repeatable; default: all).")
    List<String> indexes = List.of();

    @Option(names = "--top", description = "Number of results (default ${DEFAULT-VALUE}).")
    int top = SearchRequest.DEFAULT_TOP_K;

    @Option(names = "--mode", description = "lexical, semantic or hybrid (default hybrid).")
    String mode;

    @Option(names = "--path-prefix", description = "Only results under this relative path.")
    String pathPrefix;

    @Option(names = "--language", description = "Only results in this language (java, python, go, rust, javascript, typescript, text).")
    String language;

    @Option(names = "--json", description = "Print results as JSON.")
    boolean json;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        SearchRequest request = new SearchRequest(query, top, mode, pathPrefix, language).validated();
        try (QuarryClient quarry = client.connect()) {
            SearchOutcome outcome = quarry.search(indexes, request);
            outcome.problems().forEach(p -> System.err.println("quarry: " + p));
            if (outcome.searched() == 0) {
                System.err.println("quarry: no indexes yet; create one with 'quarry index PATH'");
            }
            if (json) {
                System.out.println(Json.write(outcome.hits()));
            } else {
                boolean many = outcome.searched() > 1;
                for (IndexedHit h : outcome.hits()) {
                    SearchHit hit = h.hit();
                    System.out.printf("%s%s:%d  %s  %.3f%n", many ? h.index() + "/" : "", hit.path(), hit.startLine(),
                            hit.symbol().isEmpty() ? "-" : hit.symbol(), hit.score());
                    hit.snippet().lines().forEach(line -> System.out.println("    " + line));
                }
            }
            return outcome.problems().isEmpty() || !outcome.hits().isEmpty() ? 0 : 3;
        }
    }
}
