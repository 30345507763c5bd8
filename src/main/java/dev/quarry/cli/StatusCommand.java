package dev.quarry.cli;

import dev.quarry.index.IndexStatus;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show every index and its state.")
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print status as JSON.")
    boolean json;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        try (QuarryClient quarry = client.connect()) {
            List<IndexStatus> statuses = quarry.statuses();
            if (json) {
                System.out.println(Json.write(statuses));
                return 0;
            }
            if (statuses.isEmpty()) {
                System.out.println("no indexes");
            }
            for (IndexStatus s : statuses) {
                System.out.printf("%-24s %-11s %8d files %9d chunks %9d definitions  %s%n", s.id(), s.state().id(),
                        s.files(), s.chunks(), s.symbols().definitions(), s.root());
                if (s.symbols().missing() > 0) {
                    System.out.printf("    symbols: missing for %d of %d files (%s); the next 'quarry index' re-reads them%n",
                            s.symbols().missing(), s.files(), s.symbols().note());
                }
                if (s.lastError() != null) {
                    System.out.println("    last error: " + s.lastError());
                }
            }
            return statuses.stream().anyMatch(s -> !s.searchable()) ? 1 : 0;
        }
    }
}
