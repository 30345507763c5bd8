package dev.quarry.api.http;

import dev.quarry.index.IndexState;
import dev.quarry.index.IndexStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Request counters and search latency, rendered with the indexes' figures in Prometheus text format. */
final class ApiMetrics {
    /** Upper bounds of the search latency buckets, in seconds. */
    private static final double[] BOUNDS = {0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();
    private final LongAdder[] searchBuckets = new LongAdder[BOUNDS.length + 1];
    private final DoubleAdder searchSeconds = new DoubleAdder();

    ApiMetrics() {
        for (int i = 0; i < searchBuckets.length; i++) {
            searchBuckets[i] = new LongAdder();
        }
    }

    void recordResponse(int status) {
        responses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    void recordSearch(long nanos) {
        double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < BOUNDS.length && seconds > BOUNDS[bucket]) {
            bucket++;
        }
        searchBuckets[bucket].increment();
        searchSeconds.add(seconds);
    }

    String render(String version, int registered, List<IndexStatus> statuses) {
        StringBuilder out = new StringBuilder();
        header(out, "quarry_info", "gauge", "Build of the running daemon.");
        out.append("quarry_info{version=\"").append(escape(version)).append("\"} 1\n");
        header(out, "quarry_indexes_registered", "gauge", "Indexes in the registry.");
        out.append("quarry_indexes_registered ").append(registered).append('\n');
        header(out, "quarry_indexes", "gauge", "Open indexes by state.");
        for (IndexState state : IndexState.values()) {
            long n = statuses.stream().filter(s -> s.state() == state).count();
            out.append("quarry_indexes{state=\"").append(state.id()).append("\"} ").append(n).append('\n');
        }
        perIndex(out, statuses, "quarry_index_files", "Files indexed.", IndexStatus::files);
        perIndex(out, statuses, "quarry_index_chunks", "Chunks indexed.", IndexStatus::chunks);
        perIndex(out, statuses, "quarry_index_searchable", "1 when the index can answer searches.", s -> s.searchable() ? 1 : 0);
        perIndex(out, statuses, "quarry_index_unpersisted_generations", "Applied changes not yet durable.",
                s -> s.generation() - s.durableGeneration());
        header(out, "quarry_http_responses_total", "counter", "HTTP responses by status code.");
        new TreeMap<>(responses).forEach((status, n) ->
                out.append("quarry_http_responses_total{code=\"").append(status).append("\"} ").append(n.sum()).append('\n'));
        header(out, "quarry_search_seconds", "histogram", "Server-side time of search requests.");
        long cumulative = 0;
        for (int i = 0; i < searchBuckets.length; i++) {
            cumulative += searchBuckets[i].sum();
            String le = i < BOUNDS.length ? Double.toString(BOUNDS[i]) : "+Inf";
            out.append("quarry_search_seconds_bucket{le=\"").append(le).append("\"} ").append(cumulative).append('\n');
        }
        out.append("quarry_search_seconds_sum ").append(String.format(Locale.ROOT, "%.6f", searchSeconds.sum())).append('\n');
        out.append("quarry_search_seconds_count ").append(cumulative).append('\n');
        return out.toString();
    }

    private static void perIndex(StringBuilder out, List<IndexStatus> statuses, String name, String help,
                                 java.util.function.ToLongFunction<IndexStatus> value) {
        header(out, name, "gauge", help);
        for (IndexStatus s : statuses) {
            out.append(name).append("{index=\"").append(escape(s.id())).append("\"} ").append(value.applyAsLong(s)).append('\n');
        }
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
