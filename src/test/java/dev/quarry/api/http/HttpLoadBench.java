package dev.quarry.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.quarry.api.QuarryConfig;
import dev.quarry.daemon.Daemon;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-run measurement, not a test: a real daemon (in this JVM) indexes a large tree, then answers
 * rounds of 1,000 concurrent {@code POST /indexes/{id}/search} requests (saturation: latency is mostly
 * queueing) alternating with searches one at a time (service time), first idle and then while a
 * forced reindex of the same index runs. Run with
 * {@code ./mvnw -o -q test -Dtest=HttpLoadBench -Dquarry.bench=true -Dquarry.bench.root=/tmp/http-kernel/linux-source-6.1}
 * (add {@code -Dquarry.bench.data=DIR} to keep the index between runs); results are in
 * target/surefire-reports/dev.quarry.api.http.HttpLoadBench-output.txt.
 */
@EnabledIfSystemProperty(named = "quarry.bench", matches = "true")
class HttpLoadBench {
    private static final int CONCURRENT = 1000;
    private static final List<String> QUERIES = List.of(
            "spin_lock_irqsave", "kmalloc GFP_KERNEL", "tcp congestion window", "ext4 inode extent", "page fault handler",
            "schedule timeout", "copy_from_user", "netlink socket", "mutex_lock", "rcu_read_lock", "btrfs transaction commit",
            "skb_put", "workqueue", "hrtimer_start", "vfs_read", "sound pcm hw_params", "x86 tlb flush", "cgroup", "ioctl", "mmap");

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private URI base;

    record Sample(long clientMicros, long serverMicros, int status) {}

    @Test
    void measure() throws Exception {
        Path root = Path.of(System.getProperty("quarry.bench.root"));
        String keep = System.getProperty("quarry.bench.data");
        QuarryConfig config = QuarryConfig.withDataDir(keep != null ? Path.of(keep) : temp.resolve("data"));
        HttpSettings settings = HttpSettings.from(ConfigFactory.parseMap(Map.of("quarry.http.port", 0)).withFallback(config.raw()));
        Daemon daemon = Daemon.start(config, settings);
        try {
            base = daemon.info().baseUri();
            System.out.printf("machine: %d cores, load average %.1f at start%n", Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            call("POST", "/indexes", "{\"id\":\"bench\",\"root\":\"" + root + "\",\"options\":{\"lexical_only\":true}}");
            awaitLoaded();
            long started = System.nanoTime();
            call("POST", "/indexes/bench/reindex", "{}");
            JsonNode done = awaitWalk();
            System.out.printf("first walk: %s in %.1f s%n", done, (System.nanoTime() - started) / 1e9);
            JsonNode status = call("GET", "/indexes/bench", null);
            System.out.printf("index: %d files, %d chunks%n", status.path("files").asLong(), status.path("chunks").asLong());

            rounds("warm-up", 2, new AtomicBoolean(true));
            report("idle, 1000 concurrent", rounds("idle", 5, new AtomicBoolean(true)));
            report("idle, one at a time", sequential(2000, new AtomicBoolean(true)));

            call("POST", "/indexes/bench/reindex", "{\"force\":true}");
            AtomicBoolean reindexing = new AtomicBoolean(true);
            CompletableFuture<JsonNode> walk = CompletableFuture.supplyAsync(() -> {
                JsonNode last = awaitWalk();
                reindexing.set(false);
                return last;
            });
            List<Sample> concurrent = new ArrayList<>();
            List<Sample> oneByOne = new ArrayList<>();
            while (reindexing.get()) {
                concurrent.addAll(rounds("during forced reindex", 1, reindexing));
                oneByOne.addAll(sequential(300, reindexing));
            }
            System.out.printf("forced reindex: %s%n", walk.join());
            report("during forced reindex, 1000 concurrent", concurrent);
            report("during forced reindex, one at a time", oneByOne);
        } finally {
            daemon.stop();
        }
    }

    /** Rounds of CONCURRENT simultaneous searches, until {@code max} rounds or {@code keepGoing} turns false. */
    private List<Sample> rounds(String label, int max, AtomicBoolean keepGoing) {
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        int rounds = 0;
        while (rounds < max && keepGoing.get()) {
            List<CompletableFuture<Void>> inFlight = new ArrayList<>(CONCURRENT);
            for (int i = 0; i < CONCURRENT; i++) {
                String query = QUERIES.get((rounds * CONCURRENT + i) % QUERIES.size());
                inFlight.add(search(query).thenAccept(samples::add));
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
            rounds++;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%s: %d rounds, %d searches in %.1f s = %.0f searches/s%n", label, rounds, samples.size(), seconds,
                samples.size() / seconds);
        return samples;
    }

    /** Searches one at a time: the service time of one search, without queueing behind others. */
    private List<Sample> sequential(int max, AtomicBoolean keepGoing) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < max && keepGoing.get(); i++) {
            samples.add(search(QUERIES.get(i % QUERIES.size())).join());
        }
        return samples;
    }

    private void awaitLoaded() throws Exception {
        while (call("GET", "/indexes/bench", null).path("state").asText().equals("loading")) {
            Thread.sleep(100);
        }
    }

    private CompletableFuture<Sample> search(String query) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/indexes/bench/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + query + "\",\"top_k\":10}")).build();
        long sent = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            long client = (System.nanoTime() - sent) / 1000;
            if (error != null) {
                return new Sample(client, -1, -1);
            }
            long server = -1;
            if (response.statusCode() == 200) {
                try {
                    server = WireJson.lenient().readTree(response.body()).path("took_micros").asLong();
                } catch (Exception e) {
                    server = -1;
                }
            }
            return new Sample(client, server, response.statusCode());
        });
    }

    private static void report(String label, List<Sample> samples) {
        long errors = samples.stream().filter(s -> s.status() != 200).count();
        List<Long> client = samples.stream().map(Sample::clientMicros).sorted().toList();
        List<Long> server = samples.stream().filter(s -> s.status() == 200).map(Sample::serverMicros).sorted().toList();
        System.out.printf("%s: %d searches, %d errors; client p50 %.1f ms p99 %.1f ms; server p50 %.2f ms p99 %.2f ms%n",
                label, samples.size(), errors, pct(client, 50), pct(client, 99), pct(server, 50), pct(server, 99));
    }

    private static double pct(List<Long> sortedMicros, int p) {
        if (sortedMicros.isEmpty()) {
            return Double.NaN;
        }
        return sortedMicros.get(Math.min(sortedMicros.size() - 1, sortedMicros.size() * p / 100)) / 1000.0;
    }

    /** Follows the events stream to its final event. */
    private JsonNode awaitWalk() {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/indexes/bench/events")).GET().build();
            List<String> data = http.send(request, HttpResponse.BodyHandlers.ofLines()).body()
                    .filter(line -> line.startsWith("data:") && line.length() > 5).toList();
            return WireJson.lenient().readTree(data.getLast().substring(5));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode call(String method, String path, String json) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json");
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + ": " + response.body());
        }
        return WireJson.lenient().readTree(response.body());
    }
}
