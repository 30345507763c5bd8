package dev.quarry.cli;

import dev.quarry.api.QuarryConfig;
import dev.quarry.api.http.HttpSettings;
import dev.quarry.daemon.Daemon;
import dev.quarry.daemon.DaemonControl;
import dev.quarry.daemon.DaemonInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = "Start, stop or inspect the daemon that serves a data directory (other commands start it when needed).",
        subcommands = {DaemonCommand.Start.class, DaemonCommand.Stop.class, DaemonCommand.Status.class})
final class DaemonCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the daemon in the background (or in this terminal with --foreground).")
    static final class Start implements Callable<Integer> {
        @Option(names = "--foreground", description = "Run in this process, logging to stderr, until stopped.")
        boolean foreground;

        @Option(names = "--port", description = "Port to listen on (default: quarry.http.port, 7420; 0 picks a free one).")
        Integer port;

        @Mixin
        ClientOptions client;

        @Override
        public Integer call() throws Exception {
            QuarryConfig config = client.config();
            HttpSettings http = HttpSettings.from(config.raw());
            if (port != null) {
                http = http.withPort(port);
            }
            if (!foreground) {
                DaemonInfo daemon = client.daemon(http).startDetached();
                System.out.println(describe(daemon));
                return 0;
            }
            Daemon daemon = Daemon.start(config, http);
            System.err.println("quarry: " + describe(daemon.info()));
            daemon.awaitStopped();
            System.err.println("quarry: daemon stopped; every index was flushed");
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Flush every index and stop the daemon; waits until it has exited.")
    static final class Stop implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            DaemonControl control = client.daemon(HttpSettings.from(client.config().raw()));
            Optional<DaemonInfo> stopped = control.stop();
            System.out.println(stopped.map(d -> "stopped the daemon (pid " + d.pid() + ") of " + d.dataDir())
                    .orElse("no daemon is running for " + client.config().dataDir()));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Whether a daemon serves the data directory, and what it reports. Exit code 1 when none runs.")
    static final class Status implements Callable<Integer> {
        @Option(names = "--json", description = "Print the status as JSON.")
        boolean json;

        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            Optional<DaemonControl.Running> running = client.daemon(HttpSettings.from(client.config().raw())).find();
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("running", running.isPresent());
                running.ifPresent(r -> {
                    out.put("daemon", r.info());
                    out.put("health", r.health());
                });
                System.out.println(Json.write(out));
            } else if (running.isEmpty()) {
                System.out.println("no daemon is running for " + client.config().dataDir());
            } else {
                var health = running.get().health();
                var counts = health.indexes();
                System.out.println(describe(running.get().info()));
                System.out.printf("status %s, version %s, up %d s; indexes: %d registered, %d ready, %d indexing, %d loading, "
                                + "%d quarantined, %d failed; %d files, %d chunks%n", health.status(), health.version(),
                        health.uptimeSeconds(), counts.registered(), counts.ready(), counts.indexing(), counts.loading(),
                        counts.quarantined(), counts.failed(), health.files(), health.chunks());
            }
            return running.isPresent() ? 0 : 1;
        }
    }

    private static String describe(DaemonInfo daemon) {
        return "daemon (pid " + daemon.pid() + ") serving " + daemon.dataDir() + " on " + daemon.baseUri();
    }
}
