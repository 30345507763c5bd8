package dev.quarry.cli;

import dev.quarry.search.DefinitionsRequest;
import dev.quarry.search.SymbolReply;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "definitions", mixinStandardHelpOptions = true,
        description = "Where a name is defined: path:line  qualified_name  kind.")
final class DefinitionsCommand extends SymbolCommand {

    @Parameters(index = "0", description = "A name (abbreviate), a qualified name (StringUtils.abbreviate, a::b) or a prefix.")
    String name;

    @Option(names = "--match", description = "exact, prefix or qualified (default: qualified when NAME has '.', '::' or '#', else exact).")
    String match;

    @Option(names = "--kind", description = "Only this kind: class, interface, method, function, constructor, struct, trait, ...")
    String kind;

    @Option(names = "--limit", description = "Most definitions per index (default ${DEFAULT-VALUE}).")
    int limit = DefinitionsRequest.DEFAULT_LIMIT;

    @Override
    List<SymbolReply> ask(QuarryClient quarry) {
        return quarry.definitions(indexes, new DefinitionsRequest(name, match, kind, limit).validated());
    }
}
