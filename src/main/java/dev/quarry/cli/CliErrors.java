package dev.quarry.cli;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;

/** Prints a failed command's cause as one clear line on stderr instead of a stack trace. */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable t = ex;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        cmd.getErr().println("quarry: " + message);
        if (System.getenv("QUARRY_DEBUG") != null) {
            t.printStackTrace(cmd.getErr());
        }
        return t instanceof IllegalArgumentException || t instanceof dev.quarry.api.UnknownIndexException ? 2 : 1;
    }
}
