package dev.quarry.cli;

import dev.quarry.search.SymbolReply;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the symbol commands share: which indexes they ask, JSON or text output, and how problems, notes
 * and truncation are reported (stderr, so stdout stays one result per line).
 */
abstract class SymbolCommand implements Callable<Integer> {

    @Option(names = "--index", description = "Index id to query (repeatable; default: all).")
    List<String> indexes = List.of();

    @Option(names = "--json", description = "Print the replies as JSON.")
    boolean json;

    @Mixin
    ClientOptions client;

    /** Asks the selected indexes; throws IllegalArgumentException for bad parameters. */
    abstract List<SymbolReply> ask(QuarryClient quarry);

    @Override
    public Integer call() {
        try (QuarryClient quarry = client.connect()) {
            List<SymbolReply> replies = ask(quarry);
            PrintStream out = System.out;
            PrintStream err = System.err;
            if (replies.isEmpty()) {
                err.println("quarry: no indexes yet; create one with 'quarry index PATH'");
            }
            if (json) {
                // an array keeps its element type, so each reply is written with its "type" tag
                out.println(Json.write(replies.toArray(SymbolReply[]::new)));
            }
            boolean many = replies.size() > 1;
            List<String> problems = new ArrayList<>();
            int answered = 0;
            for (SymbolReply reply : replies) {
                String prefix = many ? reply.indexId() + "/" : "";
                switch (reply) {
                    case SymbolReply.Unavailable u -> problems.add(u.indexId() + ": unavailable (" + u.reason() + ")");
                    case SymbolReply.Rejected r -> problems.add(r.indexId() + ": " + r.message());
                    case SymbolReply.Definitions d -> {
                        answered++;
                        report(err, d.indexId(), d.note(), d.definitions().size(), d.total(), "definitions");
                        if (!json) {
                            d.definitions().forEach(def -> out.println(SymbolLines.definition(prefix, def)));
                        }
                    }
                    case SymbolReply.Calls c -> {
                        answered++;
                        report(err, c.indexId(), c.note(), c.calls().size(), c.total(), "calls");
                        if (!json) {
                            c.calls().forEach(call -> out.println(SymbolLines.call(prefix, call, c.direction())));
                        }
                    }
                    case SymbolReply.Chains c -> {
                        answered++;
                        report(err, c.indexId(), c.note(), c.paths().size(), c.total(), "call paths");
                        if (!json) {
                            SymbolLines.chains(prefix, c.paths(), c.direction()).forEach(out::println);
                        }
                    }
                }
            }
            problems.forEach(p -> err.println("quarry: " + p));
            return problems.isEmpty() || answered > 0 ? 0 : 3;
        }
    }

    private static void report(PrintStream err, String indexId, String note, int shown, int total, String what) {
        if (note != null) {
            err.println("quarry: " + indexId + ": " + note);
        }
        if (total == 0) {
            err.println("quarry: " + indexId + ": no " + what + " found");
        } else if (shown < total) {
            err.println("quarry: " + indexId + ": showing " + shown + " of " + total + " " + what + " (raise --limit)");
        }
    }
}
