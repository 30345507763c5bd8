package dev.quarry.cli;

import dev.quarry.search.CallsRequest;
import dev.quarry.search.SymbolReply;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "callees", mixinStandardHelpOptions = true,
        description = "Calls made inside a symbol, in source order: path:line  callee  kind  resolution.")
final class CalleesCommand extends SymbolCommand {

    @Parameters(index = "0", description = "The calling symbol: upload, Uploader.upload, mod::func, ...")
    String symbol;

    @Option(names = "--limit", description = "Most calls per index (default ${DEFAULT-VALUE}).")
    int limit = CallsRequest.DEFAULT_LIMIT;

    @Override
    List<SymbolReply> ask(QuarryClient quarry) {
        return quarry.callees(indexes, new CallsRequest(symbol, limit).validated());
    }
}
