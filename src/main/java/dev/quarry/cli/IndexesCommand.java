package dev.quarry.cli;

import dev.quarry.index.IndexSpec;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "indexes", mixinStandardHelpOptions = true, description = "List the registered indexes: id, root and options.")
final class IndexesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        try (QuarryClient quarry = client.connect()) {
            List<IndexSpec> indexes = quarry.indexes();
            if (json) {
                System.out.println(Json.write(indexes));
                return 0;
            }
            if (indexes.isEmpty()) {
                System.out.println("no indexes");
            }
            for (IndexSpec spec : indexes) {
                var o = spec.options();
                System.out.printf("%-24s %s%s%s%n", spec.id(), spec.root(),
                        o.lexicalOnly() ? "  lexical-only" : "",
                        o.excludes().isEmpty() ? "" : "  excludes " + String.join(",", o.excludes()));
            }
            return 0;
        }
    }
}
