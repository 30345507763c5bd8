package dev.quarry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code quarry} command. */
@Command(
        name = "quarry",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Code search for every repository on this machine.",
        subcommands = {IndexCommand.class, SearchCommand.class, GrepCommand.class, DefinitionsCommand.class, CallersCommand.class,
            CalleesCommand.class, CallChainCommand.class, StatusCommand.class, IndexesCommand.class,
            RemoveCommand.class, DaemonCommand.class, EvalCommand.class})
public final class QuarryMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        return new CommandLine(new QuarryMain())
                .setExecutionExceptionHandler(new CliErrors())
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
