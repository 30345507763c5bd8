package dev.quarry.cli;

import dev.quarry.index.IndexRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rm", mixinStandardHelpOptions = true, description = "Unregister an index (its files on disk are never touched).")
final class RemoveCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "Index id.")
    String id;

    @Option(names = "--delete-data", description = "Also delete the index's data in the data directory.")
    boolean deleteData;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        try (QuarryClient quarry = client.connect()) {
            IndexRegistry.Unregistered removed = quarry.remove(id, deleteData);
            if (json) {
                System.out.println(Json.write(removed));
            } else {
                System.out.println("removed index " + id + (removed.dataDeleted() ? " and deleted its data" : ""));
            }
            if (removed.error() != null) {
                System.err.println("quarry: " + removed.error());
                return 1;
            }
            return 0;
        }
    }
}
