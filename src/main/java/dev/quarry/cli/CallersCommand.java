package dev.quarry.cli;

import dev.quarry.search.CallsRequest;
import dev.quarry.search.SymbolReply;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "callers", mixinStandardHelpOptions = true,
        description = "Calls that may reach a symbol, most certain first: path:line  caller  kind  resolution.")
final class CallersCommand extends SymbolCommand {

    @Parameters(index = "0", description = "The called symbol: abbreviate, StringUtils.abbreviate, mod::func, ...")
    String symbol;

    @Option(names = "--limit", description = "Most calls per index (default ${DEFAULT-VALUE}).")
    int limit = CallsRequest.DEFAULT_LIMIT;

    @Override
    List<SymbolReply> ask(QuarryClient quarry) {
        return quarry.callers(indexes, new CallsRequest(symbol, limit).validated());
    }
}
