package dev.quarry.cli;

import dev.quarry.search.SymbolCall;
import dev.quarry.search.SymbolDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Text lines of the symbol commands: {@code path:line  qualified_name  kind}, plus the resolution for
 * calls. A call going up shows its caller; going down, what it calls.
 */
final class SymbolLines {
    private static final String UP = "up";
    private static final int MAX_NAMES_SHOWN = 3;

    private SymbolLines() {}

    static String definition(String prefix, SymbolDefinition d) {
        return prefix + d.path() + ":" + d.startLine() + "  " + d.qualifiedName() + "  " + d.kind();
    }

    static String call(String prefix, SymbolCall call, String direction) {
        String site = prefix + call.path() + ":" + call.line() + "  ";
        if (UP.equals(direction)) {
            return call.caller() == null
                    ? site + "(top level)  -  " + call.resolution()
                    : site + call.caller().qualifiedName() + "  " + call.caller().kind() + "  " + call.resolution();
        }
        if (call.candidates().isEmpty()) {
            String written = call.qualifier() == null ? call.callee() : call.qualifier() + "." + call.callee();
            return site + written + "  -  " + call.resolution();
        }
        // overloads share a name: show each name once and say how many definitions stand behind them
        List<String> names = call.candidates().stream().map(SymbolDefinition::qualifiedName).distinct().toList();
        String shown = String.join(" | ", names.subList(0, Math.min(MAX_NAMES_SHOWN, names.size())))
                + (names.size() > MAX_NAMES_SHOWN ? " | +" + (names.size() - MAX_NAMES_SHOWN) + " more" : "")
                + (call.candidates().size() > names.size() ? " (" + call.candidates().size() + " candidates)" : "");
        return site + shown + "  " + call.candidates().get(0).kind() + "  " + call.resolution();
    }

    /** One block per path, each call indented one step further from the symbol; blocks apart by a blank line. */
    static List<String> chains(String prefix, List<List<SymbolCall>> paths, String direction) {
        List<String> lines = new ArrayList<>();
        for (List<SymbolCall> path : paths) {
            if (!lines.isEmpty()) {
                lines.add("");
            }
            for (int depth = 0; depth < path.size(); depth++) {
                lines.add("  ".repeat(depth) + call(prefix, path.get(depth), direction));
            }
        }
        return lines;
    }
}
