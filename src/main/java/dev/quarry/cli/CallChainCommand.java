package dev.quarry.cli;

import dev.quarry.search.CallChainRequest;
import dev.quarry.search.SymbolReply;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "call-chain", mixinStandardHelpOptions = true,
        description = "Call paths from a symbol, up through its callers or down through its callees; one indented block per path.")
final class CallChainCommand extends SymbolCommand {

    @Parameters(index = "0", description = "The symbol to start from.")
    String symbol;

    @Option(names = "--depth", description = "Most calls per path, 1 to 10 (default ${DEFAULT-VALUE}).")
    int depth = CallChainRequest.DEFAULT_DEPTH;

    @Option(names = "--direction", description = "up (callers) or down (callees); default ${DEFAULT-VALUE}.")
    String direction = "up";

    @Option(names = "--limit", description = "Most paths per index (default ${DEFAULT-VALUE}).")
    int limit = CallChainRequest.DEFAULT_LIMIT;

    @Override
    List<SymbolReply> ask(QuarryClient quarry) {
        return quarry.callChain(indexes, new CallChainRequest(symbol, depth, direction, limit).validated());
    }
}
